import { z } from "@hono/zod-openapi";
import { IsoInstantSchema, idSchema, nameSchema, pathParam } from "../../http/common-schemas";
import { PaginationQuerySchema } from "../../http/pagination";
import { CreateRecurrenceBodySchema } from "../recurrences/recurrences.schemas";

const isUnique = (values: readonly unknown[]) => new Set(values).size === values.length;

/** JSON numbers as parsed: 12.34 survives toFixed(2) unchanged, 12.345 does not. */
const hasAtMostTwoDecimals = (amount: number) => Number(amount.toFixed(2)) === amount;

const EXPERIENCE_STATUSES = ["active", "inactive"] as const;

const text = (max: number) => z.string().max(max);

export const LocationSchema = z
  .object({
    type: z.enum(["in_person", "online", "phone"]),
    venue: text(200).optional(),
    address: text(500).optional(),
    city: text(200).optional(),
    state: text(200).optional(),
    country: text(200).optional(),
    instructions: text(2000).optional(),
    video_link: z
      .url({ protocol: /^https$/, hostname: z.regexes.domain, message: "Must be an https URL" })
      .max(2048)
      .optional(),
  })
  .strict()
  .openapi("Location", {
    example: { type: "in_person", venue: "Studio A", address: "Torstraße 1", city: "Berlin" },
  });

// ICU's list of ISO-4217 codes, as workerd ships it.
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

function isKnownCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code.toUpperCase());
}

export const PricingSchema = z
  .discriminatedUnion("model", [
    z.object({ model: z.literal("free") }).strict(),
    z
      .object({
        model: z.literal("per_session"),
        currency: z
          .string()
          .regex(/^[A-Za-z]{3}$/, { message: "Must be a 3-letter ISO-4217 code" })
          .refine(isKnownCurrency, { message: "Not an ISO-4217 currency code" })
          .openapi({ example: "eur", description: "ISO-4217 code; stored lowercase" }),
        amount: z
          .number()
          .min(0)
          .max(1_000_000)
          .refine(hasAtMostTwoDecimals, { message: "At most 2 decimal places" })
          .openapi({ example: 18.5, description: "Price per seat in major units" }),
      })
      .strict(),
  ])
  .openapi("Pricing", { example: { model: "per_session", currency: "eur", amount: 18.5 } });

// Fields inside each nested object default individually; a nested object that is present
// replaces the stored one whole (§5 PATCH), so the defaults apply there as well.
const BookingWindowSchema = z
  .object({
    min_hours_before: z.int().min(0).max(8760).default(1),
    max_days_ahead: z.int().min(1).max(730).default(60),
  })
  .strict();

const CancellationPolicySchema = z
  .object({ refundable_until_hours_before: z.int().min(0).max(8760).default(24) })
  .strict();

/** The scheduling_rules of the examples: a partial one, as both create and PATCH take it. */
const SCHEDULING_RULES_EXAMPLE = { booking_window: { min_hours_before: 2, max_days_ahead: 90 } };

const SchedulingRulesInputSchema = z
  .object({
    booking_window: BookingWindowSchema.optional(),
    cancellation_policy: CancellationPolicySchema.optional(),
  })
  .strict()
  .openapi("SchedulingRulesInput", {
    example: SCHEDULING_RULES_EXAMPLE,
    description:
      "Defaults: booking_window {min_hours_before: 1, max_days_ahead: 60}, " +
      "cancellation_policy {refundable_until_hours_before: 24}. An absent object keeps its " +
      "current value.",
  });

export const WaitlistSchema = z
  .object({
    enabled: z.boolean().default(false),
    max_size: z.int().min(1).max(1000).default(50).openapi({
      description: "Waitlisted bookings per session at most",
    }),
  })
  .strict()
  .openapi("Waitlist", {
    example: { enabled: true, max_size: 50 },
    description:
      "§14: with `enabled`, a booking with `join_waitlist: true` that finds too few seats is waitlisted and promoted in FIFO order when seats free up. Replaced whole by PATCH; missing fields take their defaults.",
  });

const ProvidersSchema = z
  .array(z.string().min(1))
  .max(50)
  .refine(isUnique, { message: "Provider IDs must be unique" })
  .openapi({
    example: ["sm_R4aN3kTMd9fQ2bY7LpWz"],
    description: "Members of the experience's space or of GENERAL",
  });

const experienceFields = {
  name: nameSchema(),
  description: z.string().max(10000),
  duration_minutes: z.int().min(1).max(1440),
  default_capacity: z.int().min(1).max(10000),
  location: LocationSchema.nullable(),
  pricing: PricingSchema,
  scheduling_rules: SchedulingRulesInputSchema,
  providers: ProvidersSchema,
  required_contact_method: z.enum(["none", "email", "email_and_phone"]),
  max_booking_quantity: z.int().min(1).max(50),
  space_id: z
    .string()
    .min(1)
    .openapi({
      example: "GENERAL",
      description:
        "An existing space of the organization; an unknown one is a 400 validation_failed on " +
        "space_id (like a disallowed provider), not a 404",
    }),
  status: z.enum(EXPERIENCE_STATUSES),
  registration_status: z.enum(["open", "closed"]),
  notify_customers: z.boolean().openapi({
    description:
      "Whether customers with an email get booking emails (confirmation, cancellation, " +
      "reschedule, waitlist). Default true",
  }),
  waitlist: WaitlistSchema,
};

export const CreateExperienceBodySchema = z
  .object({
    ...experienceFields,
    description: experienceFields.description.default(""),
    location: experienceFields.location.default(null),
    pricing: experienceFields.pricing.default({ model: "free" }),
    scheduling_rules: experienceFields.scheduling_rules.optional(),
    providers: experienceFields.providers.default([]),
    default_recurrence: CreateRecurrenceBodySchema.optional(),
    required_contact_method: experienceFields.required_contact_method.default("email"),
    max_booking_quantity: experienceFields.max_booking_quantity.default(5),
    space_id: experienceFields.space_id.default("GENERAL"),
    status: experienceFields.status.default("active"),
    registration_status: experienceFields.registration_status.default("open"),
    notify_customers: experienceFields.notify_customers.default(true),
    waitlist: experienceFields.waitlist.default({ enabled: false, max_size: 50 }),
  })
  .strict()
  .openapi("CreateExperienceBody", {
    example: {
      name: "Vinyasa Flow",
      duration_minutes: 60,
      default_capacity: 12,
      pricing: { model: "per_session", currency: "EUR", amount: 18.5 },
      providers: ["sm_R4aN3kTMd9fQ2bY7LpWz"],
      default_recurrence: {
        timezone: "Europe/Berlin",
        start_date: "2026-12-01",
        cadence: { frequency: "weekly", days_of_week: [1, 3] },
        session_templates: [{ start_time_of_day: "07:00" }, { start_time_of_day: "18:30" }],
      },
    },
  });

export const UpdateExperienceBodySchema = z
  .object(experienceFields)
  .partial()
  .strict()
  .openapi("UpdateExperienceBody", {
    example: {
      registration_status: "closed",
      scheduling_rules: SCHEDULING_RULES_EXAMPLE,
    },
    description:
      "Any create field except default_recurrence, at least one. location, pricing and " +
      "providers are replaced whole; inside scheduling_rules each object present replaces its " +
      "predecessor and an absent one is kept. Providers are re-checked against the (new) space.",
  });

export const ExperienceSchema = z
  .object({
    id: idSchema("exp_3kTMd9xQ2bY7LpWzR4aN"),
    name: z.string().openapi({ example: "Vinyasa Flow" }),
    description: z.string(),
    status: z.enum(EXPERIENCE_STATUSES),
    registration_status: z.enum(["open", "closed"]),
    duration_minutes: z.int().openapi({ example: 60 }),
    default_capacity: z.int().openapi({ example: 12 }),
    max_booking_quantity: z.int().openapi({ example: 5 }),
    required_contact_method: z.enum(["none", "email", "email_and_phone"]),
    notify_customers: z.boolean().openapi({ example: true }),
    space_id: z.string().openapi({ example: "GENERAL" }),
    providers: z.array(z.string()),
    location: LocationSchema.nullable(),
    pricing: PricingSchema,
    scheduling_rules: z.object({
      booking_window: z.object({ min_hours_before: z.int(), max_days_ahead: z.int() }),
      cancellation_policy: z.object({ refundable_until_hours_before: z.int() }),
    }),
    waitlist: z.object({ enabled: z.boolean(), max_size: z.int() }),
    recurrence_ids: z.array(z.string()).openapi({
      example: ["rec_9fQ2bY7LpWzR4aN3kTMd"],
      description: "Active and paused recurrences, oldest first",
    }),
    bookings_count: z.int().openapi({ example: 0, description: "Confirmed bookings" }),
    created_at: IsoInstantSchema,
    updated_at: IsoInstantSchema,
  })
  .openapi("Experience");

export const CreatedExperienceSchema = ExperienceSchema.extend({
  auto_recurrence: z.literal(true).optional().openapi({
    description: "Present when the auto-default recurrence was attached",
  }),
  recurrence_required: z.literal(true).optional().openapi({
    description: "Present when no recurrence was attached; see hint",
  }),
  hint: z.string().optional(),
}).openapi("CreatedExperience");

const StatusListSchema = z
  .string()
  .refine(
    (value) =>
      value
        .split(",")
        .every((status) => (EXPERIENCE_STATUSES as readonly string[]).includes(status.trim())),
    { message: `Must be a comma-separated list of: ${EXPERIENCE_STATUSES.join(", ")}` },
  )
  // A set: repeats are dropped, so the filter binds at most two parameters.
  .transform((value) => [
    ...new Set(value.split(",").map((status) => status.trim() as ExperienceStatus)),
  ]);

export const ListExperiencesQuerySchema = PaginationQuerySchema.extend({
  status: StatusListSchema.optional().openapi({
    param: { name: "status", in: "query" },
    type: "string",
    example: "active,inactive",
    description: "Comma-separated statuses: active, inactive",
  }),
  space_id: z
    .string()
    .min(1)
    .optional()
    .openapi({ param: { name: "space_id", in: "query" }, example: "GENERAL" }),
});

export const ExperienceParamsSchema = z.object({
  id: pathParam("id", "exp_3kTMd9xQ2bY7LpWzR4aN"),
});

export type ExperienceStatus = (typeof EXPERIENCE_STATUSES)[number];
export type CreateExperienceBody = z.infer<typeof CreateExperienceBodySchema>;
export type UpdateExperienceBody = z.infer<typeof UpdateExperienceBodySchema>;
export type ListExperiencesQuery = z.infer<typeof ListExperiencesQuerySchema>;
