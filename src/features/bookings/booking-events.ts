import type { SessionView } from "../sessions/sessions.service";
import type { BookingRow, Cancellation, NewBooking } from "./bookings.repository";

const HOUR_MS = 3_600_000;

/**
 * The row the seat-guarded insert will write, known before the batch runs, so the
 * booking.created event can carry the booking exactly as the API returns it. The snapshot
 * fields come from the session as resolved; `bookingWrittenAs` makes the batch fail rather
 * than commit an event that disagrees with the stored snapshot.
 */
export function expectedBookingRow(booking: NewBooking, session: SessionView): BookingRow {
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
    status: "confirmed",
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
    createdAt: booking.now,
    updatedAt: booking.now,
  };
}

/** The booking as the cancellation leaves it (what cancelConfirmedBookingStatement sets). */
export function cancelledBookingRow(booking: BookingRow, cancellation: Cancellation): BookingRow {
  return {
    ...booking,
    status: "cancelled",
    cancelledAt: cancellation.now,
    cancelReason: cancellation.reason,
    refundEligible: cancellation.refundEligible,
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
