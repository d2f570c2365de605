import type { WriteBatch } from "../../db/write-batch";
import { addEvent } from "../../events/outbox";
import type { SessionView } from "../sessions/sessions.service";
import { waitlistPositionSql } from "../waitlist/waitlist.repository";
import { presentBooking } from "./bookings.presenter";
import {
  type BookingRow,
  bookingInStatus,
  bookingWrittenAs,
  type Cancellation,
  cancellationChanges,
  type NewBooking,
} from "./bookings.repository";

const HOUR_MS = 3_600_000;

/**
 * The row the seat-guarded insert will write, known before the batch runs, so the
 * booking.created event can carry the booking exactly as the API returns it. The snapshot
 * fields come from the session as resolved; `bookingWrittenAs` makes the batch fail rather
 * than commit an event that disagrees with the stored snapshot.
 */
export function expectedBookingRow(
  booking: NewBooking,
  session: SessionView,
  status: "confirmed" | "waitlisted" = "confirmed",
): BookingRow {
  return {
    id: booking.id,
    organizationId: booking.organizationId,
    experienceId: booking.experienceId,
    sessionId: session.sessionId,
    recurrenceId: session.recurrenceId,
    startAt: session.startMs,
    endAt: session.endMs,
    timezone: session.timezone,
    quantity: booking.quantity,
    status,
    contact: booking.contact,
    notes: booking.notes,
    providerId: session.providerId,
    price: booking.price,
    refundableUntil: session.startMs - booking.refundableHoursBefore * HOUR_MS,
    cancelledAt: null,
    cancelReason: null,
    refundEligible: null,
    cancelledBy: null,
    cancelTokenHash: booking.cancelTokenHash,
    promotedAt: null,
    rescheduledFrom: null,
    rescheduledAt: null,
    revision: 0,
    createdAt: booking.now,
    updatedAt: booking.now,
  };
}

/**
 * The booking as the cancellation leaves it (what cancelOpenBookingStatement sets): a booking
 * cancelled while waitlisted held no seat, so it has no refund (null).
 */
export function cancelledBookingRow(booking: BookingRow, cancellation: Cancellation): BookingRow {
  return { ...booking, ...cancellationChanges(cancellation, booking.status) };
}

/**
 * The booking as a session cancellation leaves it (what cancelSessionBookingsStatement sets):
 * refund-eligible whatever its status, since the studio cancelled (§15).
 */
export function cancelledByStudioRow(
  booking: BookingRow,
  cancellation: { reason: string | null; now: number },
): BookingRow {
  return {
    ...booking,
    status: "cancelled",
    cancelledAt: cancellation.now,
    cancelReason: cancellation.reason,
    refundEligible: true,
    cancelledBy: "studio",
    updatedAt: cancellation.now,
  };
}

/** The booking as a reschedule to `target` leaves it (what moveBookingIfSeatsLeft sets). */
export function rescheduledBookingRow(
  booking: BookingRow,
  target: SessionView,
  now: number,
): BookingRow {
  return {
    ...booking,
    sessionId: target.sessionId,
    recurrenceId: target.recurrenceId,
    startAt: target.startMs,
    endAt: target.endMs,
    timezone: target.timezone,
    providerId: target.providerId,
    refundableUntil: target.startMs - (booking.startAt - booking.refundableUntil),
    rescheduledFrom: booking.sessionId,
    rescheduledAt: now,
    updatedAt: now,
  };
}

/** The booking as its promotion from the waitlist leaves it (what promoteStatement sets). */
export function promotedBookingRow(booking: BookingRow, now: number): BookingRow {
  return { ...booking, status: "confirmed", promotedAt: now, updatedAt: now };
}

/**
 * The events of a new booking, in its batch: `booking.created` if the guard confirmed it,
 * `booking.waitlisted` (with its FIFO position, read in the batch) if it joined the waitlist.
 * Each is written only if the booking really was written with that status, and its snapshot
 * fields must agree with what was written (bookingWrittenAs), so an event never lies.
 */
export interface NewBookingEventIds {
  created: string;
  waitlisted: string | null;
}

/** The new booking's event for one status it may be written in (see addNewBookingEvents). */
function addNewBookingEvent(
  batch: WriteBatch,
  booking: NewBooking,
  session: SessionView,
  status: "confirmed" | "waitlisted",
) {
  const expected = expectedBookingRow(booking, session, status);
  const waitlisted = status === "waitlisted";
  const position = waitlistPositionSql(booking.id, session.sessionId, booking.now);
  return addEvent(
    batch,
    booking.organizationId,
    waitlisted ? "booking.waitlisted" : "booking.created",
    { object: presentBooking(expected, booking.now) },
    booking.now,
    {
      onlyIf: bookingInStatus(booking.id, status),
      consistentIf: bookingWrittenAs(expected),
      computed: waitlisted ? { "$.object.waitlist_position": position } : undefined,
    },
  );
}

export function addNewBookingEvents(
  batch: WriteBatch,
  booking: NewBooking,
  session: SessionView,
  options: { waitlist: boolean },
): NewBookingEventIds {
  const created = addNewBookingEvent(batch, booking, session, "confirmed");
  const waitlisted = options.waitlist
    ? addNewBookingEvent(batch, booking, session, "waitlisted")
    : null;
  return { created, waitlisted };
}
