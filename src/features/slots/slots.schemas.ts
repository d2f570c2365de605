import { z } from "@hono/zod-openapi";
import {
  CalendarDateSchema,
  IsoInstantSchema,
  idSchema,
  TimeZoneSchema,
} from "../../http/common-schemas";
import { decodeSlotCursor } from "./slot-cursor";
import { MAX_SLOTS_PER_PAGE } from "./slot-page";

export const SlotsQuerySchema = z.object({
  from: CalendarDateSchema.optional().openapi({
    description: "First local date (default: today in `timezone`)",
    example: "2026-12-01",
  }),
  to: CalendarDateSchema.optional().openapi({
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

/** The §8 query plus cursor paging: at most `limit` (≤ 2000) slots per answer. */
export const SlotsPageQuerySchema = SlotsQuerySchema.extend({
  cursor: z
    .string()
    .transform((value, ctx) => {
      const cursor = decodeSlotCursor(value);
      if (!cursor) {
        ctx.addIssue({
          code: "custom",
          message: "Invalid cursor: pass the next_cursor of an answer",
        });
        return z.NEVER;
      }
      return cursor;
    })
    .optional()
    .openapi({
      type: "string",
      description:
        "The `next_cursor` of the previous answer: this page starts after the slot it names (the same range and filters apply)",
    }),
  limit: z
    .string()
    .regex(/^\d+$/, "Must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_SLOTS_PER_PAGE))
    .optional()
    .default(MAX_SLOTS_PER_PAGE)
    .openapi({
      type: "integer",
      minimum: 1,
      maximum: MAX_SLOTS_PER_PAGE,
      default: MAX_SLOTS_PER_PAGE,
      description: `Slots per answer, 1–${MAX_SLOTS_PER_PAGE}`,
    }),
});

export const SlotSchema = z
  .object({
    session_id: idSchema("ses_9fQ2bY7LpWzR4aN3kTMd_20261207_0700"),
    recurrence_id: z.string(),
    start: IsoInstantSchema,
    end: IsoInstantSchema,
    local_start: z.string().openapi({ example: "2026-12-07T07:00:00.000+01:00" }),
    timezone: z.string().openapi({ example: "Europe/Berlin" }),
    provider_id: z.string().nullable(),
    capacity: z.number().int(),
    seats_booked: z.number().int().openapi({ description: "Seats of confirmed bookings" }),
    seats_held: z.number().int().openapi({
      description: "Seats of active holds that have not expired (§14)",
    }),
    seats_available: z.number().int().openapi({
      description: "capacity − seats_booked − seats_held, never below 0; `full` when 0",
    }),
    waitlist_size: z.number().int().openapi({ description: "Waitlisted bookings" }),
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

export const SlotPageSchema = z
  .object({
    data: z.array(SlotSchema),
    next_cursor: z
      .string()
      .nullable()
      .openapi({
        description: `Null when this answer holds the rest of the range; else pass it as \`cursor\` for the next ${MAX_SLOTS_PER_PAGE} (or \`limit\`) slots`,
        example: null,
      }),
  })
  .openapi("SlotPage");
