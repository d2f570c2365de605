import type { Database } from "../../db/client";
import { expandSessions, findSession } from "../../scheduling/expand";
import { parseSessionId } from "../../scheduling/session-id";
import type { ExpandedSession } from "../../scheduling/types";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { resolveTemplateDefaults, toRecurrenceRule } from "../recurrences/recurrence-schedule";
import { findLiveRecurrence, type RecurrenceRow } from "../recurrences/recurrences.repository";
import type { SessionSnapshot } from "./seat-guard";
import {
  experienceWithSessionSourcesQueries,
  findMaterializedSession,
  readSessionSources,
  type SessionRow,
  type SessionSources,
} from "./sessions.repository";

/** A session as slots and bookings see it: a materialized snapshot, else the live expansion. */
export interface SessionView {
  sessionId: string;
  recurrenceId: string;
  startMs: number;
  endMs: number;
  localStart: string;
  timezone: string;
  providerId: string | null;
  capacity: number;
  recurrenceStatus: "active" | "paused";
  materialized: boolean;
  /** §15: a studio-cancelled session is always materialized. */
  status: "scheduled" | "cancelled";
  cancelledAt: number | null;
  cancelReason: string | null;
}

/**
 * A session of a window, with the seats its confirmed bookings take, the seats its unexpired
 * active holds take and its waitlist size (§14).
 */
export interface WindowSession extends SessionView {
  seatsBooked: number;
  seatsHeld: number;
  waitlistSize: number;
}

type TemplateDefaults = ReturnType<typeof resolveTemplateDefaults>;

function viewOfExpansion(
  session: ExpandedSession,
  recurrence: RecurrenceRow,
  defaults: TemplateDefaults,
): WindowSession {
  return {
    sessionId: session.session_id,
    recurrenceId: recurrence.id,
    startMs: session.start,
    endMs: session.end,
    localStart: session.local_start,
    timezone: recurrence.timezone,
    providerId: defaults.provider_id,
    capacity: defaults.capacity,
    recurrenceStatus: recurrence.status,
    materialized: false,
    status: "scheduled",
    cancelledAt: null,
    cancelReason: null,
    // Only materialized sessions can hold bookings or holds (the guard reads the snapshot).
    seatsBooked: 0,
    seatsHeld: 0,
    waitlistSize: 0,
  };
}

function viewOfSnapshot(row: SessionRow, recurrence: RecurrenceRow): SessionView {
  return {
    sessionId: row.id,
    recurrenceId: row.recurrenceId,
    startMs: row.startAt,
    endMs: row.endAt,
    localStart: row.localStart,
    timezone: row.timezone,
    providerId: row.providerId,
    capacity: row.capacity,
    recurrenceStatus: recurrence.status,
    materialized: true,
    status: row.status,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
  };
}

// Expansions come from the recurrence's own templates; this only keeps the types total.
const NO_TEMPLATE = { capacity: null, provider_id: null };

function defaultsOfTemplate(
  recurrence: RecurrenceRow,
  experience: ExperienceRow,
  templateIndex: number,
): TemplateDefaults {
  const template = recurrence.sessionTemplates[templateIndex] ?? NO_TEMPLATE;
  return resolveTemplateDefaults(template, recurrence, experience);
}

// A snapshot's start differs from its expansion's only when the recurrence's zone changed
// since: at most 26 h between UTC-12 and UTC+14, plus a DST gap. Snapshots are read this far
// around the window so one that moved out of it still hides its expansion.
const SNAPSHOT_MARGIN_MS = 3 * 86_400_000;

/** The snapshot a booking or hold stores when it materializes the session (§8). */
export function snapshotOf(view: SessionView, experience: ExperienceRow, now: number) {
  return {
    id: view.sessionId,
    organizationId: experience.organizationId,
    experienceId: experience.id,
    recurrenceId: view.recurrenceId,
    startAt: view.startMs,
    endAt: view.endMs,
    timezone: view.timezone,
    localStart: view.localStart,
    capacity: view.capacity,
    providerId: view.providerId,
    createdAt: now,
  } satisfies SessionSnapshot;
}

function expandRecurrence(
  recurrence: RecurrenceRow,
  experience: ExperienceRow,
  fromMs: number,
  toMs: number,
): WindowSession[] {
  // Defaults once per template, not once per session.
  const defaults = recurrence.sessionTemplates.map((_, index) =>
    defaultsOfTemplate(recurrence, experience, index),
  );
  const rule = toRecurrenceRule(recurrence);
  return expandSessions(rule, experience.durationMinutes, fromMs, toMs).map((session) =>
    viewOfExpansion(
      session,
      recurrence,
      defaults[session.template_index] ??
        defaultsOfTemplate(recurrence, experience, session.template_index),
    ),
  );
}

function compareByStart(a: WindowSession, b: WindowSession): number {
  if (a.startMs !== b.startMs) return a.startMs - b.startMs;
  return a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0;
}

/**
 * Every session of the experience starting in [fromMs, toMs), by start then ID, from rows read
 * with the window's snapshot margin. Sessions of deleted recurrences are left out (they are not
 * among the live rows); a materialized snapshot replaces its expansion (§8), even when the rule
 * has since moved or dropped that session.
 */
export function assembleSessionsInWindow(
  experience: ExperienceRow,
  { recurrences, snapshots }: SessionSources,
  fromMs: number,
  toMs: number,
): WindowSession[] {
  const expanded = recurrences.map((r) => expandRecurrence(r, experience, fromMs, toMs));
  // The common case, one recurrence and no booking yet, is already in order.
  if (snapshots.length === 0 && expanded.length <= 1) return expanded[0] ?? [];
  const views = new Map<string, WindowSession>();
  for (const session of expanded.flat()) views.set(session.sessionId, session);
  const recurrenceById = new Map(recurrences.map((r) => [r.id, r]));
  for (const snapshot of snapshots) {
    const recurrence = recurrenceById.get(snapshot.recurrenceId);
    if (!recurrence || snapshot.startAt < fromMs || snapshot.startAt >= toMs) {
      views.delete(snapshot.id);
      continue;
    }
    views.set(snapshot.id, {
      ...viewOfSnapshot(snapshot, recurrence),
      seatsBooked: snapshot.seatsBooked,
      seatsHeld: snapshot.seatsHeld,
      waitlistSize: snapshot.waitlistSize,
    });
  }
  return [...views.values()].sort(compareByStart);
}

/** Every session of the experience starting in [fromMs, toMs), with its seats at `now`. */
export async function listSessionsInWindow(
  db: Database,
  experience: ExperienceRow,
  fromMs: number,
  toMs: number,
  now: number,
): Promise<WindowSession[]> {
  const sources = await readSessionSources(
    db,
    experience.id,
    fromMs - SNAPSHOT_MARGIN_MS,
    toMs + SNAPSHOT_MARGIN_MS,
    now,
  );
  return assembleSessionsInWindow(experience, sources, fromMs, toMs);
}

/** The instants [fromMs, toMs) a list of sessions covers (by their starts). */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/** The rows a window of one experience's sessions is built from (see sessionsOfWindowRows). */
export interface WindowRows extends SessionSources, TimeWindow {
  experience: ExperienceRow;
}

/**
 * The statements reading the experience (of the organization) and the rows of its sessions in
 * [fromMs, toMs) with seats at `now`, for one D1 batch, and how to read their results: null
 * when the organization has no such experience. The sessions are a pure function of these rows
 * (sessionsOfWindowRows).
 */
export function experienceWindowReads(
  db: Database,
  organizationId: string,
  experienceId: string,
  { fromMs, toMs }: TimeWindow,
  now: number,
) {
  const reads = experienceWithSessionSourcesQueries(
    db,
    organizationId,
    experienceId,
    fromMs - SNAPSHOT_MARGIN_MS,
    toMs + SNAPSHOT_MARGIN_MS,
    now,
  );
  return {
    statements: reads.statements,
    rowsOf(results: readonly unknown[]): WindowRows | null {
      const { experience, ...sources } = reads.rowsOf(results);
      return experience ? { experience, ...sources, fromMs, toMs } : null;
    },
  };
}

export function sessionsOfWindowRows(rows: WindowRows): WindowSession[] {
  return assembleSessionsInWindow(rows.experience, rows, rows.fromMs, rows.toMs);
}

/**
 * The session a booking names, from its rows as read (the live recurrence its ID names, and
 * its snapshot if materialized), or null when it does not exist: malformed ID, a recurrence
 * that is unknown, deleted or of another experience, or a date/time the rule does not produce.
 */
export function sessionViewOf(
  experience: ExperienceRow,
  sessionId: string,
  recurrence: RecurrenceRow | undefined,
  snapshot: SessionRow | undefined,
): SessionView | null {
  const parsed = parseSessionId(sessionId);
  if (!parsed || recurrence?.id !== parsed.recurrenceId) return null;
  if (snapshot) return viewOfSnapshot(snapshot, recurrence);
  const expanded = findSession(toRecurrenceRule(recurrence), experience.durationMinutes, sessionId);
  if (!expanded) return null;
  const defaults = defaultsOfTemplate(recurrence, experience, expanded.template_index);
  return viewOfExpansion(expanded, recurrence, defaults);
}

/** sessionViewOf, reading the rows. */
export async function resolveSession(
  db: Database,
  organizationId: string,
  experience: ExperienceRow,
  sessionId: string,
): Promise<SessionView | null> {
  const parsed = parseSessionId(sessionId);
  if (!parsed) return null;
  const recurrence = await findLiveRecurrence(
    db,
    organizationId,
    experience.id,
    parsed.recurrenceId,
  );
  if (!recurrence) return null;
  const snapshot = await findMaterializedSession(db, sessionId);
  return sessionViewOf(experience, sessionId, recurrence, snapshot);
}
