import { z } from "@hono/zod-openapi";
import { IsoInstantSchema, idSchema, OptionalEmailSchema } from "../../http/common-schemas";
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

const createBookingFields = {
  session_id: z.string().min(1).optional().openapi({
    example: "ses_3kTMd9xQ2bY7LpWzR4aN_20261207_0700",
    description: "The session to book; required unless `hold_id` is given",
  }),
  hold_id: z.string().min(1).optional().openapi({
    example: "hld_T9fQ2bY7LpWzR4aN3kMd",
    description:
      "Convert this active, unexpired hold instead of naming a session: the booking gets the held session and quantity whatever the seats left (409 hold_expired, 409 hold_not_active otherwise)",
  }),
  quantity: z.number().int().min(1).optional().openapi({
    description:
      "Seats, 1 to the experience's max_booking_quantity (default 1); with `hold_id` it must equal the hold's quantity (default: the hold's)",
  }),
  contact: ContactSchema,
  notes: z.string().max(2000).nullable().optional(),
  join_waitlist: z.boolean().optional().openapi({
    description:
      'When the session has too few seats and the experience\'s waitlist is enabled and not full: 201 with `status: "waitlisted"` and `waitlist_position` instead of 409 session_full',
  }),
};

type SessionOrHold = { session_id?: string; hold_id?: string; join_waitlist?: boolean };

/** Exactly one of session_id and hold_id; a conversion never waits, so no join_waitlist. */
function checkSessionOrHold(body: SessionOrHold, ctx: z.RefinementCtx) {
  if (body.session_id === undefined && body.hold_id === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["session_id"],
      message: "session_id or hold_id is required",
    });
  }
  if (body.session_id !== undefined && body.hold_id !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["hold_id"],
      message: "Send session_id or hold_id, not both",
    });
  }
  if (body.hold_id !== undefined && body.join_waitlist) {
    ctx.addIssue({
      code: "custom",
      path: ["join_waitlist"],
      message: "A hold's seats are reserved: join_waitlist applies to session_id only",
    });
  }
}

const CREATE_BOOKING_EXAMPLE = {
  session_id: "ses_9fQ2bY7LpWzR4aN3kTMd_20261207_0700",
  quantity: 2,
  contact: { name: "Jamie Rivera", email: "jamie@example.com" },
  notes: "First class",
};

export const CreateBookingBodySchema = z
  .object(createBookingFields)
  .strict()
  .superRefine(checkSessionOrHold)
  .openapi("CreateBookingBody", { example: CREATE_BOOKING_EXAMPLE });

export const PublicCreateBookingBodySchema = z
  .object({
    ...createBookingFields,
    hold_token: z.string().min(1).max(256).optional().openapi({
      description: "Required with `hold_id`: the hold_token of the public hold's creation response",
    }),
  })
  .strict()
  .superRefine((body, ctx) => {
    checkSessionOrHold(body, ctx);
    if ((body.hold_id === undefined) !== (body.hold_token === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["hold_token"],
        message: "hold_id and hold_token go together",
      });
    }
  })
  .openapi("PublicCreateBookingBody", {
    example: { ...CREATE_BOOKING_EXAMPLE, join_waitlist: true },
  });

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
    id: idSchema("bkg_N3kTMd9fQ2bY7LpWzR4a"),
    experience_id: z.string(),
    session_id: z.string(),
    recurrence_id: z.string(),
    start: IsoInstantSchema,
    end: IsoInstantSchema,
    timezone: z.string(),
    quantity: z.number().int(),
    status: z.enum(["confirmed", "cancelled", "waitlisted", "expired"]).openapi({
      description:
        "`waitlisted` holds no seat until promoted to `confirmed`; `expired` when its session started while still waitlisted",
    }),
    waitlist_position: z.int().nullable().openapi({
      description: "1-based FIFO position while waitlisted, else null",
    }),
    promoted_at: IsoInstantSchema.nullable().openapi({
      description: "When the booking was promoted from the waitlist",
    }),
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
    .regex(
      /^(confirmed|cancelled|waitlisted|expired)(,(confirmed|cancelled|waitlisted|expired))*$/,
      "Use a comma list of confirmed, cancelled, waitlisted, expired",
    )
    // A set: repeats are dropped, so the filter binds at most four parameters.
    .transform((v) => [...new Set(v.split(","))] as BookingStatus[])
    .optional()
    .openapi({ example: "confirmed,waitlisted" }),
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

/** The statuses of the Booking schema, for the list filter (one list, not a copy). */
export type BookingStatus = z.infer<typeof BookingSchema>["status"];
export type CreateBookingBody = z.infer<typeof CreateBookingBodySchema>;
export type PublicCreateBookingBody = z.infer<typeof PublicCreateBookingBodySchema>;
export type ListBookingsQuery = z.infer<typeof ListBookingsQuerySchema>;

export const CreatedBookingSchema = BookingSchema.extend({
  cancel_token: z.string().optional().openapi({
    example: "Zq8vN2kTMd9fQ2bY7LpWzR4aN3kTMd9fQ2bY7LpWzR4",
    description:
      "Shown once (§17): the customer's secret for the manage page /book/manage/{booking_id}?token=… and POST /public/bookings/{id}/cancel; the confirmation email carries the same link. Only its SHA-256 is stored. Absent when the response comes from an earlier execution under the same Idempotency-Key.",
  }),
}).openapi("CreatedBooking");
