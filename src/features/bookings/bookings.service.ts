import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { BookingNotCancellableError, NotFoundError, SessionStartedError } from "../../errors";
import {
  findOriginalResourceId,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { findExperienceById } from "../experiences/experiences.repository";
import { materializeSessionStatement } from "../sessions/seat-guard";
import {
  admitSession,
  assertExperienceTakesBookings,
  sessionFullError,
} from "../sessions/session-admission";
import { snapshotOf } from "../sessions/sessions.service";
import { promoteWaitlist } from "../waitlist/waitlist.service";
import {
  assertBookingFitsExperience,
  BOOKING,
  type CreateBookingInput,
  newBookingOf,
} from "./booking-input";
import { bookingStatusAt } from "./bookings.presenter";
import {
  bookingCancelledAt,
  bookingExists,
  cancelOpenBookingStatement,
  findBookingById,
  insertBookingIfSeatsLeft,
  insertWaitlistedIfRefused,
} from "./bookings.repository";
import { getBooking } from "./bookings-query.service";
import { convertHold } from "./hold-conversion";

/** Resource type of a cancellation's Idempotency-Key row: a create's key must not replay as it. */
const BOOKING_CANCELLATION = "booking_cancellation";

/**
 * §9 for a session_id, in one atomic batch: the snapshot (if new), the seat-guarded booking,
 * with `join_waitlist` its waitlisted alternative (§14), and the Idempotency-Key row only if a
 * booking was inserted. Returns the new booking's id.
 */
async function bookSession(db: Database, input: CreateBookingInput, experience: ExperienceRow) {
  const quantity = input.body.quantity ?? 1;
  assertBookingFitsExperience(experience, input.body, quantity);
  const session = await admitSession(db, experience, input.body.session_id ?? "", input.now);
  const booking = newBookingOf(input, experience, { sessionId: session.sessionId, quantity });

  const batch = new WriteBatch(db);
  batch.add(materializeSessionStatement(db, snapshotOf(session, experience, input.now), quantity));
  const confirmed = batch.track(insertBookingIfSeatsLeft(db, booking));
  const { enabled, max_size } = experience.waitlist;
  const waitlisted =
    input.body.join_waitlist && enabled
      ? batch.track(insertWaitlistedIfRefused(db, booking, max_size))
      : undefined;
  const outcome = { resourceType: BOOKING, resourceId: booking.id };
  recordIdempotencyKey(batch, input, outcome, bookingExists(booking.id));
  const committed = await batch.commit();
  const inserted =
    committed.rowsChanged(confirmed) + (waitlisted ? committed.rowsChanged(waitlisted) : 0);
  if (inserted === 0) throw await sessionFullError(db, experience, session, quantity, input.now);
  return booking.id;
}

/** Runs the booking (a session's seats, or a hold's conversion); returns the new id. */
async function runBooking(db: Database, input: CreateBookingInput) {
  const experience = await findExperienceById(db, input.organizationId, input.experienceId);
  if (!experience) throw new NotFoundError("Experience not found");
  assertExperienceTakesBookings(experience);
  return input.body.hold_id
    ? convertHold(db, input, experience, input.body.hold_id)
    : bookSession(db, input, experience);
}

export async function createBooking(db: Database, input: CreateBookingInput) {
  const originalId = await findOriginalResourceId(db, input, BOOKING);
  const bookingId = originalId ?? (await runBooking(db, input));
  return getBooking(db, input.organizationId, bookingId, input.now);
}

export interface CancelBookingInput extends WriteRequest {
  organizationId: string;
  bookingId: string;
  reason: string | null;
}

/**
 * §9 cancel: frees the seats, and the session's waitlist is promoted into them (§14);
 * refund_eligible when cancelled at or before refundable_until (null for a waitlisted booking).
 */
export async function cancelBooking(db: Database, input: CancelBookingInput) {
  const originalId = await findOriginalResourceId(db, input, BOOKING_CANCELLATION);
  if (originalId) return getBooking(db, input.organizationId, originalId, input.now);

  const booking = await findBookingById(db, input.organizationId, input.bookingId);
  if (!booking) throw new NotFoundError("Booking not found");
  const status = bookingStatusAt(booking, input.now);
  if (status === "cancelled" || status === "expired") throw new BookingNotCancellableError(status);
  if (booking.startAt <= input.now) throw new SessionStartedError();

  const batch = new WriteBatch(db);
  const cancellation = {
    bookingId: booking.id,
    reason: input.reason,
    refundEligible: input.now <= booking.refundableUntil,
    now: input.now,
  };
  const cancelled = batch.track(cancelOpenBookingStatement(db, cancellation));
  const outcome = { resourceType: BOOKING_CANCELLATION, resourceId: booking.id };
  recordIdempotencyKey(batch, input, outcome, bookingCancelledAt(booking.id, input.now));
  const committed = await batch.commit();
  if (committed.rowsChanged(cancelled) === 0) throw new BookingNotCancellableError();
  await promoteWaitlist(db, booking.sessionId, input.now);
  return getBooking(db, input.organizationId, booking.id, input.now);
}
