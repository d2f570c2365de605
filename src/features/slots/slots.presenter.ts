import { formatUtcIso } from "../../scheduling/iso-instant";
import type { ExperienceRow } from "../experiences/experiences.repository";
import type { WindowSession } from "../sessions/sessions.service";
import { seatsAvailable, unbookableReason } from "./slot-availability";

/** The slots of sessions already in start order: one pass builds the wire objects. */
export function presentSlots(
  sessions: WindowSession[],
  experience: ExperienceRow,
  now: number,
  includeUnbookable: boolean,
) {
  const slots = [];
  for (const session of sessions) {
    const reason = unbookableReason(session, experience, now);
    if (reason !== null && !includeUnbookable) continue;
    slots.push({
      session_id: session.sessionId,
      recurrence_id: session.recurrenceId,
      start: formatUtcIso(session.startMs),
      end: formatUtcIso(session.endMs),
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
    });
  }
  return slots;
}
