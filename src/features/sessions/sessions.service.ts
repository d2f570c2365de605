import type { Database } from "../../db/client";
import { expandSessions, findSession } from "../../scheduling/expand";
import { parseSessionId } from "../../scheduling/session-id";
import type { ExpandedSession } from "../../scheduling/types";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { resolveTemplateDefaults, toRecurrenceRule } from "../recurrences/recurrence-schedule";
import {
  findLiveRecurrence,
  listLiveRecurrencesByExperience,
  type RecurrenceRow,
} from "../recurrences/recurrences.repository";
import {
  findMaterializedSession,
  listMaterializedSessionsInWindow,
  type SessionRow,
  sumConfirmedSeatsBySession,
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

function viewOfExpansion(
  session: ExpandedSession,
  recurrence: RecurrenceRow,
  experience: ExperienceRow,
): SessionView {
  const template = recurrence.sessionTemplates[session.template_index] ?? {
    capacity: null,
    provider_id: null,
  };
  const defaults = resolveTemplateDefaults(template, recurrence, experience);
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

// A snapshot's start differs from its expansion's only when the recurrence's zone changed
// since: at most 26 h between UTC-12 and UTC+14, plus a DST gap. Snapshots are read this far
// around the window so one that moved out of it still hides its expansion.
const SNAPSHOT_MARGIN_MS = 3 * 86_400_000;

/**
 * Every session of the experience starting in [fromMs, toMs), with seats booked. Sessions of
 * deleted recurrences are left out; a materialized snapshot replaces its expansion (§8), even
 * when the rule has since moved or dropped that session.
 */
export async function listSessionsInWindow(
  db: Database,
  experience: ExperienceRow,
  fromMs: number,
  toMs: number,
) {
  const recurrences = await listLiveRecurrencesByExperience(db, experience.id);
  const recurrenceById = new Map(recurrences.map((r) => [r.id, r]));
  const views = new Map<string, SessionView>();
  for (const recurrence of recurrences) {
    const rule = toRecurrenceRule(recurrence);
    for (const session of expandSessions(rule, experience.durationMinutes, fromMs, toMs)) {
      views.set(session.session_id, viewOfExpansion(session, recurrence, experience));
    }
  }
  const snapshots = await listMaterializedSessionsInWindow(
    db,
    experience.id,
    fromMs - SNAPSHOT_MARGIN_MS,
    toMs + SNAPSHOT_MARGIN_MS,
  );
  const booked: string[] = [];
  for (const snapshot of snapshots) {
    const recurrence = recurrenceById.get(snapshot.recurrenceId);
    const inWindow = snapshot.startAt >= fromMs && snapshot.startAt < toMs;
    if (!recurrence || !inWindow) {
      views.delete(snapshot.id);
      continue;
    }
    views.set(snapshot.id, viewOfSnapshot(snapshot, recurrence));
    booked.push(snapshot.id);
  }
  // Only materialized sessions can hold bookings (the seat guard books from the snapshot).
  const seats = await sumConfirmedSeatsBySession(db, booked);
  return [...views.values()].map((view) => ({
    ...view,
    seatsBooked: seats.get(view.sessionId) ?? 0,
  }));
}

/**
 * The session a booking names, or null when it does not exist: malformed ID, a recurrence
 * that is unknown, deleted or of another experience, or a date/time the rule does not produce.
 */
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
  if (snapshot) return viewOfSnapshot(snapshot, recurrence);
  const expanded = findSession(toRecurrenceRule(recurrence), experience.durationMinutes, sessionId);
  return expanded ? viewOfExpansion(expanded, recurrence, experience) : null;
}
