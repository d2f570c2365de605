import type { Database } from "../../db/client";
import { toIso, toIsoOrNull } from "../../lib/time";
import {
  listBookingNotifications,
  type NotificationRow,
} from "../../notifications/notifications.repository";
import { requireBooking } from "../bookings/bookings-query.service";

function presentNotification(row: NotificationRow) {
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

/** §17: whether the customer was told, oldest mail first; 404 for unknown and foreign bookings. */
export async function listNotificationsOfBooking(
  db: Database,
  input: { organizationId: string; bookingId: string },
) {
  await requireBooking(db, input.organizationId, input.bookingId);
  const rows = await listBookingNotifications(db, input.organizationId, input.bookingId);
  return rows.map(presentNotification);
}
