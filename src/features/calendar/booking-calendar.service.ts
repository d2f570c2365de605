// A booking as a one-event calendar (§13): what "Add to calendar" downloads.

import type { Database } from "../../db/client";
import { NotFoundError } from "../../errors";
import { cancelTokenMatches } from "../../public/cancel-token";
import { type BookingRow, findBookingByIdAnyOrganization } from "../bookings/bookings.repository";
import { requireBooking } from "../bookings/bookings-query.service";
import { findExperienceById } from "../experiences/experiences.repository";
import {
  bookingDescription,
  bookingPageUrl,
  describeLocation,
  type FeedOrigin,
  seatsLabel,
} from "./calendar.presenter";
import { type RenderedCalendar, renderCalendar } from "./rendered-calendar";

/** A waitlisted booking may still happen; an expired one (its session began) never will. */
const ICS_STATUS = {
  confirmed: "CONFIRMED",
  waitlisted: "TENTATIVE",
  cancelled: "CANCELLED",
  expired: "CANCELLED",
} as const;

async function renderBooking(
  db: Database,
  booking: BookingRow,
  origin: FeedOrigin,
  cancelUrl: string,
): Promise<RenderedCalendar> {
  const experience = await findExperienceById(db, booking.organizationId, booking.experienceId);
  if (!experience) throw new NotFoundError("Booking not found");
  return renderCalendar({
    method: "PUBLISH",
    zones: [],
    events: [
      {
        uid: `${booking.id}@${origin.host}`,
        stampMs: booking.updatedAt,
        // Every change of the row raises it (nextBookingRevision), two in one second included.
        sequence: booking.revision,
        start: { instantMs: booking.startAt },
        end: { instantMs: booking.endAt },
        status: ICS_STATUS[booking.status],
        summary: `${experience.name} (${seatsLabel(booking.quantity)})`,
        description: bookingDescription(booking, cancelUrl, experience.description),
        location: describeLocation(experience.location),
        url: bookingPageUrl(origin, experience.id),
      },
    ],
  });
}

/** For GET /v1/bookings/{id}/calendar.ics: 404 for unknown and foreign bookings. */
export async function buildApiBookingCalendar(
  db: Database,
  organizationId: string,
  bookingId: string,
  origin: FeedOrigin,
) {
  const booking = await requireBooking(db, organizationId, bookingId);
  const cancelUrl = `POST ${origin.origin}/v1/bookings/${booking.id}/cancel`;
  return renderBooking(db, booking, origin, cancelUrl);
}

/**
 * For the customer, guarded like the public cancel (§10): a wrong token is the same 404 as an
 * unknown booking. The cancellation link is the booking page's, with that token.
 */
export async function buildPublicBookingCalendar(
  db: Database,
  bookingId: string,
  cancelToken: string,
  origin: FeedOrigin,
) {
  const booking = await findBookingByIdAnyOrganization(db, bookingId);
  if (!(await cancelTokenMatches(cancelToken, booking?.cancelTokenHash)) || !booking) {
    throw new NotFoundError("Booking not found");
  }
  const query = `?cancel=${encodeURIComponent(booking.id)}&token=${encodeURIComponent(cancelToken)}`;
  const cancelUrl = `${bookingPageUrl(origin, booking.experienceId)}${query}`;
  const rendered = await renderBooking(db, booking, origin, cancelUrl);
  return { ...rendered, organizationId: booking.organizationId };
}
