import type { Database } from "../../db/client";
import { NotFoundError, ValidationError } from "../../errors";
import { addDays, countDaysBetween } from "../../scheduling/calendar-date";
import { DATE_BOUNDS_MESSAGE, MAX_DATE } from "../../scheduling/date-bounds";
import { startOfLocalDay, todayInZone } from "../../scheduling/time-zone";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { requireExperience } from "../experiences/experiences.service";
import { bookingWindowStableUntil } from "../sessions/booking-window";
import {
  experienceWindowReads,
  listSessionsInWindow,
  sessionsOfWindowRows,
  type TimeWindow,
  type WindowRows,
} from "../sessions/sessions.service";
import { presentSlots } from "./slots.presenter";
import type { SlotsQuery } from "./slots.schemas";

const DEFAULT_RANGE_DAYS = 28;
const MAX_RANGE_DAYS = 92;

/** Resolves the §8 date range: defaults, `to` not before `from`, at most 92 dates. */
function resolveRange(query: SlotsQuery, timezone: string, now: number): TimeWindow {
  const from = query.from ?? todayInZone(timezone, now);
  const to = query.to ?? addDays(from, DEFAULT_RANGE_DAYS - 1);
  const dates = countDaysBetween(from, to) + 1;
  if (dates < 1) throw ValidationError.forField("to", "`to` must not be before `from`");
  if (dates > MAX_RANGE_DAYS) {
    throw ValidationError.forField("to", `The range covers at most ${MAX_RANGE_DAYS} dates`);
  }
  if (to > MAX_DATE)
    throw ValidationError.forField("to", `${DATE_BOUNDS_MESSAGE}: give an earlier to`);
  return {
    fromMs: startOfLocalDay(from, timezone),
    toMs: startOfLocalDay(addDays(to, 1), timezone),
  };
}

/** Sessions whose local start date (in the query's zone) is in [from, to], ordered by start. */
export async function listSlots(
  db: Database,
  experience: ExperienceRow,
  query: SlotsQuery,
  defaultTimezone: string,
  now: number,
) {
  const { fromMs, toMs } = resolveRange(query, query.timezone ?? defaultTimezone, now);
  const sessions = await listSessionsInWindow(db, experience, fromMs, toMs, now);
  return presentSlots(sessions, experience, now, query.include_unbookable);
}

/** One GET /v1/…/slots: the organization's experience and query, at `now`. */
export interface SlotRowsRequest {
  organizationId: string;
  /** The query's zone when it names none. */
  organizationTimezone: string;
  experienceId: string;
  query: SlotsQuery;
  now: number;
}

function rangeOf({ query, organizationTimezone, now }: SlotRowsRequest): TimeWindow {
  return resolveRange(query, query.timezone ?? organizationTimezone, now);
}

/**
 * GET /v1/…/slots, first half: the statements of the one D1 batch that reads the experience and
 * every row its slots need, and how to read its results (null: no such experience); undefined
 * when the range itself is refused (resolveRange's 400).
 */
export function slotRowsReads(db: Database, request: SlotRowsRequest) {
  let range: TimeWindow;
  try {
    range = rangeOf(request);
  } catch {
    return undefined;
  }
  const { organizationId, experienceId, now } = request;
  return experienceWindowReads(db, organizationId, experienceId, range, now);
}

/**
 * The rows slotRowsReads names, read. An unknown experience is 404 before a bad range is 400,
 * as when they were read one by one. The slots are a pure function of these rows, the query
 * and the clock (slotsOfRows).
 */
export async function readSlotRows(db: Database, request: SlotRowsRequest): Promise<WindowRows> {
  const reads = slotRowsReads(db, request);
  if (!reads) {
    await requireExperience(db, request.organizationId, request.experienceId);
    rangeOf(request); // throws the range's 400
  }
  const rows = reads?.rowsOf(await db.batch(reads.statements));
  if (!rows) throw new NotFoundError("Experience not found");
  return rows;
}

/**
 * The slots of these rows at `now`, and the instant until which they stay exactly so: the
 * clock changes a slot only through its booking window (past, too_soon, too_far); everything
 * else comes from the rows.
 */
export function slotsOfRows(rows: WindowRows, query: SlotsQuery, now: number) {
  const sessions = sessionsOfWindowRows(rows);
  const stableUntil = bookingWindowStableUntil(
    sessions.map((session) => session.startMs),
    now,
    rows.experience.schedulingRules,
  );
  return {
    slots: presentSlots(sessions, rows.experience, now, query.include_unbookable),
    stableUntil,
  };
}
