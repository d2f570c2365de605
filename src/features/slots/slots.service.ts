import type { Database } from "../../db/client";
import { ValidationError } from "../../errors";
import { toIso } from "../../lib/time";
import { addDays, countDaysBetween } from "../../scheduling/calendar-date";
import { startOfLocalDay, todayInZone } from "../../scheduling/time-zone";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { listSessionsInWindow } from "../sessions/sessions.service";
import { seatsAvailable, unbookableReason } from "./slot-availability";
import type { SlotsQuery } from "./slots.schemas";

const DEFAULT_RANGE_DAYS = 28;
const MAX_RANGE_DAYS = 92;

/** Resolves the §8 date range: defaults, `to` not before `from`, at most 92 dates. */
function resolveRange(query: SlotsQuery, timezone: string, now: number) {
  const from = query.from ?? todayInZone(timezone, now);
  const to = query.to ?? addDays(from, DEFAULT_RANGE_DAYS - 1);
  const dates = countDaysBetween(from, to) + 1;
  if (dates < 1) throw ValidationError.forField("to", "`to` must not be before `from`");
  if (dates > MAX_RANGE_DAYS) {
    throw ValidationError.forField("to", `The range covers at most ${MAX_RANGE_DAYS} dates`);
  }
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
  const timezone = query.timezone ?? defaultTimezone;
  const { fromMs, toMs } = resolveRange(query, timezone, now);
  const sessions = await listSessionsInWindow(db, experience, fromMs, toMs, now);
  const slots = sessions.map((session) => {
    const reason = unbookableReason(session, experience, now);
    return {
      session_id: session.sessionId,
      recurrence_id: session.recurrenceId,
      start: toIso(session.startMs),
      end: toIso(session.endMs),
      local_start: session.localStart,
      timezone: session.timezone,
      provider_id: session.providerId,
      capacity: session.capacity,
      seats_booked: session.seatsBooked,
      seats_held: session.seatsHeld,
      seats_available: seatsAvailable(session),
      waitlist_size: session.waitlistSize,
      bookable: reason === null,
      unbookable_reason: reason,
      startMs: session.startMs,
    };
  });
  return slots
    .filter((slot) => query.include_unbookable || slot.bookable)
    .sort((a, b) => a.startMs - b.startMs || (a.session_id < b.session_id ? -1 : 1))
    .map(({ startMs: _startMs, ...slot }) => slot);
}
