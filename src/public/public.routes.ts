import {
  BookingSchema,
  PublicCreateBookingBodySchema,
} from "../features/bookings/bookings.schemas";
import { SlotPageSchema, SlotsPageQuerySchema } from "../features/slots/slots.schemas";
import { createRouter, dataOf, jsonResponse, PUBLIC_WRITE_ERRORS } from "../http/openapi";
import { customerMailOf, idempotentJsonBody, keylessRoutes, writeRequestOf } from "../http/route";
import { manageUrl } from "./booking-page/manage-link";
import { presentPublicExperience } from "./public.presenter";
import {
  PublicBookingParamsSchema,
  PublicBookingSchema,
  PublicCancelBodySchema,
  PublicExperienceParamsSchema,
  PublicExperienceSchema,
} from "./public.schemas";
import {
  cancelPublicBooking,
  createPublicBooking,
  listPublicSlots,
  requireActiveExperience,
} from "./public.service";

const publicRoute = keylessRoutes("Public");

export const publicRoutes = createRouter()
  .openapi(
    publicRoute.get("/experiences/{id}", {
      summary: "Public view of an active experience",
      errors: [404, 429],
      description:
        "What a booking page needs, plus the organization's time zone. Inactive and unknown experiences are 404.",
      params: PublicExperienceParamsSchema,
      responses: jsonResponse(200, dataOf(PublicExperienceSchema), "The experience"),
    }),
    async (c) => {
      const record = await requireActiveExperience(c.get("db"), c.req.valid("param").id);
      c.set("organizationId", record.experience.organizationId);
      return c.json({ data: presentPublicExperience(record) }, 200);
    },
  )
  .openapi(
    publicRoute.get("/experiences/{id}/slots", {
      summary: "Sessions of an active experience, with seats and bookability",
      errors: [400, 404, 429],
      description:
        "Same query, slot shape and paging (`limit`, `cursor`, `next_cursor`) as GET /v1/experiences/{id}/slots; `timezone` defaults to the organization's. Inactive and unknown experiences are 404.",
      params: PublicExperienceParamsSchema,
      query: SlotsPageQuerySchema,
      responses: jsonResponse(200, SlotPageSchema, "Slots ordered by start, then session_id"),
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const result = await listPublicSlots(c.get("db"), id, c.req.valid("query"), Date.now());
      c.set("organizationId", result.organizationId);
      return c.json(result.page, 200);
    },
  )
  .openapi(
    publicRoute.post("/experiences/{id}/bookings", {
      summary: "Book seats without an API key",
      errors: PUBLIC_WRITE_ERRORS,
      description:
        "Same body and rules as POST /v1/experiences/{id}/bookings (an inactive experience is 422 experience_inactive), including `join_waitlist`; a public hold is converted with `hold_id` plus its `hold_token` (a wrong token is 404, like an unknown hold). The response adds `cancel_token` and `manage_url` (the booking's manage page, which carries the token), shown only here. Idempotency-Key is scoped per client IP and experience.",
      params: PublicExperienceParamsSchema,
      request: idempotentJsonBody(PublicCreateBookingBodySchema),
      responses: jsonResponse(201, dataOf(PublicBookingSchema), "The booking and its cancel token"),
    }),
    async (c) => {
      const result = await createPublicBooking(c.get("db"), {
        ...writeRequestOf(c),
        experienceId: c.req.valid("param").id,
        body: c.req.valid("json"),
        ...customerMailOf(c),
      });
      c.set("organizationId", result.organizationId);
      const { id, cancel_token } = result.booking;
      const manage_url = manageUrl(new URL(c.req.url).origin, id, cancel_token);
      return c.json({ data: { ...result.booking, manage_url } }, 201);
    },
  )
  .openapi(
    publicRoute.post("/bookings/{id}/cancel", {
      summary: "Cancel a booking with its cancel token",
      errors: PUBLIC_WRITE_ERRORS,
      description:
        "A missing or empty `cancel_token` is 400 validation_failed; a wrong one is 404 not_found, like an unknown booking, so the answer never reveals whether a booking exists. Then as POST /v1/bookings/{id}/cancel: 409 booking_not_cancellable, 422 session_started.",
      params: PublicBookingParamsSchema,
      request: idempotentJsonBody(PublicCancelBodySchema),
      responses: jsonResponse(200, dataOf(BookingSchema), "The cancelled booking"),
    }),
    async (c) => {
      const result = await cancelPublicBooking(c.get("db"), {
        ...writeRequestOf(c),
        bookingId: c.req.valid("param").id,
        cancelToken: c.req.valid("json").cancel_token,
      });
      c.set("organizationId", result.organizationId);
      return c.json({ data: result.booking }, 200);
    },
  );
