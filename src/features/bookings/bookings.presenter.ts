import { toIso, toIsoOrNull } from "../../lib/time";
import type { BookingRow } from "./bookings.repository";

export function presentBooking(row: BookingRow) {
  return {
    id: row.id,
    experience_id: row.experienceId,
    session_id: row.sessionId,
    recurrence_id: row.recurrenceId,
    start: toIso(row.startAt),
    end: toIso(row.endAt),
    timezone: row.timezone,
    quantity: row.quantity,
    status: row.status,
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
    created_at: toIso(row.createdAt),
    updated_at: toIso(row.updatedAt),
  };
}
