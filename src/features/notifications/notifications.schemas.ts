import { z } from "@hono/zod-openapi";
import { IsoInstantSchema, idSchema } from "../../http/common-schemas";

export const NotificationSchema = z
  .object({
    id: idSchema("ntf_3kTMd9xQ2bY7LpWzR4aN"),
    kind: z.enum([
      "booking_confirmed",
      "booking_cancelled",
      "booking_rescheduled",
      "booking_waitlisted",
      "booking_promoted",
    ]),
    to: z.string().openapi({ example: "ada@example.com" }),
    status: z.enum(["pending", "sent", "failed"]).openapi({
      description:
        "pending until the Email Service accepted the mail (retried on the webhook schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), failed after the last attempt",
    }),
    attempts: z.int().openapi({ example: 1 }),
    last_error: z.string().nullable(),
    sent_at: IsoInstantSchema.nullable(),
    created_at: IsoInstantSchema,
  })
  .openapi("Notification");
