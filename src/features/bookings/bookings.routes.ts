import { dataResponse, pageResponse } from "../../http/openapi";
import { idempotentJsonBody, idempotentOptionalBody } from "../../http/route";
import { route, v1Router } from "../../http/route-table";
import { issueCancelToken } from "../../public/cancel-token";
import { ExperienceParamsSchema } from "../experiences/experiences.schemas";
import { rescheduleBooking } from "./booking-reschedule.service";
import {
  BookingParamsSchema,
  BookingSchema,
  CancelBookingBodySchema,
  CreateBookingBodySchema,
  CreatedBookingSchema,
  ListBookingsQuerySchema,
  RescheduleBookingBodySchema,
} from "./bookings.schemas";
import { cancelBooking, createBooking } from "./bookings.service";
import { getBooking, listBookings } from "./bookings-query.service";

export const bookingsRoutes = v1Router("Bookings", "bookings", [
  route.post(
    "/experiences/{id}/bookings",
    {
      summary: "Book seats in a session",
      description:
        'Checks in order: experience active (422 experience_inactive), registration open (422 registration_closed), session exists (404), recurrence active (422 session_unavailable), booking window (422 outside_booking_window), seats (409 session_full with `details.seats_available` and `details.waitlist_available`). Seats are never oversold: capacity − confirmed seats − seats of unexpired active holds must cover the quantity. With `join_waitlist: true` on an experience whose waitlist is enabled and not full, too few seats give 201 with `status: "waitlisted"` and `waitlist_position` instead. With `hold_id` instead of `session_id` the hold is converted in the same batch (409 hold_expired, 409 hold_not_active); the booking window is checked again. The 201 carries the booking\'s `cancel_token` once (its manage page is /book/manage/{booking_id}?token=…); a contact with an email on an experience with notify_customers gets a booking_confirmed (or booking_waitlisted) email with that link (see GET /v1/bookings/{booking_id}/notifications).',
      params: ExperienceParamsSchema,
      request: idempotentJsonBody(CreateBookingBodySchema),
      responses: dataResponse(201, CreatedBookingSchema, "The booking"),
    },
    async (r) => {
      const cancelToken = await issueCancelToken();
      const booking = await createBooking(r.db, {
        ...r.v1Write,
        experienceId: r.param.id,
        body: r.json,
        cancelToken,
        ...r.customerMail,
      });
      // Only this execution's booking holds this token's hash (an earlier crashed one has its own).
      const created = booking.created_at === new Date(r.now).toISOString();
      return created ? { ...booking, cancel_token: cancelToken.token } : booking;
    },
  ),
  route.get(
    "/bookings",
    {
      summary: "List bookings, newest first",
      description:
        "Bookings of the organization, newest first, paginated; filters `experience_id`, `session_id`, `status` (comma list) and `from`/`to` on the session start (a date is a whole day in the organization's zone; dates between 2000-01-01 and 2199-12-31).",
      query: ListBookingsQuerySchema,
      responses: pageResponse(BookingSchema, "Bookings, newest first"),
    },
    (r) => listBookings(r.db, r.orgId, r.auth.organizationTimezone, r.query, r.now),
  ),
  route.get(
    "/bookings/{booking_id}",
    {
      summary: "Get a booking",
      description:
        "One booking of the organization, cancelled or not, with its price and refund snapshots. Unknown or foreign IDs are 404.",
      params: BookingParamsSchema,
      responses: dataResponse(200, BookingSchema, "The booking"),
    },
    (r) => getBooking(r.db, r.orgId, r.param.booking_id, r.now),
  ),
  route.post(
    "/bookings/{booking_id}/cancel",
    {
      summary: "Cancel a booking and free its seats",
      description:
        "`refund_eligible` is true when cancelled at or before `refundable_until` (null for a waitlisted booking, which held no seat). Waitlisted bookings of the session are promoted into the freed seats. 409 booking_not_cancellable when already cancelled or expired; 422 session_started once the session has begun. The body is optional. A customer with an email (experience with notify_customers) is sent booking_cancelled, which names the studio as the canceller and quotes `reason`.",
      params: BookingParamsSchema,
      request: idempotentOptionalBody(CancelBookingBodySchema),
      responses: dataResponse(200, BookingSchema, "The cancelled booking"),
    },
    (r) =>
      cancelBooking(r.db, {
        ...r.v1Write,
        bookingId: r.param.booking_id,
        reason: r.json.reason ?? null,
        cancelledBy: "studio",
      }),
  ),
  route.post(
    "/bookings/{booking_id}/reschedule",
    {
      summary: "Move a confirmed booking to another session",
      description:
        "Moves the booking to another session of the same experience in one atomic batch: the seats are taken on the target with the same guard as a new booking and freed on the source. Price and policy snapshots are kept; `refundable_until` keeps its distance to the start and follows the new one; `rescheduled_from` and `rescheduled_at` are set. Checks in order: the booking is confirmed (409 booking_not_reschedulable), its session has not begun (422 session_started), the target is another session (400 validation_failed on session_id), then the target's booking checks with their codes: 422 experience_inactive, 422 registration_closed, 404 for an unknown session, 422 session_unavailable (paused or cancelled), 422 outside_booking_window, 409 session_full with details.seats_available. Writes a `booking.rescheduled` event with `data.previous_session_id`; the source's waitlisted bookings are then promoted into the freed seats. A waitlisted booking cannot be rescheduled.",
      params: BookingParamsSchema,
      request: idempotentJsonBody(RescheduleBookingBodySchema),
      responses: dataResponse(200, BookingSchema, "The rescheduled booking"),
    },
    (r) =>
      rescheduleBooking(r.db, {
        ...r.v1Write,
        bookingId: r.param.booking_id,
        sessionId: r.json.session_id,
        ...r.customerMail,
      }),
  ),
]);
