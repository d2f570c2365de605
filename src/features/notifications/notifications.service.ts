import type { Database } from "../../db/client";
import { listBookingNotifications } from "../../notifications/notifications.repository";
import { requireBooking } from "../bookings/bookings-query.service";
import { presentNotification } from "./notifications.presenter";

/** §17: whether the customer was told, oldest mail first; 404 for unknown and foreign bookings. */
export async function listNotificationsOfBooking(
  db: Database,
  input: { organizationId: string; bookingId: string },
) {
  await requireBooking(db, input.organizationId, input.bookingId);
  const rows = await listBookingNotifications(db, input.organizationId, input.bookingId);
  return rows.map(presentNotification);
}
