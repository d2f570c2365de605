import { z } from "@hono/zod-openapi";
import {
  CalendarDateSchema,
  IsoInstantSchema,
  idSchema,
  pathParam,
  TimeZoneSchema,
} from "../../http/common-schemas";
import { isBoundedDate, isBoundedDateTime, MAX_DATE, MIN_DATE } from "../../scheduling/date-bounds";

const isUnique = (values: readonly unknown[]) => new Set(values).size === values.length;

export const DateSchema = CalendarDateSchema;

/** `YYYY-MM-DD`, or an ISO-8601 date-time with an offset (its date is taken in the timezone). */
function isStartDate(value: string): boolean {
  return isBoundedDate(value) || isBoundedDateTime(value);
}

const StartDateSchema = z
  .string()
  .refine(isStartDate, {
    message: `Must be YYYY-MM-DD or an ISO-8601 date-time with an offset, between ${MIN_DATE} and ${MAX_DATE}`,
  })
  .openapi({
    example: "2026-12-01",
    description: `\`YYYY-MM-DD\`, or an ISO-8601 date-time with offset, stored as its calendar date in \`timezone\`; between ${MIN_DATE} and ${MAX_DATE} (also after conversion)`,
  });

export const DaysOfWeekSchema = z
  .array(z.int().min(0).max(6))
  .min(1)
  .max(7)
  .refine(isUnique, { message: "Days must be unique" })
  .openapi({
    example: [1, 3],
    uniqueItems: true,
    description: "Weekdays, 0 = Sunday … 6 = Saturday; unique",
  });

const WeeklyCadenceSchema = z
  .object({
    frequency: z.literal("weekly"),
    interval: z.int().min(1).max(52).default(1),
    days_of_week: DaysOfWeekSchema,
  })
  .strict();

const DailyCadenceSchema = z
  .object({
    frequency: z.literal("daily"),
    interval: z.int().min(1).max(365).default(1),
    days_of_week: DaysOfWeekSchema.nullable().optional(),
  })
  .strict();

const MonthlyCadenceSchema = z
  .object({
    frequency: z.literal("monthly"),
    interval: z.int().min(1).max(12).default(1),
    day_of_month: z.int().min(1).max(31).nullable().optional(),
  })
  .strict();

export const CadenceSchema = z
  .discriminatedUnion("frequency", [WeeklyCadenceSchema, DailyCadenceSchema, MonthlyCadenceSchema])
  .openapi("Cadence", {
    example: { frequency: "weekly", interval: 1, days_of_week: [1, 3] },
    description:
      "weekly (interval 1–52, days_of_week required; weeks start on Monday), daily (interval " +
      "1–365, optional days_of_week filter) or monthly (interval 1–12, day_of_month 1–31, " +
      "default the day of start_date; months without that day are skipped).",
  });

export const EndConditionSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("never") }).strict(),
    z.object({ type: z.literal("date"), until: DateSchema }).strict(),
    z.object({ type: z.literal("count"), count: z.int().min(1).max(1000) }).strict(),
  ])
  .openapi("EndCondition", {
    example: { type: "date", until: "2027-06-30" },
    description:
      "`never`; `date` (until, inclusive, on or after start_date); or `count` (1–1000 " +
      "occurrence dates, counted before excluded_dates as in RFC 5545).",
  });

const TimeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "Must be HH:MM between 00:00 and 23:59" })
  .openapi({ example: "07:00" });

const MemberIdSchema = z.string().min(1).openapi({ example: "sm_R4aN3kTMd9fQ2bY7LpWz" });

export const SessionTemplateSchema = z
  .object({
    start_time_of_day: TimeOfDaySchema,
    capacity: z.int().min(1).max(10000).nullable().optional(),
    provider_id: MemberIdSchema.nullable().optional(),
    days_of_week: DaysOfWeekSchema.nullable().optional(),
  })
  .strict()
  .openapi("SessionTemplate", {
    example: { start_time_of_day: "18:30", capacity: 12, provider_id: null, days_of_week: [1] },
    description:
      "capacity defaults to the experience's default_capacity and provider_id to the " +
      "recurrence's provider_id, then the experience's first provider (read at expansion). " +
      "days_of_week (null = every cadence day) must be a subset of the cadence's days; two " +
      "templates may share a start time only on disjoint days.",
  });

const recurrenceFields = {
  provider_id: MemberIdSchema.nullable(),
  timezone: TimeZoneSchema,
  start_date: StartDateSchema,
  cadence: CadenceSchema,
  end_condition: EndConditionSchema,
  session_templates: z.array(SessionTemplateSchema).min(1).max(336),
  excluded_dates: z
    .array(DateSchema)
    .max(500)
    .openapi({ example: ["2026-12-24"] }),
  status: z.enum(["active", "paused"]),
};

const createExample = {
  provider_id: "sm_R4aN3kTMd9fQ2bY7LpWz",
  timezone: "Europe/Berlin",
  start_date: "2026-12-01",
  cadence: { frequency: "weekly", interval: 1, days_of_week: [1, 3] },
  end_condition: { type: "date", until: "2027-06-30" },
  session_templates: [{ start_time_of_day: "07:00" }, { start_time_of_day: "18:30", capacity: 8 }],
  excluded_dates: ["2026-12-23"],
};

export const CreateRecurrenceBodySchema = z
  .object({
    ...recurrenceFields,
    provider_id: recurrenceFields.provider_id.optional(),
    end_condition: recurrenceFields.end_condition.default({ type: "never" }),
    excluded_dates: recurrenceFields.excluded_dates.default([]),
    status: recurrenceFields.status.default("active"),
  })
  .strict()
  .openapi("CreateRecurrenceBody", { example: createExample });

export const UpdateRecurrenceBodySchema = z
  .object(recurrenceFields)
  .partial()
  .strict()
  .openapi("UpdateRecurrenceBody", {
    example: { status: "paused" },
    description:
      "Any create field, at least one. cadence, end_condition, session_templates and " +
      "excluded_dates are replaced whole; provider_id null clears it. The merged recurrence " +
      "is validated with the same rules as a new one.",
  });

const StoredCadenceSchema = z.object({
  frequency: z.enum(["weekly", "daily", "monthly"]),
  interval: z.int(),
  days_of_week: z.array(z.int()).nullable().optional(),
  day_of_month: z.int().nullable().optional(),
});

export const RecurrenceSchema = z
  .object({
    id: idSchema("rec_9fQ2bY7LpWzR4aN3kTMd"),
    experience_id: idSchema("exp_3kTMd9xQ2bY7LpWzR4aN"),
    provider_id: z.string().nullable(),
    timezone: z.string().openapi({ example: "Europe/Berlin" }),
    start_date: z.string().openapi({ example: "2026-12-01" }),
    cadence: StoredCadenceSchema,
    end_condition: EndConditionSchema,
    session_templates: z.array(
      z.object({
        start_time_of_day: z.string(),
        capacity: z.int().nullable(),
        provider_id: z.string().nullable(),
        days_of_week: z.array(z.int()).nullable(),
      }),
    ),
    excluded_dates: z.array(z.string()),
    status: z.enum(["active", "paused"]),
    created_at: IsoInstantSchema,
    updated_at: IsoInstantSchema,
  })
  .openapi("Recurrence");

export const RecurrenceParamsSchema = z.object({
  id: pathParam("id", "exp_3kTMd9xQ2bY7LpWzR4aN"),
  rec_id: pathParam("rec_id", "rec_9fQ2bY7LpWzR4aN3kTMd"),
});

export type CreateRecurrenceBody = z.infer<typeof CreateRecurrenceBodySchema>;
export type UpdateRecurrenceBody = z.infer<typeof UpdateRecurrenceBodySchema>;
