import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
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
import { addEvent } from "../../events/outbox";
import {
  findOriginalResourceId,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { newId } from "../../lib/ids";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { findExperienceById } from "../experiences/experiences.repository";
import { checkBookingWindow } from "../sessions/booking-window";
import { snapshotOfSession } from "../sessions/session-snapshot";
import {
  findMaterializedSession,
  sumConfirmedSeatsBySession,
} from "../sessions/sessions.repository";
import { resolveSession, type SessionView } from "../sessions/sessions.service";
import { cancelledBookingRow, expectedBookingRow } from "./booking-events";
import { priceSnapshot } from "./booking-price";
import { presentBooking } from "./bookings.presenter";
import {
  bookingCancelledAt,
  bookingExists,
  bookingWrittenAs,
  cancelConfirmedBookingStatement,
  findBookingById,
  insertBookingIfSeatsLeft,
  materializeSessionStatement,
  type NewBooking,
} from "./bookings.repository";
import type { CreateBookingBody } from "./bookings.schemas";

/** Resource types of the Idempotency-Key rows: a create's key must not replay as a cancel. */
const BOOKING = "booking";
const BOOKING_CANCELLATION = "booking_cancellation";

export interface CreateBookingInput extends WriteRequest {
  organizationId: string;
  experienceId: string;
  body: CreateBookingBody;
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
  return admitSession(db, input, experience, input.body.session_id);
}

/** The §9 checks of the session itself (also a reschedule's target), from "session exists" on. */
export async function admitSession(
  db: Database,
  input: WriteRequest & { organizationId: string },
  experience: ExperienceRow,
  sessionId: string,
): Promise<SessionView> {
  const session = await resolveSession(db, input.organizationId, experience, sessionId);
  if (!session) throw new NotFoundError("Session not found");
  if (session.status === "cancelled") throw new SessionUnavailableError("cancelled");
  if (session.recurrenceStatus === "paused") throw new SessionUnavailableError("paused");
  const violation = checkBookingWindow(session.startMs, input.now, experience.schedulingRules);
  if (violation) throw new OutsideBookingWindowError(violation);
  return session;
}

export async function presentStoredBooking(
  db: Database,
  organizationId: string,
  bookingId: string,
) {
  const row = await findBookingById(db, organizationId, bookingId);
  if (!row) throw new NotFoundError("Booking not found");
  return presentBooking(row);
}

function newBookingOf(
  experience: ExperienceRow,
  session: SessionView,
  input: CreateBookingInput,
): NewBooking {
  const { body } = input;
  return {
    id: newId("bkg"),
    organizationId: input.organizationId,
    experienceId: experience.id,
    sessionId: session.sessionId,
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
  };
}

/** Why the seat guard refused: the session was cancelled meanwhile, or too few seats were left. */
export async function seatGuardRefusal(db: Database, session: SessionView) {
  const stored = await findMaterializedSession(db, session.sessionId);
  if (stored?.status === "cancelled") return new SessionUnavailableError("cancelled");
  const seats = await sumConfirmedSeatsBySession(db, [session.sessionId]);
  const taken = seats.get(session.sessionId) ?? 0;
  return new SessionFullError(Math.max(0, session.capacity - taken));
}

/**
 * §9 create in one atomic batch: the snapshot (if new), the seat-guarded booking, and the
 * Idempotency-Key row only if the booking was inserted.
 */
export async function createBooking(db: Database, input: CreateBookingInput) {
  const originalId = await findOriginalResourceId(db, input, BOOKING);
  if (originalId) return presentStoredBooking(db, input.organizationId, originalId);

  const experience = await findExperienceById(db, input.organizationId, input.experienceId);
  if (!experience) throw new NotFoundError("Experience not found");
  const session = await admitBooking(db, input, experience);
  const booking = newBookingOf(experience, session, input);

  const batch = new WriteBatch(db);
  batch.add(
    materializeSessionStatement(db, snapshotOfSession(session, input, input.now), booking.quantity),
  );
  const inserted = batch.track(insertBookingIfSeatsLeft(db, booking));
  const outcome = { resourceType: BOOKING, resourceId: booking.id };
  recordIdempotencyKey(batch, input, outcome, bookingExists(booking.id));
  const expected = expectedBookingRow(booking, session);
  addEvent(
    batch,
    input.organizationId,
    "booking.created",
    { object: presentBooking(expected) },
    input.now,
    {
      onlyIf: bookingExists(booking.id),
      consistentIf: bookingWrittenAs(expected),
    },
  );
  const committed = await batch.commit();
  if (committed.rowsChanged(inserted) === 0) throw await seatGuardRefusal(db, session);
  return presentStoredBooking(db, input.organizationId, booking.id);
}

export interface CancelBookingInput extends WriteRequest {
  organizationId: string;
  bookingId: string;
  reason: string | null;
}

/** §9 cancel: frees the seats; refund_eligible when cancelled at or before refundable_until. */
export async function cancelBooking(db: Database, input: CancelBookingInput) {
  const originalId = await findOriginalResourceId(db, input, BOOKING_CANCELLATION);
  if (originalId) return presentStoredBooking(db, input.organizationId, originalId);

  const booking = await findBookingById(db, input.organizationId, input.bookingId);
  if (!booking) throw new NotFoundError("Booking not found");
  if (booking.status === "cancelled") throw new BookingNotCancellableError();
  if (booking.startAt <= input.now) throw new SessionStartedError();

  const batch = new WriteBatch(db);
  const cancellation = {
    bookingId: booking.id,
    reason: input.reason,
    refundEligible: input.now <= booking.refundableUntil,
    now: input.now,
  };
  const cancelled = batch.track(cancelConfirmedBookingStatement(db, cancellation));
  const outcome = { resourceType: BOOKING_CANCELLATION, resourceId: booking.id };
  const happened = bookingCancelledAt(booking.id, input.now);
  recordIdempotencyKey(batch, input, outcome, happened);
  const object = presentBooking(cancelledBookingRow(booking, cancellation));
  addEvent(batch, input.organizationId, "booking.cancelled", { object }, input.now, {
    onlyIf: happened,
  });
  const committed = await batch.commit();
  if (committed.rowsChanged(cancelled) === 0) throw new BookingNotCancellableError();
  return presentStoredBooking(db, input.organizationId, booking.id);
}
