// What the feeds say about an experience and a booking, in words: summaries, locations, links.

import type { LocationValue } from "../../db/schema";
import type { BookingRow } from "../bookings/bookings.repository";
import type { ExperienceRow } from "../experiences/experiences.repository";

/** Absolute links need the origin the request came in on; UIDs end in its host. */
export interface FeedOrigin {
  origin: string; // "https://api.example.com"
  host: string; // "api.example.com"
}

export function bookingPageUrl(origin: FeedOrigin, experienceId: string): string {
  return `${origin.origin}/book/${encodeURIComponent(experienceId)}`;
}

/** The venue and address of an in-person place, else the video link of an online one. */
export function describeLocation(location: LocationValue | null): string | undefined {
  if (!location) return undefined;
  const place = [location.venue, location.address, location.city, location.state, location.country]
    .filter((part): part is string => Boolean(part?.trim()))
    .join(", ");
  return place || location.video_link || undefined;
}

export function seatsLabel(quantity: number): string {
  return quantity === 1 ? "1 seat" : `${quantity} seats`;
}

/** The experience's fields every event of its feed repeats. */
export function experienceEventText(experience: ExperienceRow, origin: FeedOrigin) {
  return {
    summary: experience.name,
    description: experience.description || undefined,
    location: describeLocation(experience.location),
    url: bookingPageUrl(origin, experience.id),
  };
}

/**
 * A booking's DESCRIPTION: seats, who booked, and how to cancel. The public link carries the
 * customer's cancel token (the caller just proved it); the API one names the endpoint.
 */
export function bookingDescription(
  booking: BookingRow,
  cancelUrl: string,
  description: string,
): string {
  const lines = [`${seatsLabel(booking.quantity)} booked for ${booking.contact.name}.`];
  if (booking.status === "cancelled") lines.push("This booking is cancelled.");
  else lines.push(`Cancel: ${cancelUrl}`);
  if (description) lines.push("", description);
  return lines.join("\n");
}
