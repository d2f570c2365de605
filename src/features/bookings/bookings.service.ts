import type { Database } from "../../db/client";
import {
  BookingNotCancellableError,
  ExperienceInactiveError,
  NotFoundError,
  OutsideBookingWindowError,
  RegistrationClosedError,
  SessionFullError,
  SessionStartedError,
  SessionUnavailableError,
  ValidationError,
} from "../../errors";
import { findOriginalResourceId, type IdempotencyScope } from "../../idempotency/d1-record";
import { newId } from "../../lib/ids";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { findExperienceById } from "../experiences/experiences.repository";
import { checkBookingWindow } from "../sessions/booking-window";
import { resolveSession, type SessionView } from "../sessions/session-catalog";
import { sumConfirmedSeatsBySession } from "../sessions/sessions.repository";
import { presentBooking, priceSnapshot } from "./booking-presenter";
import {
  BOOKING_CANCELLED,
  BOOKING_CREATED,
  cancelConfirmedBooking,
  findBookingById,
  insertBookingIfSeatsLeft,
} from "./bookings.repository";
import type { CreateBookingBody } from "./bookings.schemas";

export interface CreateBookingInput {
  organizationId: string;
  experienceId: string;
  body: CreateBookingBody;
  idempotency: IdempotencyScope | undefined;
  now: number;
  /** Public bookings store the hash of their cancel token. */
  cancelTokenHash?: string | null;
}

/** Quantity and contact rules that depend on the experience (§9). */
function assertBookingFitsExperience(experience: ExperienceRow, body: CreateBookingBody) {
  const fieldErrors: Record<string, string[]> = {};
  if (body.quantity > experience.maxBookingQuantity) {
    fieldErrors.quantity = [`At most ${experience.maxBookingQuantity} seats per booking`];
  }
  const method = experience.requiredContactMethod;
  if (method !== "none" && !body.contact.email) {
    fieldErrors["contact.email"] = ["An email address is required for this experience"];
  }
  if (method === "email_and_phone" && !body.contact.phone) {
    fieldErrors["contact.phone"] = ["A phone number is required for this experience"];
  }
  const error = ValidationError.fromFieldErrors(fieldErrors);
  if (error) throw error;
}

/**
 * §9 checks in their specified order; returns the session to book. The body's fit to the
 * experience (quantity, contact) is checked once the experience is known to take bookings.
 */
async function admitBooking(
  db: Database,
  input: CreateBookingInput,
  experience: ExperienceRow,
): Promise<SessionView> {
  if (experience.status === "inactive") throw new ExperienceInactiveError();
  if (experience.registrationStatus === "closed") throw new RegistrationClosedError();
  assertBookingFitsExperience(experience, input.body);
  const session = await resolveSession(db, input.organizationId, experience, input.body.session_id);
  if (!session) throw new NotFoundError("Session not found");
  if (session.recurrenceStatus === "paused") throw new SessionUnavailableError("paused");
  const violation = checkBookingWindow(session.startMs, input.now, experience.schedulingRules);
  if (violation) throw new OutsideBookingWindowError(violation);
  return session;
}

async function presentStoredBooking(db: Database, organizationId: string, bookingId: string) {
  const row = await findBookingById(db, organizationId, bookingId);
  if (!row) throw new NotFoundError("Booking not found");
  return presentBooking(row);
}

export async function createBooking(db: Database, input: CreateBookingInput) {
  const { resourceType, statusCode } = BOOKING_CREATED;
  const originalId = await findOriginalResourceId(db, input.idempotency, resourceType, input.now);
  if (originalId) {
    return {
      booking: await presentStoredBooking(db, input.organizationId, originalId),
      status: statusCode,
    };
  }
  const experience = await findExperienceById(db, input.organizationId, input.experienceId);
  if (!experience) throw new NotFoundError("Experience not found");
  const session = await admitBooking(db, input, experience);

  const bookingId = newId("bkg");
  const { body } = input;
  const created = await insertBookingIfSeatsLeft(
    db,
    {
      id: session.sessionId,
      organizationId: input.organizationId,
      experienceId: experience.id,
      recurrenceId: session.recurrenceId,
      startAt: session.startMs,
      endAt: session.endMs,
      timezone: session.timezone,
      localStart: session.localStart,
      capacity: session.capacity,
      providerId: session.providerId,
      createdAt: input.now,
    },
    {
      id: bookingId,
      organizationId: input.organizationId,
      experienceId: experience.id,
      quantity: body.quantity,
      contact: {
        name: body.contact.name,
        email: body.contact.email ?? null,
        phone: body.contact.phone ?? null,
      },
      notes: body.notes ?? null,
      price: priceSnapshot(experience.pricing, body.quantity),
      refundableHoursBefore:
        experience.schedulingRules.cancellation_policy.refundable_until_hours_before,
      cancelTokenHash: input.cancelTokenHash ?? null,
      now: input.now,
    },
    input.idempotency,
  );
  if (!created) {
    const seats = await sumConfirmedSeatsBySession(db, [session.sessionId]);
    const taken = seats.get(session.sessionId) ?? 0;
    throw new SessionFullError(Math.max(0, session.capacity - taken));
  }
  return {
    booking: await presentStoredBooking(db, input.organizationId, bookingId),
    status: BOOKING_CREATED.statusCode,
  };
}

export interface CancelBookingInput {
  organizationId: string;
  bookingId: string;
  reason: string | null;
  idempotency: IdempotencyScope | undefined;
  now: number;
}

/** §9 cancel: frees the seats; refund_eligible when cancelled at or before refundable_until. */
export async function cancelBooking(db: Database, input: CancelBookingInput) {
  const { resourceType, statusCode } = BOOKING_CANCELLED;
  const originalId = await findOriginalResourceId(db, input.idempotency, resourceType, input.now);
  if (originalId) {
    return {
      booking: await presentStoredBooking(db, input.organizationId, originalId),
      status: statusCode,
    };
  }
  const booking = await findBookingById(db, input.organizationId, input.bookingId);
  if (!booking) throw new NotFoundError("Booking not found");
  if (booking.status === "cancelled") throw new BookingNotCancellableError();
  if (booking.startAt <= input.now) throw new SessionStartedError();
  const cancelled = await cancelConfirmedBooking(
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
  return {
    booking: await presentStoredBooking(db, input.organizationId, booking.id),
    status: BOOKING_CANCELLED.statusCode,
  };
}
