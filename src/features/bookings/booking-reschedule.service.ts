import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import {
  BookingNotReschedulableError,
  NotFoundError,
  SessionStartedError,
  ValidationError,
} from "../../errors";
import { addEvent } from "../../events/outbox";
import {
  findOriginalResourceId,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { addNotification } from "../../notifications/notification-statement";
import { type ExperienceRow, findExperienceById } from "../experiences/experiences.repository";
import { materializeSessionStatement } from "../sessions/seat-guard";
import {
  admitSession,
  assertExperienceTakesBookings,
  seatRefusal,
} from "../sessions/session-admission";
import { type SessionView, snapshotOf } from "../sessions/sessions.service";
import { promoteWaitlist } from "../waitlist/waitlist.service";
import { rescheduledBookingRow } from "./booking-events";
import {
  type BookingMove,
  bookingMovedAt,
  moveBookingIfSeatsLeft,
} from "./booking-reschedule.repository";
import { presentBooking } from "./bookings.presenter";
import { type BookingRow, bookingWrittenAs, findBookingById } from "./bookings.repository";
import { getBooking } from "./bookings-query.service";

/** Key-row resource type: a reschedule's key must not replay as a create or a cancel. */
const BOOKING_RESCHEDULE = "booking_reschedule";

export interface RescheduleBookingInput extends WriteRequest {
  organizationId: string;
  bookingId: string;
  /** The target session, of the booking's experience. */
  sessionId: string;
  /** For the booking_rescheduled mail's manage link (§17): encryption key and public origin. */
  encryptionKey?: string;
  origin?: string;
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
  assertExperienceTakesBookings(experience);
  const target = await admitSession(db, experience, input.sessionId, input.now);
  return { experience, target };
}

/** Why the move changed no row: the booking changed meanwhile, or the target refused the seats. */
async function moveRefusal(
  db: Database,
  move: BookingMove,
  input: RescheduleBookingInput,
  target: { experience: ExperienceRow; session: SessionView },
) {
  const current = await findBookingById(db, input.organizationId, move.bookingId);
  if (current?.status !== "confirmed" || current.sessionId !== move.fromSessionId) {
    return new BookingNotReschedulableError();
  }
  return seatRefusal(db, target.experience, target.session, move.quantity, input.now);
}

/**
 * §15 reschedule in one atomic batch: the target materialized (if new), the booking moved under
 * the seat guard, the key row and `booking.rescheduled`, all only if the move happened.
 */
export async function rescheduleBooking(db: Database, input: RescheduleBookingInput) {
  const originalId = await findOriginalResourceId(db, input, BOOKING_RESCHEDULE);
  if (originalId) return getBooking(db, input.organizationId, originalId, input.now);

  const booking = await findBookingById(db, input.organizationId, input.bookingId);
  if (!booking) throw new NotFoundError("Booking not found");
  const { experience, target } = await admitReschedule(db, input, booking);
  const move: BookingMove = {
    bookingId: booking.id,
    fromSessionId: booking.sessionId,
    toSessionId: target.sessionId,
    quantity: booking.quantity,
    now: input.now,
  };
  const batch = new WriteBatch(db);
  const snapshot = snapshotOf(target, experience, input.now);
  batch.add(materializeSessionStatement(db, snapshot, booking.quantity));
  const moved = batch.track(moveBookingIfSeatsLeft(db, move));
  const happened = bookingMovedAt(move);
  const outcome = { resourceType: BOOKING_RESCHEDULE, resourceId: booking.id };
  recordIdempotencyKey(batch, input, outcome, happened);
  const expected = rescheduledBookingRow(booking, target, input.now);
  const data = {
    object: presentBooking(expected, input.now),
    previous_session_id: booking.sessionId,
  };
  const eventId = addEvent(batch, input.organizationId, "booking.rescheduled", data, input.now, {
    onlyIf: happened,
    consistentIf: bookingWrittenAs(expected),
  });
  await addNotification(batch, {
    organizationId: input.organizationId,
    bookingId: booking.id,
    eventId,
    kind: "booking_rescheduled",
    to: booking.contact.email,
    notifyCustomers: experience.notifyCustomers,
    // The customer's cancel token is not rotated: the mail carries the link the booking's first
    // mail kept (addNotification), so every link and token given before keeps working.
    manageUrl: null,
    encryptionKey: input.encryptionKey,
    now: input.now,
  });
  const committed = await batch.commit();
  if (committed.rowsChanged(moved) === 0) {
    throw await moveRefusal(db, move, input, { experience, session: target });
  }
  // §14: the seats freed on the source go to its waitlist, as after a cancellation.
  await promoteWaitlist(db, booking.sessionId, input.now);
  return getBooking(db, input.organizationId, booking.id, input.now);
}
