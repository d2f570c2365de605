import { createFormats, seatsText } from "../shared/formats";
import type { PublicBooking } from "./api";
import { byId } from "./dom";
import type { PageSettings } from "./settings";
import { zoneLabel } from "./zone-switch";

/** The links a booking is managed with: the same ones the server builds (manage-link.ts). */
export function bookingLinks(booking: PublicBooking) {
  const id = encodeURIComponent(booking.id);
  const token = encodeURIComponent(booking.cancel_token);
  return {
    manage: booking.manage_url ?? `${location.origin}/book/manage/${id}?token=${token}`,
    calendar: `${location.origin}/public/bookings/${id}/calendar.ics?cancel_token=${token}`,
  };
}

export interface ConfirmationContext {
  settings: PageSettings;
  zone: string;
  provider: string | null;
}

/** Fills the confirmation card (textContent and hrefs only) and moves focus to it. */
export function showConfirmation(booking: PublicBooking, context: ConfirmationContext): void {
  const { zone, provider } = context;
  const formats = createFormats(context.settings.locale, zone);
  byId("confirm-when").textContent =
    `${formats.range(booking.start, booking.end)} (${zoneLabel(zone)})`;
  const withRow = byId("confirm-provider-row");
  withRow.hidden = !provider;
  byId("confirm-provider").textContent = provider ?? "";
  byId("confirm-seats").textContent = seatsText(booking.quantity);
  byId("confirm-name").textContent = booking.contact.name;
  byId("confirm-total").textContent =
    booking.price.model === "free" || !booking.price.currency
      ? "Free"
      : formats.money(booking.price.total, booking.price.currency);
  byId("confirm-reference").textContent = booking.id;
  const links = bookingLinks(booking);
  byId<HTMLAnchorElement>("manage-link").href = links.manage;
  byId<HTMLAnchorElement>("calendar-link").href = links.calendar;
  byId("copy-manage-link").textContent = "Copy link";
  showWaitlistState(booking);
  byId("booking").hidden = true;
  const card = byId("confirmation");
  card.hidden = false;
  card.focus();
  card.scrollIntoView({ block: "start" });
}

/** The same card for a waitlisted booking: its place in the queue, and what happens next. */
function showWaitlistState(booking: PublicBooking): void {
  const waitlisted = booking.status === "waitlisted";
  byId("confirmation-title").textContent = waitlisted ? "You're on the waitlist" : "You're booked!";
  byId("confirm-check").hidden = waitlisted;
  byId("calendar-link").hidden = waitlisted;
  const note = byId("confirm-waitlist");
  note.hidden = !waitlisted;
  const position = booking.waitlist_position;
  note.textContent = waitlisted
    ? `${position ? `You are number ${position} on the waitlist. ` : ""}If a seat frees up, your booking will be confirmed automatically, in the order people joined; Manage booking shows its state and lets you leave the waitlist.`
    : "";
}

export function setupConfirmation(onBookAnother: () => void): void {
  const copy = byId("copy-manage-link");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(byId<HTMLAnchorElement>("manage-link").href);
      copy.textContent = "Copied";
    } catch {
      copy.textContent = "Copy failed: select the link instead";
    }
  });
  byId("book-another").addEventListener("click", () => {
    byId("confirmation").hidden = true;
    const section = byId("booking");
    section.hidden = false;
    onBookAnother();
    section.scrollIntoView({ behavior: "smooth", block: "start" });
  });
}
