import { listResponse } from "../../http/openapi";
import { route, v1Router } from "../../http/route-table";
import { BookingParamsSchema } from "../bookings/bookings.schemas";
import { NotificationSchema } from "./notifications.schemas";
import { listNotificationsOfBooking } from "./notifications.service";

export const notificationsRoutes = v1Router("Bookings", "bookings", [
  route.get(
    "/bookings/{booking_id}/notifications",
    {
      summary: "The customer emails of a booking",
      description:
        "Whether the customer was told (§17): one row per email, oldest first. A booking whose contact has no email, or whose experience has notify_customers false, has none.",
      params: BookingParamsSchema,
      responses: listResponse(200, NotificationSchema, "The booking's emails"),
    },
    (r) =>
      listNotificationsOfBooking(r.db, { organizationId: r.orgId, bookingId: r.param.booking_id }),
  ),
]);
