import { z } from "@hono/zod-openapi";
import { IsoInstantSchema, TimeZoneSchema } from "../../http/common-schemas";
import { isValidDate } from "../../scheduling/calendar-date";

const LocalDateSchema = z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isValidDate(v), {
  message: "Use a calendar date YYYY-MM-DD",
});

export const SlotsQuerySchema = z.object({
  from: LocalDateSchema.optional().openapi({
    description: "First local date (default: today in `timezone`)",
    example: "2026-12-01",
  }),
  to: LocalDateSchema.optional().openapi({
    description: "Last local date, inclusive (default: from + 27 days; at most 92 dates in all)",
    example: "2026-12-28",
  }),
  timezone: TimeZoneSchema.optional().openapi({
    description: "Zone of from/to (default: the organization's)",
  }),
  include_unbookable: z
    .enum(["true", "false"])
    .optional()
    .default("false")
    .transform((v) => v === "true")
    .openapi({ type: "string", enum: ["true", "false"], description: "List unbookable slots too" }),
});

export const SlotSchema = z
  .object({
    session_id: z.string().openapi({ example: "ses_9fQ2bY7LpWzR4aN3kTMd_20261207_0700" }),
    recurrence_id: z.string(),
    start: IsoInstantSchema,
    end: IsoInstantSchema,
    local_start: z.string().openapi({ example: "2026-12-07T07:00:00.000+01:00" }),
    timezone: z.string().openapi({ example: "Europe/Berlin" }),
    provider_id: z.string().nullable(),
    capacity: z.number().int(),
    seats_booked: z.number().int(),
    seats_available: z.number().int(),
    bookable: z.boolean(),
    unbookable_reason: z
      .enum([
        "past",
        "too_soon",
        "too_far",
        "full",
        "paused",
        "inactive",
        "cancelled",
        "registration_closed",
      ])
      .nullable(),
  })
  .openapi("Slot");

export type SlotsQuery = z.infer<typeof SlotsQuerySchema>;
