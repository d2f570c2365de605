import { toIso, toIsoOrNull } from "../../lib/time";
import type { NotificationRow } from "../../notifications/notifications.repository";

/** A customer email as GET /v1/bookings/{booking_id}/notifications shows it (§17). */
export function presentNotification(row: NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    to: row.to,
    status: row.status,
    attempts: row.attempts,
    last_error: row.lastError,
    sent_at: toIsoOrNull(row.sentAt),
    created_at: toIso(row.createdAt),
  };
}
