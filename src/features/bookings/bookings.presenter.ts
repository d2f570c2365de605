import { toIso, toIsoOrNull } from "../../lib/time";
import type { BookingRow } from "./bookings.repository";

/**
 * A waitlisted booking whose session has started reads `expired` even before the sweep wrote it
 * (§14: it expires when the session starts).
 */
export function bookingStatusAt(row: BookingRow, now: number): BookingRow["status"] {
  return row.status === "waitlisted" && row.startAt <= now ? "expired" : row.status;
}

/** `waitlistPosition` is the booking's FIFO position, for a booking that is waitlisted. */
export function presentBooking(row: BookingRow, now: number, waitlistPosition?: number) {
  const status = bookingStatusAt(row, now);
  return {
    id: row.id,
    experience_id: row.experienceId,
    session_id: row.sessionId,
    recurrence_id: row.recurrenceId,
    start: toIso(row.startAt),
    end: toIso(row.endAt),
    timezone: row.timezone,
    quantity: row.quantity,
    status,
    waitlist_position: status === "waitlisted" ? (waitlistPosition ?? null) : null,
    contact: row.contact,
    notes: row.notes,
    provider_id: row.providerId,
    price: row.price,
    refundable_until: toIso(row.refundableUntil),
    cancelled_at: toIsoOrNull(row.cancelledAt),
    cancel_reason: row.cancelReason,
    refund_eligible: row.refundEligible,
    rescheduled_from: row.rescheduledFrom,
    rescheduled_at: toIsoOrNull(row.rescheduledAt),
    promoted_at: toIsoOrNull(row.promotedAt),
    created_at: toIso(row.createdAt),
    updated_at: toIso(row.updatedAt),
  };
}
