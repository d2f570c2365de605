import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import {
  BookingNotReschedulableError,
  ExperienceInactiveError,
  NotFoundError,
  RegistrationClosedError,
  SessionStartedError,
  ValidationError,
} from "../../errors";
import { addEvent } from "../../events/outbox";
import {
  findOriginalResourceId,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { findExperienceById } from "../experiences/experiences.repository";
import { snapshotOfSession } from "../sessions/session-snapshot";
import type { SessionView } from "../sessions/sessions.service";
import { rescheduledBookingRow } from "./booking-events";
import {
  type BookingMove,
  bookingMovedAt,
  moveBookingIfSeatsLeft,
} from "./booking-reschedule.repository";
import { presentBooking } from "./bookings.presenter";
import {
  type BookingRow,
  bookingWrittenAs,
  findBookingById,
  materializeSessionStatement,
} from "./bookings.repository";
import { admitSession, presentStoredBooking, seatGuardRefusal } from "./bookings.service";

/** Key-row resource type: a reschedule's key must not replay as a create or a cancel. */
const BOOKING_RESCHEDULE = "booking_reschedule";

export interface RescheduleBookingInput extends WriteRequest {
  organizationId: string;
  bookingId: string;
  /** The target session, of the booking's experience. */
  sessionId: string;
}

/** §15's checks in order: the booking, its source session, then the target's §9 checks. */
async function admitReschedule(db: Database, input: RescheduleBookingInput, booking: BookingRow) {
  if (booking.status !== "confirmed") throw new BookingNotReschedulableError();
  if (booking.startAt <= input.now) {
    throw new SessionStartedError(
      "The booking's session has already begun and can no longer be moved",
    );
  }
  if (input.sessionId === booking.sessionId) {
    throw ValidationError.forField("session_id", "The booking is already in this session");
  }
  const experience = await findExperienceById(db, input.organizationId, booking.experienceId);
  if (!experience) throw new NotFoundError("Experience not found");
  if (experience.status === "inactive") throw new ExperienceInactiveError();
  if (experience.registrationStatus === "closed") throw new RegistrationClosedError();
  return admitSession(db, input, experience, input.sessionId);
}

/** Why the move changed no row: the booking changed meanwhile, or the target refused the seats. */
async function moveRefusal(
  db: Database,
  move: BookingMove,
  organizationId: string,
  target: SessionView,
) {
  const current = await findBookingById(db, organizationId, move.bookingId);
  if (current?.status !== "confirmed" || current.sessionId !== move.fromSessionId) {
    return new BookingNotReschedulableError();
  }
  return seatGuardRefusal(db, target);
}

/**
 * §15 reschedule in one atomic batch: the target materialized (if new), the booking moved under
 * the seat guard, the key row and `booking.rescheduled`, all only if the move happened.
 */
export async function rescheduleBooking(db: Database, input: RescheduleBookingInput) {
  const originalId = await findOriginalResourceId(db, input, BOOKING_RESCHEDULE);
  if (originalId) return presentStoredBooking(db, input.organizationId, originalId);

  const booking = await findBookingById(db, input.organizationId, input.bookingId);
  if (!booking) throw new NotFoundError("Booking not found");
  const target = await admitReschedule(db, input, booking);
  const move: BookingMove = {
    bookingId: booking.id,
    fromSessionId: booking.sessionId,
    toSessionId: target.sessionId,
    quantity: booking.quantity,
    now: input.now,
  };
  const batch = new WriteBatch(db);
  const owner = { organizationId: input.organizationId, experienceId: booking.experienceId };
  const snapshot = snapshotOfSession(target, owner, input.now);
  batch.add(materializeSessionStatement(db, snapshot, booking.quantity));
  const moved = batch.track(moveBookingIfSeatsLeft(db, move));
  const happened = bookingMovedAt(move);
  recordIdempotencyKey(
    batch,
    input,
    { resourceType: BOOKING_RESCHEDULE, resourceId: booking.id },
    happened,
  );
  const expected = rescheduledBookingRow(booking, target, input.now);
  const data = { object: presentBooking(expected), previous_session_id: booking.sessionId };
  addEvent(batch, input.organizationId, "booking.rescheduled", data, input.now, {
    onlyIf: happened,
    consistentIf: bookingWrittenAs(expected),
  });
  // §14 hook: the source just freed booking.quantity seats; promotion of its waitlisted bookings
  // (FIFO, through the same seat guard, guarded by `happened`) joins this batch here.
  const committed = await batch.commit();
  if (committed.rowsChanged(moved) === 0)
    throw await moveRefusal(db, move, input.organizationId, target);
  return presentStoredBooking(db, input.organizationId, booking.id);
}
