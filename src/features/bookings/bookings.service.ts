import type { Database } from "../../db/client";
import { BookingNotCancellableError, NotFoundError, SessionStartedError } from "../../errors";
import { findOriginalResourceId, type IdempotencyScope } from "../../idempotency/d1-record";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { findExperienceById } from "../experiences/experiences.repository";
import {
  admitSession,
  assertExperienceTakesBookings,
  sessionFullError,
} from "../sessions/session-admission";
import { snapshotOf } from "../sessions/session-catalog";
import { promoteWaitlist } from "../waitlist/waitlist.service";
import {
  assertBookingFitsExperience,
  type CreateBookingInput,
  newBookingOf,
} from "./booking-input";
import { BOOKING_CREATED, insertBooking } from "./booking-inserts";
import { bookingStatusAt } from "./booking-presenter";
import { BOOKING_CANCELLED, cancelOpenBooking, findBookingById } from "./bookings.repository";
import { getBooking } from "./bookings-query.service";
import { convertHold } from "./hold-conversion";

/** §9 for a session_id: checks in order, then the guarded insert (or the waitlist, §14). */
async function bookSession(db: Database, input: CreateBookingInput, experience: ExperienceRow) {
  const quantity = input.body.quantity ?? 1;
  assertBookingFitsExperience(experience, input.body, quantity);
  const session = await admitSession(db, experience, input.body.session_id ?? "", input.now);
  const booking = newBookingOf(input, experience, quantity);
  const waitlist =
    input.body.join_waitlist && experience.waitlist.enabled
      ? { maxSize: experience.waitlist.max_size }
      : null;
  const snapshot = snapshotOf(session, experience, input.now);
  const status = await insertBooking(db, snapshot, booking, waitlist, input.idempotency);
  if (!status) throw await sessionFullError(db, experience, session, quantity, input.now);
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
  const { resourceType, statusCode } = BOOKING_CREATED;
  const originalId = await findOriginalResourceId(db, input.idempotency, resourceType, input.now);
  const bookingId = originalId ?? (await runBooking(db, input));
  return {
    booking: await getBooking(db, input.organizationId, bookingId, input.now),
    status: statusCode,
  };
}

export interface CancelBookingInput {
  organizationId: string;
  bookingId: string;
  reason: string | null;
  idempotency: IdempotencyScope | undefined;
  now: number;
}

/**
 * §9 cancel: frees the seats, and the session's waitlist is promoted into them (§14);
 * refund_eligible when cancelled at or before refundable_until (null for a waitlisted booking).
 */
export async function cancelBooking(db: Database, input: CancelBookingInput) {
  const { resourceType, statusCode } = BOOKING_CANCELLED;
  const originalId = await findOriginalResourceId(db, input.idempotency, resourceType, input.now);
  if (originalId) {
    return {
      booking: await getBooking(db, input.organizationId, originalId, input.now),
      status: statusCode,
    };
  }
  const booking = await findBookingById(db, input.organizationId, input.bookingId);
  if (!booking) throw new NotFoundError("Booking not found");
  const status = bookingStatusAt(booking, input.now);
  if (status === "cancelled" || status === "expired") throw new BookingNotCancellableError(status);
  if (booking.startAt <= input.now) throw new SessionStartedError();
  const cancelled = await cancelOpenBooking(
    db,
    {
      bookingId: booking.id,
      reason: input.reason,
      refundEligible: input.now <= booking.refundableUntil,
      now: input.now,
    },
    input.idempotency,
  );
  if (!cancelled) throw new BookingNotCancellableError();
  await promoteWaitlist(db, booking.sessionId, input.now);
  return {
    booking: await getBooking(db, input.organizationId, booking.id, input.now),
    status: BOOKING_CANCELLED.statusCode,
  };
}
