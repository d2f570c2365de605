import { z } from "@hono/zod-openapi";
import { IsoInstantSchema, OptionalEmailSchema } from "../../http/common-schemas";
import { PaginationQuerySchema } from "../../http/pagination";
import { DATE_BOUNDS_MESSAGE, isBoundedDate, isBoundedInstant } from "../../scheduling/date-bounds";

export const ContactSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    // null is accepted as "not given", as the booking object returns it.
    email: OptionalEmailSchema,
    phone: z
      .string()
      .regex(/^\+\d{7,15}$/, "Phone must be + followed by 7–15 digits")
      .nullable()
      .optional(),
  })
  .strict()
  .openapi("BookingContact", {
    example: { name: "Jamie Rivera", email: "jamie@example.com", phone: "+4915123456789" },
  });

const CREATE_BOOKING_EXAMPLE = {
  session_id: "ses_9fQ2bY7LpWzR4aN3kTMd_20261207_0700",
  quantity: 2,
  contact: { name: "Jamie Rivera", email: "jamie@example.com" },
  notes: "First class",
};

export const CreateBookingBodySchema = z
  .object({
    session_id: z.string().min(1).openapi({ example: "ses_3kTMd9xQ2bY7LpWzR4aN_20261207_0700" }),
    quantity: z.number().int().min(1).optional().default(1).openapi({
      description: "Seats, 1 to the experience's max_booking_quantity",
    }),
    contact: ContactSchema,
    notes: z.string().max(2000).nullable().optional(),
  })
  .strict()
  .openapi("CreateBookingBody", { example: CREATE_BOOKING_EXAMPLE });

export const CancelBookingBodySchema = z
  .object({ reason: z.string().max(2000).nullable().optional() })
  .strict()
  .openapi("CancelBookingBody", { example: { reason: "Cannot make it" } });

export const RescheduleBookingBodySchema = z
  .object({
    session_id: z.string().min(1).openapi({
      description: "The target session, of the booking's experience",
      example: "ses_3kTMd9xQ2bY7LpWzR4aN_20261214_0700",
    }),
  })
  .strict()
  .openapi("RescheduleBookingBody", {
    example: { session_id: "ses_3kTMd9xQ2bY7LpWzR4aN_20261214_0700" },
  });

export const BookingSchema = z
  .object({
    id: z.string().openapi({ example: "bkg_N3kTMd9fQ2bY7LpWzR4a" }),
    experience_id: z.string(),
    session_id: z.string(),
    recurrence_id: z.string(),
    start: IsoInstantSchema,
    end: IsoInstantSchema,
    timezone: z.string(),
    quantity: z.number().int(),
    status: z.enum(["confirmed", "cancelled"]),
    contact: z.object({
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    notes: z.string().nullable(),
    provider_id: z.string().nullable(),
    price: z.object({
      model: z.enum(["free", "per_session"]),
      currency: z.string().nullable(),
      amount_per_seat: z.number(),
      total: z.number(),
    }),
    refundable_until: IsoInstantSchema,
    cancelled_at: IsoInstantSchema.nullable(),
    cancel_reason: z.string().nullable().openapi({
      description: "The reason given to the cancel, or to the cancellation of its session (§15)",
    }),
    refund_eligible: z.boolean().nullable(),
    rescheduled_from: z.string().nullable().openapi({
      description: "The session this booking was last rescheduled from; null if never moved",
      example: null,
    }),
    rescheduled_at: IsoInstantSchema.nullable().openapi({
      description: "When it was last rescheduled; null if never moved",
    }),
    created_at: IsoInstantSchema,
    updated_at: IsoInstantSchema,
  })
  .openapi("Booking");

const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A calendar date, or an ISO-8601 date-time with `Z` or an offset (never a bare local time). */
const DateOrInstantSchema = z
  .string()
  .refine((v) => isBoundedDate(v) || (INSTANT_PATTERN.test(v) && isBoundedInstant(Date.parse(v))), {
    message: `Use YYYY-MM-DD or an ISO-8601 date-time with Z or an offset. ${DATE_BOUNDS_MESSAGE}`,
  });

export const ListBookingsQuerySchema = PaginationQuerySchema.extend({
  experience_id: z.string().optional(),
  session_id: z.string().optional(),
  status: z
    .string()
    .regex(/^(confirmed|cancelled)(,(confirmed|cancelled))*$/, "Use confirmed, cancelled or both")
    // A set: repeats are dropped, so the filter binds at most two parameters.
    .transform((v) => [...new Set(v.split(","))] as BookingStatus[])
    .optional()
    .openapi({ example: "confirmed" }),
  from: DateOrInstantSchema.optional().openapi({
    description:
      "Bookings whose session starts at or after this instant; a date means its start in the organization's time zone",
  }),
  to: DateOrInstantSchema.optional().openapi({
    description:
      "Bookings whose session starts at or before this instant; a date includes its whole day in the organization's time zone",
  }),
});

export const BookingParamsSchema = z.object({
  booking_id: z.string().openapi({ param: { name: "booking_id", in: "path" } }),
});

export type BookingStatus = "confirmed" | "cancelled";
export type CreateBookingBody = z.infer<typeof CreateBookingBodySchema>;
export type ListBookingsQuery = z.infer<typeof ListBookingsQuerySchema>;
