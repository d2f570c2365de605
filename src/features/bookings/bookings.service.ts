import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { BookingNotCancellableError, NotFoundError, SessionStartedError } from "../../errors";
import { addEvent } from "../../events/outbox";
import {
  findOriginalResourceId,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { addNotification } from "../../notifications/notification-statement";
import { issueCancelToken } from "../../public/cancel-token";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { findExperienceById } from "../experiences/experiences.repository";
import { materializeSessionStatement } from "../sessions/seat-guard";
import {
  admitSession,
  assertExperienceTakesBookings,
  seatRefusal,
} from "../sessions/session-admission";
import { snapshotOf } from "../sessions/sessions.service";
import { promoteWaitlist } from "../waitlist/waitlist.service";
import { addNewBookingEvents, cancelledBookingRow } from "./booking-events";
import {
  assertBookingFitsExperience,
  BOOKING,
  type CreateBookingInput,
  newBookingOf,
} from "./booking-input";
import { addNewBookingNotifications } from "./booking-notifications";
import { bookingStatusAt, presentBooking } from "./bookings.presenter";
import {
  type BookingRow,
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
 * with `join_waitlist` its waitlisted alternative (§14), its event, and the Idempotency-Key row
 * only if a booking was inserted. Returns the new booking's id.
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
  const joinsWaitlist = Boolean(input.body.join_waitlist && enabled);
  const waitlisted = joinsWaitlist
    ? batch.track(insertWaitlistedIfRefused(db, booking, max_size))
    : undefined;
  const outcome = { resourceType: BOOKING, resourceId: booking.id };
  recordIdempotencyKey(batch, input, outcome, bookingExists(booking.id));
  const eventIds = addNewBookingEvents(batch, booking, session, { waitlist: joinsWaitlist });
  await addNewBookingNotifications(batch, input, experience, booking, eventIds);
  const committed = await batch.commit();
  const inserted =
    committed.rowsChanged(confirmed) + (waitlisted ? committed.rowsChanged(waitlisted) : 0);
  if (inserted === 0) throw await seatRefusal(db, experience, session, quantity, input.now);
  return booking.id;
}

/**
 * Runs the booking (a session's seats, or a hold's conversion); returns the new id. Every
 * booking gets a cancel token (§17): the caller's, else a fresh one whose hash is stored.
 */
async function runBooking(db: Database, input: CreateBookingInput) {
  const experience = await findExperienceById(db, input.organizationId, input.experienceId);
  if (!experience) throw new NotFoundError("Experience not found");
  assertExperienceTakesBookings(experience);
  const withToken = { ...input, cancelToken: input.cancelToken ?? (await issueCancelToken()) };
  return input.body.hold_id
    ? convertHold(db, withToken, experience, input.body.hold_id)
    : bookSession(db, withToken, experience);
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
 * One cancellation batch from the status read: the guarded update, its key row and its
 * booking.cancelled event. False when a concurrent change (a second cancel, a promotion)
 * changed the booking first.
 */
async function cancelAsRead(db: Database, input: CancelBookingInput, booking: BookingRow) {
  const readStatus = assertCancellable(booking, input.now);
  const batch = new WriteBatch(db);
  const cancellation = {
    bookingId: booking.id,
    reason: input.reason,
    refundEligible: input.now <= booking.refundableUntil,
    cancelledBy: input.cancelledBy,
    now: input.now,
  };
  const cancelled = batch.track(cancelOpenBookingStatement(db, cancellation, readStatus));
  const outcome = { resourceType: BOOKING_CANCELLATION, resourceId: booking.id };
  const happened = bookingCancelledAt(booking.id, input.now);
  recordIdempotencyKey(batch, input, outcome, happened);
  const object = presentBooking(cancelledBookingRow(booking, cancellation), input.now);
  const eventId = addEvent(
    batch,
    input.organizationId,
    "booking.cancelled",
    { object },
    input.now,
    {
      onlyIf: happened,
    },
  );
  const experience = await findExperienceById(db, input.organizationId, booking.experienceId);
  await addNotification(batch, {
    organizationId: input.organizationId,
    bookingId: booking.id,
    eventId,
    kind: "booking_cancelled",
    to: booking.contact.email,
    notifyCustomers: experience?.notifyCustomers ?? false,
    manageUrl: null,
    encryptionKey: undefined,
    now: input.now,
  });
  const committed = await batch.commit();
  return committed.rowsChanged(cancelled) === 1;
}

async function requireBooking(db: Database, organizationId: string, bookingId: string) {
  const booking = await findBookingById(db, organizationId, bookingId);
  if (!booking) throw new NotFoundError("Booking not found");
  return booking;
}

/**
 * §9 cancel: frees the seats, and the session's waitlist is promoted into them (§14);
 * refund_eligible when cancelled at or before refundable_until (null for a waitlisted booking).
 * A booking promoted between the read and the write is read again and cancelled as confirmed.
 */
export async function cancelBooking(db: Database, input: CancelBookingInput) {
  const originalId = await findOriginalResourceId(db, input, BOOKING_CANCELLATION);
  if (originalId) return getBooking(db, input.organizationId, originalId, input.now);

  const booking = await requireBooking(db, input.organizationId, input.bookingId);
  const done =
    (await cancelAsRead(db, input, booking)) ||
    (await cancelAsRead(db, input, await requireBooking(db, input.organizationId, booking.id)));
  if (!done) throw new BookingNotCancellableError();
  await promoteWaitlist(db, booking.sessionId, input.now);
  return getBooking(db, input.organizationId, booking.id, input.now);
}
