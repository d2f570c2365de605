import { parseSessionId } from "../scheduling/session-id";
// §17 email templates: typed functions from what the mail is about to a subject, a plain-text
// and an HTML part (inline styles only: mail clients drop <style> blocks and external CSS).

import type { NotificationKind } from "./notification-statement";
import type { MailContext } from "./notifications.repository";

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

export interface MailFacts extends MailContext {
  kind: NotificationKind;
  manageUrl: string | null;
  /** A waitlisted booking's current FIFO position (booking_waitlisted), else null. */
  waitlistPosition?: number | null;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const dateOf = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(ms);

const clockOf = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(ms);

/** "GMT+05:30", "GMT+00:00": the offset in force at that instant. */
const offsetOf = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(ms)
    .find((part) => part.type === "timeZoneName")
    ?.value.replace(/^GMT$/, "GMT+00:00") ?? "GMT+00:00";

/** "Tuesday, 1 December 2026, 18:00 (Europe/Berlin, GMT+01:00)": the zone and offset named. */
export function formatInstant(ms: number, timeZone: string): string {
  return `${dateOf(ms, timeZone)}, ${clockOf(ms, timeZone)} (${timeZone}, ${offsetOf(ms, timeZone)})`;
}

/**
 * "Tuesday, 1 December 2026, 18:30–19:30 (Europe/Berlin, GMT+01:00)". A session across a DST
 * change names both offsets ("01:30 GMT+01:00–03:30 GMT+02:00"), so neither end is misread.
 */
export function formatSessionTime(startMs: number, endMs: number, timeZone: string): string {
  const [startOffset, endOffset] = [offsetOf(startMs, timeZone), offsetOf(endMs, timeZone)];
  const range =
    startOffset === endOffset
      ? `${clockOf(startMs, timeZone)}–${clockOf(endMs, timeZone)} (${timeZone}, ${startOffset})`
      : `${clockOf(startMs, timeZone)} ${startOffset}–${clockOf(endMs, timeZone)} ${endOffset} (${timeZone})`;
  return `${dateOf(startMs, timeZone)}, ${range}`;
}

function priceLine(facts: MailFacts): string {
  const price = facts.booking.price;
  if (!price || price.model === "free") return "Free";
  return `${price.total.toFixed(2)} ${price.currency}`;
}

function locationLine(facts: MailFacts): string | null {
  const location = facts.experience.location;
  if (!location) return null;
  if (location.type === "online") return location.video_link ?? location.venue ?? "Online";
  if (location.type === "phone") return "By phone";
  return [location.venue, location.address, location.city].filter(Boolean).join(", ");
}

function confirmationLines(facts: MailFacts): string[] {
  const { booking } = facts;
  return [
    `Experience: ${facts.experience.name}`,
    `Booking: ${booking.id}`,
    `When: ${formatSessionTime(booking.startAt, booking.endAt, booking.timezone)}`,
    `Seats: ${booking.quantity}`,
    `Total: ${priceLine(facts)}`,
    ...(locationLine(facts) ? [`Where: ${locationLine(facts)}`] : []),
    cancellationPolicyLine(facts),
  ];
}

/** Booked after refundable_until, the customer must not read that a refund is still possible. */
function cancellationPolicyLine({ booking }: MailFacts): string {
  const until = formatInstant(booking.refundableUntil, booking.timezone);
  return booking.createdAt <= booking.refundableUntil
    ? `Cancellation: free cancellation with a refund until ${until}.`
    : `Cancellation: no refund (the refund deadline, ${until}, had passed when you booked).`;
}

function cancellationLines(facts: MailFacts): string[] {
  const { booking } = facts;
  const who =
    booking.cancelledBy === "customer"
      ? "You cancelled this booking."
      : `${facts.organization.name} cancelled this booking${booking.cancelReason ? `: ${booking.cancelReason}` : "."}`;
  return [
    `Experience: ${facts.experience.name}`,
    `Booking: ${booking.id}`,
    `When: ${formatSessionTime(booking.startAt, booking.endAt, booking.timezone)}`,
    `Seats: ${booking.quantity}`,
    who,
    booking.refundEligible
      ? "You are eligible for a refund."
      : "This cancellation is not eligible for a refund.",
  ];
}

const HEADINGS: Record<NotificationKind, string> = {
  booking_confirmed: "Your booking is confirmed",
  booking_cancelled: "Your booking was cancelled",
  booking_rescheduled: "Your booking was moved",
  booking_waitlisted: "You are on the waitlist",
  booking_promoted: "A seat opened up: your booking is confirmed",
};

function waitlistLines(facts: MailFacts): string[] {
  const position = facts.waitlistPosition
    ? `You are number ${facts.waitlistPosition} on the waitlist. `
    : "";
  return [
    `${position}No seat is taken yet: if one frees up before the session, your booking is confirmed automatically and we write to you again.`,
    ...confirmationLines(facts),
  ];
}

/** The session it was moved from, by its ID (local date and time of day, §8). */
function rescheduleLines(facts: MailFacts): string[] {
  const from = facts.booking.rescheduledFrom ? parseSessionId(facts.booking.rescheduledFrom) : null;
  const previous = from ? [`Moved from: ${from.localDate} ${from.timeOfDay} (local time)`] : [];
  return [...previous, ...confirmationLines(facts)];
}

function linesOf(facts: MailFacts): string[] {
  if (facts.kind === "booking_cancelled") return cancellationLines(facts);
  if (facts.kind === "booking_rescheduled") return rescheduleLines(facts);
  if (facts.kind === "booking_waitlisted") return waitlistLines(facts);
  return confirmationLines(facts);
}

export function composeMail(facts: MailFacts): ComposedMail {
  const heading = HEADINGS[facts.kind];
  const lines = linesOf(facts);
  const manage = facts.manageUrl ? `Manage or cancel your booking: ${facts.manageUrl}` : null;
  const text = [
    heading,
    "",
    ...lines,
    ...(manage ? ["", manage] : []),
    "",
    facts.organization.name,
  ].join("\n");
  const items = lines
    .map(
      (line) =>
        `<p style="margin:0 0 8px;font-size:15px;line-height:1.5;color:#1f2933">${escapeHtml(line)}</p>`,
    )
    .join("");
  const button = facts.manageUrl
    ? `<p style="margin:24px 0"><a href="${escapeHtml(facts.manageUrl)}" style="display:inline-block;padding:12px 20px;background:#1f4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">Manage your booking</a></p>`
    : "";
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#f5f7fa;font-family:Arial,Helvetica,sans-serif"><div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px"><h1 style="margin:0 0 16px;font-size:20px;color:#111827">${escapeHtml(heading)}</h1>${items}${button}<p style="margin:24px 0 0;font-size:13px;color:#6b7280">${escapeHtml(facts.organization.name)}</p></div></body></html>`;
  return { subject: `${heading}: ${facts.experience.name}`, text, html };
}
