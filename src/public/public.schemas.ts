import { z } from "@hono/zod-openapi";
import { BookingSchema } from "../features/bookings/bookings.schemas";
import { LocationSchema, PricingSchema } from "../features/experiences/experiences.schemas";
import { idSchema, pathParam, shownOnceSecret, TimeZoneSchema } from "../http/common-schemas";

export const PublicExperienceParamsSchema = z.object({
  id: pathParam("id", "exp_3kTMd9xQ2bY7LpWzR4aN"),
});

export const PublicBookingParamsSchema = z.object({
  id: pathParam("id", "bkg_N3kTMd9fQ2bY7LpWzR4a"),
});

/** What the public may see of an active experience: no providers, space or booking counts. */
export const PublicExperienceSchema = z
  .object({
    id: idSchema("exp_3kTMd9xQ2bY7LpWzR4aN"),
    name: z.string().openapi({ example: "Vinyasa Flow" }),
    description: z.string(),
    duration_minutes: z.int().openapi({ example: 60 }),
    location: LocationSchema.nullable(),
    pricing: PricingSchema,
    required_contact_method: z.enum(["none", "email", "email_and_phone"]),
    max_booking_quantity: z.int().openapi({ example: 5 }),
    registration_status: z.enum(["open", "closed"]),
    scheduling_rules: z.object({
      booking_window: z.object({ min_hours_before: z.int(), max_days_ahead: z.int() }),
      cancellation_policy: z.object({ refundable_until_hours_before: z.int() }),
    }),
    waitlist: z.object({ enabled: z.boolean(), max_size: z.int() }).openapi({
      description: "Whether a full session offers `join_waitlist` (§14)",
    }),
    timezone: TimeZoneSchema.openapi({ description: "The organization's time zone" }),
  })
  .openapi("PublicExperience");

export const PublicBookingSchema = BookingSchema.extend({
  cancel_token: shownOnceSecret(
    "Zq8vN2kTMd9fQ2bY7LpWzR4aN3kTMd9fQ2bY7LpWzR4",
    "the secret that cancels this booking through POST /public/bookings/{id}/cancel",
  ),
  manage_url: z.url().openapi({
    example:
      "https://api.example.com/book/manage/bkg_N3kTMd9fQ2bY7LpWzR4a?token=Zq8vN2kTMd9fQ2bY7LpWzR4aN3kTMd9fQ2bY7LpWzR4",
    description:
      "Shown once: the booking's manage page (GET /book/manage/{booking_id}?token=…), which shows its state and cancels it without JavaScript. It carries the cancel token: treat it as a secret.",
  }),
}).openapi("PublicBooking");

export const PublicCancelBodySchema = z
  .object({
    cancel_token: z.string().min(1).max(256).openapi({
      description:
        "The cancel_token of the booking's creation response. A wrong token answers the same 404 as an unknown booking.",
    }),
  })
  .strict()
  .openapi("PublicCancelBody", {
    example: { cancel_token: "9fQ2bY7LpWzR4aN3kTMdx8Vc2QpL0sWeR7tYu1IoPaX" },
  });

export type PublicExperience = z.infer<typeof PublicExperienceSchema>;
