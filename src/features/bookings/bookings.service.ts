import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { BookingNotCancellableError, NotFoundError, SessionStartedError } from "../../errors";
import { addEvent } from "../../events/outbox";
import {
  readWithOriginal,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { addNotification } from "../../notifications/notification-statement";
import { issueCancelToken } from "../../public/cancel-token";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { materializeSessionStatement, sessionSeatsQuery } from "../sessions/seat-guard";
import { admitSession, seatRefusal } from "../sessions/session-admission";
import { type SessionView, sessionViewOf, snapshotOf } from "../sessions/sessions.service";
import { waitlistPositionQuery } from "../waitlist/waitlist.repository";
import { promoteFrom, promotionReads } from "../waitlist/waitlist.service";
import { addNewBookingEvents, cancelledBookingRow } from "./booking-events";
import {
  assertBookingFitsExperience,
  BOOKING,
  type BookingOutcome,
  type CreateBookingInput,
  newBookingOf,
  recordBookingKey,
  requireBookableExperience,
} from "./booking-input";
import { addNewBookingNotifications } from "./booking-notifications";
import { bookingWithExperienceReads, seatRequestReads } from "./booking-reads.repository";
import { bookingStatusAt, presentBooking } from "./bookings.presenter";
import {
  type BookingRow,
  bookingCancelledAt,
  cancelOpenBookingStatement,
  insertBookingIfSeatsLeft,
  insertWaitlistedIfRefused,
} from "./bookings.repository";
import { getBooking, requireBooking } from "./bookings-query.service";
import { convertHold } from "./hold-conversion";

/** Resource type of a cancellation's Idempotency-Key row: a create's key must not replay as it. */
const BOOKING_CANCELLATION = "booking_cancellation";

/**
 * The statements of a new booking of the session, in order: the snapshot (if new), the
 * seat-guarded booking, with `join_waitlist` its waitlisted alternative (§14), the
 * Idempotency-Key row and the events, each only if a booking was inserted.
 */
function addSessionBooking(
  batch: WriteBatch,
  input: CreateBookingInput,
  experience: ExperienceRow,
  session: SessionView,
  quantity: number,
) {
  const { db } = batch;
  const booking = newBookingOf(input, experience, { sessionId: session.sessionId, quantity });
  batch.add(materializeSessionStatement(db, snapshotOf(session, experience, input.now), quantity));
  const inserted = [batch.trackRows(insertBookingIfSeatsLeft(db, booking))];
  const { enabled, max_size } = experience.waitlist;
  const waitlist = Boolean(input.body.join_waitlist && enabled);
  if (waitlist) inserted.push(batch.trackRows(insertWaitlistedIfRefused(db, booking, max_size)));
  recordBookingKey(batch, input, booking.id);
  const eventIds = addNewBookingEvents(batch, booking, session, { waitlist });
  return { booking, inserted, eventIds, waitlist };
}

/**
 * §9 for a session_id: one read batch (the key's row, the experience, the session's sources),
 * then one atomic write batch that also returns the booking as written, a waitlisted one's
 * position, and the session's seats after it — what a refusal's 409 says.
 */
async function bookSession(
  db: Database,
  input: CreateBookingInput,
  sessionId: string,
): Promise<BookingOutcome> {
  const reads = seatRequestReads(
    db,
    input.organizationId,
    input.experienceId,
    sessionId,
    input.now,
  );
  const { originalId, rows } = await readWithOriginal(db, input, BOOKING, reads);
  if (originalId) return { originalId };
  const [[found], [recurrence], [stored]] = rows;
  const experience = requireBookableExperience(found);
  const quantity = input.body.quantity ?? 1;
  assertBookingFitsExperience(experience, input.body, quantity);
  const view = sessionViewOf(experience, sessionId, recurrence, stored);
  const session = admitSession(experience, view, input.now);

  const batch = new WriteBatch(db);
  const added = addSessionBooking(batch, input, experience, session, quantity);
  await addNewBookingNotifications(batch, input, experience, added.booking, added.eventIds);
  const position = added.waitlist && batch.trackRows(waitlistPositionQuery(db, added.booking));
  const after = batch.trackRows(sessionSeatsQuery(db, session.sessionId, input.now));
  const committed = await batch.commit();
  const [row] = added.inserted.flatMap((ref) => committed.rows(ref));
  if (!row) throw seatRefusal(experience, session, quantity, committed.rows(after)[0]);
  const waitlistPosition = position ? committed.rows(position)[0]?.position : undefined;
  return { row, position: waitlistPosition === undefined ? undefined : Number(waitlistPosition) };
}

/**
 * Runs the booking (a session's seats, or a hold's conversion). Every booking gets a cancel
 * token (§17): the caller's, else a fresh one whose hash is stored.
 */
export async function createBooking(db: Database, input: CreateBookingInput) {
  const withToken = { ...input, cancelToken: input.cancelToken ?? (await issueCancelToken()) };
  const { hold_id, session_id } = input.body;
  const outcome = hold_id
    ? await convertHold(db, withToken, hold_id)
    : await bookSession(db, withToken, session_id ?? "");
  if ("originalId" in outcome) {
    return getBooking(db, input.organizationId, outcome.originalId, input.now);
  }
  return presentBooking(outcome.row, input.now, outcome.position);
}

export interface CancelBookingInput extends WriteRequest {
  organizationId: string;
  bookingId: string;
  reason: string | null;
  /** The API key's organization cancels as the studio; the token holder as the customer. */
  cancelledBy: "customer" | "studio";
}

/** 409 unless the booking is still open (confirmed or waitlisted) and its session to come. */
function assertCancellable(booking: BookingRow, now: number): "confirmed" | "waitlisted" {
  const status = bookingStatusAt(booking, now);
  if (status === "cancelled" || status === "expired") throw new BookingNotCancellableError(status);
  if (booking.startAt <= now) throw new SessionStartedError();
  return status;
}

/**
 * One cancellation batch from the status read: the guarded update (returning the booking as
 * cancelled), its key row, its booking.cancelled event and mail, then what the promotion of
 * the freed seats is decided on. Undefined when a concurrent change (a second cancel, a
 * promotion) changed the booking first.
 */
async function cancelAsRead(
  db: Database,
  input: CancelBookingInput,
  booking: BookingRow,
  notifyCustomers: boolean,
) {
  const readStatus = assertCancellable(booking, input.now);
  const batch = new WriteBatch(db);
  const cancellation = {
    bookingId: booking.id,
    reason: input.reason,
    refundEligible: input.now <= booking.refundableUntil,
    cancelledBy: input.cancelledBy,
    now: input.now,
  };
  const cancelled = batch.trackRows(cancelOpenBookingStatement(db, cancellation, readStatus));
  const outcome = { resourceType: BOOKING_CANCELLATION, resourceId: booking.id };
  const happened = bookingCancelledAt(booking.id, input.now);
  recordIdempotencyKey(batch, input, outcome, happened);
  const object = presentBooking(cancelledBookingRow(booking, cancellation), input.now);
  const { organizationId, now } = input;
  const eventId = addEvent(batch, organizationId, "booking.cancelled", { object }, now, {
    onlyIf: happened,
  });
  const to = booking.contact.email;
  const mail = { organizationId, bookingId: booking.id, eventId, to, notifyCustomers, now };
  await addNotification(batch, {
    ...mail,
    kind: "booking_cancelled",
    manageUrl: null,
    encryptionKey: undefined,
  });
  const [seats, waitlist] = promotionReads(db, booking.sessionId, now);
  const [seatsRef, waitlistRef] = [batch.trackRows(seats), batch.trackRows(waitlist)];
  const committed = await batch.commit();
  const [row] = committed.rows(cancelled);
  const promotion = { seats: committed.rows(seatsRef)[0], waitlist: committed.rows(waitlistRef) };
  return row && { row, promotion: { ...promotion, notifyCustomers } };
}

/**
 * §9 cancel: frees the seats, and the session's waitlist is promoted into them (§14);
 * refund_eligible when cancelled at or before refundable_until (null for a waitlisted booking).
 * A booking promoted between the read and the write is read again and cancelled as confirmed.
 */
export async function cancelBooking(db: Database, input: CancelBookingInput) {
  const { organizationId, bookingId, now } = input;
  const reads = bookingWithExperienceReads(db, organizationId, bookingId);
  const { originalId, rows } = await readWithOriginal(db, input, BOOKING_CANCELLATION, reads);
  if (originalId) return getBooking(db, organizationId, originalId, now);
  const [[booking], [experience]] = rows;
  if (!booking) throw new NotFoundError("Booking not found");
  const notifyCustomers = experience?.notifyCustomers ?? false;
  const done =
    (await cancelAsRead(db, input, booking, notifyCustomers)) ??
    (await cancelAsRead(
      db,
      input,
      await requireBooking(db, organizationId, booking.id),
      notifyCustomers,
    ));
  if (!done) throw new BookingNotCancellableError();
  await promoteFrom(db, done.promotion, now);
  return presentBooking(done.row, now);
}
