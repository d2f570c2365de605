import { z } from "@hono/zod-openapi";
import { IsoInstantSchema, pathParam } from "../../http/common-schemas";

export const SessionParamsSchema = z.object({
  id: pathParam("id", "exp_3kTMd9xQ2bY7LpWzR4aN"),
  session_id: pathParam("session_id", "ses_3kTMd9xQ2bY7LpWzR4aN_20261208_0700"),
});

export const CancelSessionBodySchema = z
  .object({ reason: z.string().max(500).nullable().optional() })
  .strict()
  .openapi("CancelSessionBody", { example: { reason: "The teacher is ill" } });

const SessionFields = {
  session_id: z.string(),
  recurrence_id: z.string(),
  experience_id: z.string(),
  start: IsoInstantSchema,
  end: IsoInstantSchema,
  local_start: z.string(),
  timezone: z.string(),
  capacity: z.number().int(),
  provider_id: z.string().nullable(),
  status: z.enum(["scheduled", "cancelled"]),
  cancelled_at: IsoInstantSchema.nullable(),
  cancel_reason: z.string().nullable(),
};

const bookingsCancelled = z
  .number()
  .int()
  .openapi({ description: "Bookings cancelled by this session's cancellation (0 if none)" });

export const SessionOperationSchema = z
  .object({ ...SessionFields, bookings_cancelled: bookingsCancelled })
  .openapi("SessionOperationResult");

export const SessionDetailSchema = z
  .object({
    ...SessionFields,
    bookings_cancelled: bookingsCancelled,
    seats_booked: z.number().int(),
    seats_held: z.number().int(),
    waitlist_size: z.number().int(),
    bookings: z.array(z.string()).openapi({ description: "IDs of every booking of the session" }),
  })
  .openapi("SessionDetail");
