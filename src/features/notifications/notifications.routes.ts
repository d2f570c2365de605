import { z } from "@hono/zod-openapi";
import { createRouter, jsonContent } from "../../http/openapi";
import { v1Routes } from "../../http/route";
import { authOf } from "../../http/scopes";
import { BookingParamsSchema } from "../bookings/bookings.schemas";
import { NotificationSchema } from "./notifications.schemas";
import { listNotificationsOfBooking } from "./notifications.service";

const route = v1Routes("Bookings", "bookings");

export const notificationsRoutes = createRouter().openapi(
  route.get("/bookings/{booking_id}/notifications", {
    summary: "The customer emails of a booking",
    description:
      "Whether the customer was told (§17): one row per email, oldest first. A booking whose contact has no email, or whose experience has notify_customers false, has none.",
    params: BookingParamsSchema,
    responses: {
      200: jsonContent(z.object({ data: z.array(NotificationSchema) }), "The booking's emails"),
    },
  }),
  async (c) => {
    const data = await listNotificationsOfBooking(c.get("db"), {
      organizationId: authOf(c).organizationId,
      bookingId: c.req.valid("param").booking_id,
    });
    return c.json({ data }, 200);
  },
);
