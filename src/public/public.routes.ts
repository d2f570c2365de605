import {
  BookingSchema,
  PublicCreateBookingBodySchema,
} from "../features/bookings/bookings.schemas";
import { dataResponse, PUBLIC_WRITE_ERRORS } from "../http/openapi";
import { idempotentJsonBody } from "../http/route";
import { keylessRouter, route } from "../http/route-table";
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
  requireActiveExperience,
} from "./public.service";

export const publicRoutes = keylessRouter("Public", [
  route.get(
    "/experiences/{id}",
    {
      summary: "Public view of an active experience",
      errors: [404, 429],
      description:
        "What a booking page needs, plus the organization's time zone. Inactive and unknown experiences are 404.",
      params: PublicExperienceParamsSchema,
      responses: dataResponse(200, PublicExperienceSchema, "The experience"),
    },
    async (r) => {
      const record = await requireActiveExperience(r.db, r.param.id);
      r.actingFor(record.experience);
      return presentPublicExperience(record);
    },
  ),
  route.post(
    "/experiences/{id}/bookings",
    {
      summary: "Book seats without an API key",
      errors: PUBLIC_WRITE_ERRORS,
      description:
        "Same body and rules as POST /v1/experiences/{id}/bookings (an inactive experience is 422 experience_inactive), including `join_waitlist`; a public hold is converted with `hold_id` plus its `hold_token` (a wrong token is 404, like an unknown hold). The response adds `cancel_token` and `manage_url` (the booking's manage page, which carries the token), shown only here. Idempotency-Key is scoped per client IP and experience.",
      params: PublicExperienceParamsSchema,
      request: idempotentJsonBody(PublicCreateBookingBodySchema),
      responses: dataResponse(201, PublicBookingSchema, "The booking and its cancel token"),
    },
    async (r) => {
      const mail = r.customerMail;
      const input = { ...r.write, experienceId: r.param.id, body: r.json, ...mail };
      const { booking } = r.actingFor(await createPublicBooking(r.db, input));
      return { ...booking, manage_url: manageUrl(mail.origin, booking.id, booking.cancel_token) };
    },
  ),
  route.post(
    "/bookings/{id}/cancel",
    {
      summary: "Cancel a booking with its cancel token",
      errors: PUBLIC_WRITE_ERRORS,
      description:
        "A missing or empty `cancel_token` is 400 validation_failed; a wrong one is 404 not_found, like an unknown booking, so the answer never reveals whether a booking exists. Then as POST /v1/bookings/{id}/cancel: 409 booking_not_cancellable, 422 session_started.",
      params: PublicBookingParamsSchema,
      request: idempotentJsonBody(PublicCancelBodySchema),
      responses: dataResponse(200, BookingSchema, "The cancelled booking"),
    },
    async (r) => {
      const input = { ...r.write, bookingId: r.param.id, cancelToken: r.json.cancel_token };
      return r.actingFor(await cancelPublicBooking(r.db, input)).booking;
    },
  ),
]);
