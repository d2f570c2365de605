import { dateKey, type Formats, seatsText } from "../shared/formats";
import type { Slot } from "./api";
import { element } from "./dom";

/** Same threshold as the server's list (session-picker.tsx): "few seats left" is highlighted. */
const FEW_SEATS = 3;

/**
 * How a slot is offered. Sessions that are past, too soon, too far or paused are not offered;
 * one the studio cancelled (§15) is shown struck through, so its regulars learn why it is gone.
 * Waitlists (§14) get their own state here once the slots API reports them.
 */
export type SessionState = "open" | "full" | "cancelled";

export function sessionState(slot: Slot): SessionState | null {
  if (slot.bookable) return "open";
  if (slot.unbookable_reason === "full") return "full";
  if (slot.unbookable_reason === "cancelled") return "cancelled";
  return null;
}

const CLOSED_TEXT = { full: "Full", cancelled: "Cancelled" } as const;

export interface ListContext {
  zone: string;
  formats: Formats;
  providers: Record<string, string>;
}

export function seatsLeftText(slot: Slot): string {
  const state = sessionState(slot);
  return state === "full" || state === "cancelled"
    ? CLOSED_TEXT[state]
    : `${seatsText(slot.seats_available)} left`;
}

export function providerName(slot: Slot, providers: Record<string, string>): string | null {
  return slot.provider_id ? (providers[slot.provider_id] ?? null) : null;
}

/** "Monday, December 7, 7:00 – 8:15 AM, with Ada Lovelace, 4 seats left" */
function slotLabel(slot: Slot, context: ListContext): string {
  const provider = providerName(slot, context.providers);
  return [
    context.formats.range(slot.start, slot.end),
    provider ? `with ${provider}` : null,
    sessionState(slot) === "open" ? seatsLeftText(slot) : seatsLeftText(slot).toLowerCase(),
  ]
    .filter(Boolean)
    .join(", ");
}

/** A radio styled as a pill, with the same markup as the server's (session-picker.tsx). */
function renderSlot(slot: Slot, context: ListContext): HTMLLabelElement {
  const state = sessionState(slot);
  const closed = state !== "open";
  const tone = closed ? ` ${state}` : slot.seats_available <= FEW_SEATS ? " few" : "";
  const label = element("label", `slot${tone}`);
  const input = element("input");
  input.type = "radio";
  input.name = "session_id";
  input.value = slot.session_id;
  input.disabled = closed;
  input.setAttribute("aria-label", slotLabel(slot, context));
  Object.assign(input.dataset, {
    sessionId: slot.session_id,
    start: slot.start,
    end: slot.end,
    seats: String(slot.seats_available),
    provider: slot.provider_id ?? "",
  });
  if (state === "cancelled") input.dataset.reason = "cancelled";
  const time = element("time", "slot-time");
  time.dateTime = slot.start;
  time.textContent = context.formats.timeRange(slot.start, slot.end);
  label.append(input, time);
  const provider = providerName(slot, context.providers);
  if (provider) label.append(element("span", "slot-provider", provider));
  label.append(element("span", "slot-seats", seatsLeftText(slot)));
  return label;
}

/** Sessions grouped by their local date in the list's zone, in start order. */
export function groupByDate(slots: Iterable<Slot>, zone: string): Map<string, Slot[]> {
  const groups = new Map<string, Slot[]>();
  for (const slot of slots) {
    const key = dateKey(Date.parse(slot.start), zone);
    groups.set(key, [...(groups.get(key) ?? []), slot]);
  }
  return groups;
}

function renderDay(date: string, slots: Slot[], context: ListContext): HTMLElement {
  const first = Date.parse(slots[0]?.start ?? `${date}T12:00:00Z`);
  const day = element("div", "day");
  day.dataset.date = date;
  day.setAttribute("role", "group");
  const heading = element("h3");
  heading.id = `day-${date}`;
  heading.setAttribute("aria-label", context.formats.day(first));
  heading.append(
    element("span", "weekday", context.formats.weekday(first)),
    element("span", "date", context.formats.shortDate(first)),
  );
  day.setAttribute("aria-labelledby", heading.id);
  const pills = element("div", "slots");
  for (const slot of slots) pills.append(renderSlot(slot, context));
  day.append(heading, pills);
  return day;
}

export function renderDays(container: HTMLElement, slots: Slot[], context: ListContext): void {
  container.replaceChildren();
  for (const [date, group] of groupByDate(slots, context.zone)) {
    container.append(renderDay(date, group, context));
  }
}

/** The sessions the server rendered, read back from the radios' data attributes. */
export function readRenderedSlots(root: ParentNode): Slot[] {
  const inputs = root.querySelectorAll<HTMLInputElement>('input[name="session_id"]');
  return Array.from(inputs, (input) => ({
    session_id: input.value,
    start: input.dataset.start ?? "",
    end: input.dataset.end ?? "",
    provider_id: input.dataset.provider || null,
    seats_available: Number(input.dataset.seats),
    bookable: !input.disabled,
    unbookable_reason: input.disabled ? (input.dataset.reason ?? "full") : null,
  }));
}
