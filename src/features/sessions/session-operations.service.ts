import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import {
  NotFoundError,
  SessionAlreadyCancelledError,
  SessionBusyError,
  SessionNotCancelledError,
  SessionStartedError,
} from "../../errors";
import { addEvent, addEvents } from "../../events/outbox";
import {
  findOriginalResourceId,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { addNotifications } from "../../notifications/notification-statement";
import { cancelledByStudioRow } from "../bookings/booking-events";
import { presentBooking } from "../bookings/bookings.presenter";
import { type ExperienceRow, findExperienceById } from "../experiences/experiences.repository";
import {
  cancelSessionBookingsStatement,
  cancelSessionStatement,
  countBookingsCancelledWithSession,
  listActiveBookingsOfSession,
  releaseSessionHoldsStatement,
  restoreSessionStatement,
  sessionCancelledAt,
  sessionOccupancy,
  sessionRestoredAt,
} from "./session-operations.repository";
import { presentSession } from "./sessions.presenter";
import { resolveSession, type SessionView, snapshotOf } from "./sessions.service";

/** Key-row resource types: a cancel's key must not replay as a restore. */
const SESSION_CANCELLATION = "session_cancellation";
const SESSION_RESTORE = "session_restore";

export interface SessionRequest {
  organizationId: string;
  experienceId: string;
  sessionId: string;
}

async function findSessionOrThrow(db: Database, input: SessionRequest) {
  const experience = await findExperienceById(db, input.organizationId, input.experienceId);
  if (!experience) throw new NotFoundError("Experience not found");
  const session = await resolveSession(db, input.organizationId, experience, input.sessionId);
  if (!session) throw new NotFoundError("Session not found");
  return { experience, session };
}

/** Bookings the session's cancellation cancelled (0 while it is not cancelled). */
function bookingsCancelledWith(db: Database, session: SessionView) {
  return session.cancelledAt
    ? countBookingsCancelledWithSession(db, session.sessionId, session.cancelledAt)
    : Promise.resolve(0);
}

async function presentWithCount(db: Database, input: SessionRequest) {
  const { session } = await findSessionOrThrow(db, input);
  const cancelled = await bookingsCancelledWith(db, session);
  return { ...presentSession(session, input.experienceId), bookings_cancelled: cancelled };
}

export interface CancelSessionInput extends SessionRequest, WriteRequest {
  reason: string | null;
}

/**
 * A cancellation retries when bookings of the session changed between its read and its batch
 * (each attempt is one read and one batch); after these many the caller is asked to retry.
 */
const CANCEL_ATTEMPTS = 5;

/**
 * §15 cancel in one batch: the session (materialized if need be), its confirmed and waitlisted
 * bookings (refund-eligible), its holds, the key row, and the events `session.cancelled` then
 * one `booking.cancelled` per booking — all guarded by this cancellation.
 */
export async function cancelSession(db: Database, input: CancelSessionInput) {
  if (await findOriginalResourceId(db, input, SESSION_CANCELLATION)) {
    return presentWithCount(db, input);
  }
  for (let attempt = 0; attempt < CANCEL_ATTEMPTS; attempt++) {
    const { experience, session } = await findSessionOrThrow(db, input);
    if (session.status === "cancelled") throw new SessionAlreadyCancelledError();
    if (session.startMs <= input.now) {
      throw new SessionStartedError("The session has already begun and can no longer be cancelled");
    }
    if (await commitCancellation(db, input, experience, session)) {
      return presentWithCount(db, input);
    }
  }
  throw new SessionBusyError();
}

/** One attempt: false when the session's bookings changed since they were read. */
async function commitCancellation(
  db: Database,
  input: CancelSessionInput,
  experience: ExperienceRow,
  session: SessionView,
) {
  const active = await listActiveBookingsOfSession(db, session.sessionId);
  const cancellation = { sessionId: session.sessionId, reason: input.reason, now: input.now };
  const batch = new WriteBatch(db);
  const snapshot = snapshotOf(session, experience, input.now);
  const ids = active.map((booking) => booking.id);
  const changed = batch.track(cancelSessionStatement(db, snapshot, cancellation, ids));
  batch.add(cancelSessionBookingsStatement(db, cancellation));
  batch.add(releaseSessionHoldsStatement(db, cancellation));
  const happened = sessionCancelledAt(session.sessionId, input.now);
  const outcome = { resourceType: SESSION_CANCELLATION, resourceId: session.sessionId };
  recordIdempotencyKey(batch, input, outcome, happened);
  const cancelled = { ...session, status: "cancelled" as const, cancelledAt: input.now };
  const object = {
    ...presentSession({ ...cancelled, cancelReason: input.reason }, input.experienceId),
    bookings_cancelled: active.length,
  };
  const { organizationId, now } = input;
  addEvent(batch, organizationId, "session.cancelled", { object }, now, { onlyIf: happened });
  const bookingEvents = active.map((booking) => ({
    object: presentBooking(cancelledByStudioRow(booking, cancellation), now),
  }));
  const eventIds = addEvents(batch, organizationId, "booking.cancelled", bookingEvents, now, {
    onlyIf: happened,
  });
  // §17: each customer with an email learns the studio cancelled (booking_cancelled).
  addNotifications(
    batch,
    { organizationId, kind: "booking_cancelled", notifyCustomers: experience.notifyCustomers, now },
    active.map((booking, i) => ({
      bookingId: booking.id,
      eventId: eventIds[i] ?? "",
      to: booking.contact.email,
    })),
  );
  const committed = await batch.commit();
  return committed.rowsChanged(changed) > 0;
}

export type RestoreSessionInput = SessionRequest & WriteRequest;

/** §15 restore: bookable again (its bookings stay cancelled), with its `session.restored` event. */
export async function restoreSession(db: Database, input: RestoreSessionInput) {
  if (await findOriginalResourceId(db, input, SESSION_RESTORE)) {
    return presentWithCount(db, input);
  }
  const { session } = await findSessionOrThrow(db, input);
  if (session.status !== "cancelled") throw new SessionNotCancelledError();
  const batch = new WriteBatch(db);
  const changed = batch.track(restoreSessionStatement(db, session.sessionId, input.now));
  const outcome = { resourceType: SESSION_RESTORE, resourceId: session.sessionId };
  const happened = sessionRestoredAt(session.sessionId, input.now);
  recordIdempotencyKey(batch, input, outcome, happened);
  const restored = { ...session, status: "scheduled" as const, cancelledAt: null };
  const object = {
    ...presentSession({ ...restored, cancelReason: null }, input.experienceId),
    bookings_cancelled: 0,
  };
  addEvent(batch, input.organizationId, "session.restored", { object }, input.now, {
    onlyIf: happened,
  });
  const committed = await batch.commit();
  if (committed.rowsChanged(changed) === 0) throw new SessionNotCancelledError();
  return presentWithCount(db, input);
}

/** GET one session: the session object with its seats, holds, waitlist and booking ids. */
export async function getSession(db: Database, input: SessionRequest & { now: number }) {
  const { session } = await findSessionOrThrow(db, input);
  const [occupancy, cancelled] = await Promise.all([
    sessionOccupancy(db, session.sessionId, input.now),
    bookingsCancelledWith(db, session),
  ]);
  return {
    ...presentSession(session, input.experienceId),
    bookings_cancelled: cancelled,
    seats_booked: occupancy.seatsBooked,
    seats_held: occupancy.seatsHeld,
    waitlist_size: occupancy.waitlistSize,
    bookings: occupancy.bookingIds,
  };
}
