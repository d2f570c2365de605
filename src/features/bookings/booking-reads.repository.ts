// The reads a seat write (a booking, a hold, a conversion, a reschedule) is decided on, as
// queries for one D1 batch: with the Idempotency-Key's row (readWithOriginal) that is a single
// round trip before the write batch. Rows another read of the batch names (the session of a
// hold, the experience of a booking) are selected by subquery rather than by a second trip.

import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { parseSessionId } from "../../scheduling/session-id";
import { findExperienceByIdQuery } from "../experiences/experiences.repository";
import { findHoldByIdQuery } from "../holds/holds.repository";
import { findLiveRecurrenceQuery } from "../recurrences/recurrences.repository";
import { sessionSeatsQuery } from "../sessions/seat-guard";
import { findBookingByIdQuery } from "./bookings.repository";

/** The session's live recurrence and its stored snapshot with seats (see sessionViewOf). */
function sessionSourceQueries(
  db: Database,
  organizationId: string,
  experienceId: string | SQL,
  sessionId: string | SQL,
  recurrenceId: string | SQL,
  now: number,
) {
  return [
    findLiveRecurrenceQuery(db, organizationId, experienceId, recurrenceId),
    sessionSeatsQuery(db, sessionId, now),
  ] as const;
}

/** The recurrence a session ID names; a malformed ID names none (the session is a 404). */
const recurrenceIdOf = (sessionId: string) => parseSessionId(sessionId)?.recurrenceId ?? "";

/** A booking or hold of a session: the experience, and the session's sources. */
export function seatRequestReads(
  db: Database,
  organizationId: string,
  experienceId: string,
  sessionId: string,
  now: number,
) {
  return [
    findExperienceByIdQuery(db, organizationId, experienceId),
    ...sessionSourceQueries(
      db,
      organizationId,
      experienceId,
      sessionId,
      recurrenceIdOf(sessionId),
      now,
    ),
  ] as const;
}

/** A hold's conversion: the experience, the hold, and the sources of the session it holds. */
export function holdConversionReads(
  db: Database,
  organizationId: string,
  experienceId: string,
  holdId: string,
  now: number,
) {
  const heldSession = sql`(SELECT session_id FROM holds WHERE id = ${holdId})`;
  const itsRecurrence = sql`(SELECT recurrence_id FROM sessions WHERE id = ${heldSession})`;
  return [
    findExperienceByIdQuery(db, organizationId, experienceId),
    findHoldByIdQuery(db, organizationId, holdId),
    ...sessionSourceQueries(db, organizationId, experienceId, heldSession, itsRecurrence, now),
  ] as const;
}

/** A booking of the organization and its experience (a cancellation). */
export function bookingWithExperienceReads(
  db: Database,
  organizationId: string,
  bookingId: string,
) {
  const itsExperience = sql`(SELECT experience_id FROM bookings WHERE id = ${bookingId})`;
  return [
    findBookingByIdQuery(db, organizationId, bookingId),
    findExperienceByIdQuery(db, organizationId, itsExperience),
  ] as const;
}

/** A reschedule: the booking, its experience, and the sources of the target session. */
export function rescheduleReads(
  db: Database,
  organizationId: string,
  bookingId: string,
  targetSessionId: string,
  now: number,
) {
  const itsExperience = sql`(SELECT experience_id FROM bookings WHERE id = ${bookingId})`;
  return [
    ...bookingWithExperienceReads(db, organizationId, bookingId),
    ...sessionSourceQueries(
      db,
      organizationId,
      itsExperience,
      targetSessionId,
      recurrenceIdOf(targetSessionId),
      now,
    ),
  ] as const;
}
