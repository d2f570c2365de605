import type { BatchResponse } from "drizzle-orm/batch";
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
  readWithOriginal,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { addNotification } from "../../notifications/notification-statement";
import {
  materializeSessionStatement,
  type SessionSeats,
  sessionSeatsQuery,
} from "../sessions/seat-guard";
import { admitSession, seatRefusal } from "../sessions/session-admission";
import { sessionViewOf, snapshotOf } from "../sessions/sessions.service";
import { promoteFrom, promotionReads } from "../waitlist/waitlist.service";
import { rescheduledBookingRow } from "./booking-events";
import { requireBookableExperience } from "./booking-input";
import { rescheduleReads } from "./booking-reads.repository";
import {
  type BookingMove,
  bookingMovedAt,
  moveBookingIfSeatsLeft,
} from "./booking-reschedule.repository";
import { presentBooking } from "./bookings.presenter";
import { type BookingRow, bookingWrittenAs, findBookingByIdQuery } from "./bookings.repository";
import { getBooking } from "./bookings-query.service";

/** Key-row resource type: a reschedule's key must not replay as a create or a cancel. */
const BOOKING_RESCHEDULE = "booking_reschedule";

type RescheduleRows = BatchResponse<ReturnType<typeof rescheduleReads>>;

export interface RescheduleBookingInput extends WriteRequest {
  organizationId: string;
  bookingId: string;
  /** The target session, of the booking's experience. */
  sessionId: string;
  /** For the booking_rescheduled mail's manage link (§17): encryption key and public origin. */
  encryptionKey?: string;
  origin?: string;
}

/**
 * §15's checks in order, on the rows as read: the booking, its source session, then the
 * target's §9 checks (its live recurrence and stored snapshot).
 */
function admitReschedule(
  input: RescheduleBookingInput,
  [[booking], [found], [recurrence], [stored]]: RescheduleRows,
) {
  if (!booking) throw new NotFoundError("Booking not found");
  if (booking.status !== "confirmed") throw new BookingNotReschedulableError();
  if (booking.startAt <= input.now) {
    throw new SessionStartedError(
      "The booking's session has already begun and can no longer be moved",
    );
  }
  if (input.sessionId === booking.sessionId) {
    throw ValidationError.forField("session_id", "The booking is already in this session");
  }
  const experience = requireBookableExperience(found);
  const view = sessionViewOf(experience, input.sessionId, recurrence, stored);
  return { booking, experience, target: admitSession(experience, view, input.now) };
}

type Admitted = ReturnType<typeof admitReschedule>;

/** Why the move changed no row: the booking changed meanwhile, or the target refused the seats. */
function moveRefusal(
  current: BookingRow | undefined,
  move: BookingMove,
  { experience, target }: Admitted,
  stored: SessionSeats | undefined,
) {
  if (current?.status !== "confirmed" || current.sessionId !== move.fromSessionId) {
    return new BookingNotReschedulableError();
  }
  return seatRefusal(experience, target, move.quantity, stored);
}

/**
 * The reschedule's statements: the target materialized (if new), the booking moved under the
 * seat guard, the key row, `booking.rescheduled` and its mail, all only if the move happened.
 */
async function addReschedule(
  batch: WriteBatch,
  input: RescheduleBookingInput,
  { booking, experience, target }: Admitted,
) {
  const { db } = batch;
  const move: BookingMove = {
    bookingId: booking.id,
    fromSessionId: booking.sessionId,
    toSessionId: target.sessionId,
    quantity: booking.quantity,
    now: input.now,
  };
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
  return { move, moved };
}

/**
 * §15 reschedule: one read batch (the key's row, the booking, its experience, the target's
 * sources), then one atomic write batch (addReschedule) that ends by reading the booking, the
 * target's seats and the source's waitlist: the answer, a refusal's reason, and (§14) the
 * promotion into the seats freed on the source, as after a cancellation.
 */
export async function rescheduleBooking(db: Database, input: RescheduleBookingInput) {
  const { organizationId, bookingId, sessionId, now } = input;
  const reads = rescheduleReads(db, organizationId, bookingId, sessionId, now);
  const { originalId, rows } = await readWithOriginal(db, input, BOOKING_RESCHEDULE, reads);
  if (originalId) return getBooking(db, organizationId, originalId, now);
  const admitted = admitReschedule(input, rows);
  const batch = new WriteBatch(db);
  const { move, moved } = await addReschedule(batch, input, admitted);
  const current = batch.trackRows(findBookingByIdQuery(db, organizationId, bookingId));
  const target = batch.trackRows(sessionSeatsQuery(db, move.toSessionId, now));
  const [seats, waitlist] = promotionReads(db, move.fromSessionId, now);
  const [seatsRef, waitlistRef] = [batch.trackRows(seats), batch.trackRows(waitlist)];
  const committed = await batch.commit();
  const [row] = committed.rows(current);
  if (committed.rowsChanged(moved) === 0 || !row) {
    throw moveRefusal(row, move, admitted, committed.rows(target)[0]);
  }
  const promotion = { seats: committed.rows(seatsRef)[0], waitlist: committed.rows(waitlistRef) };
  const { notifyCustomers } = admitted.experience;
  await promoteFrom(db, { ...promotion, notifyCustomers }, now);
  return presentBooking(row, now);
}
