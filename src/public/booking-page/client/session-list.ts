import { dateKey, type Formats } from "../shared/formats";
import {
  isClosed,
  JOIN_WAITLIST,
  type SessionState,
  seatsLine,
  sessionState,
  slotTone,
  stateLabel,
  type WaitlistSettings,
} from "../shared/session-state";
import type { Slot } from "./api";
import { element } from "./dom";

export type { SessionState };

/** The slots API's unbookable_reason of a rendered state (the script rebuilds slots from it). */
const UNBOOKABLE_REASON: Record<SessionState, string | null> = {
  open: null,
  waitlist: "full",
  full: "full",
  cancelled: "cancelled",
};

export interface ListContext {
  zone: string;
  formats: Formats;
  providers: Record<string, string>;
  waitlist: WaitlistSettings;
}

export function providerName(slot: Slot, providers: Record<string, string>): string | null {
  return slot.provider_id ? (providers[slot.provider_id] ?? null) : null;
}

const stateOf = (slot: Slot, context: ListContext) =>
  sessionState(slot, context.waitlist) ?? "full";

/** "Monday, December 7, 7:00 – 8:15 AM, with Ada Lovelace, 4 seats left" */
function slotLabel(slot: Slot, context: ListContext): string {
  const provider = providerName(slot, context.providers);
  return [
    context.formats.range(slot.start, slot.end),
    provider ? `with ${provider}` : null,
    stateLabel(stateOf(slot, context), slot.seats_available, slot.waitlist_size),
  ]
    .filter(Boolean)
    .join(", ");
}

/** A radio styled as a pill, with the same markup as the server's (session-picker.tsx). */
function renderSlot(slot: Slot, context: ListContext): HTMLLabelElement {
  const state = stateOf(slot, context);
  const label = element("label", `slot${slotTone(state, slot.seats_available)}`);
  const input = element("input");
  input.type = "radio";
  input.name = "session_id";
  input.value = slot.session_id;
  input.disabled = isClosed(state);
  input.setAttribute("aria-label", slotLabel(slot, context));
  Object.assign(input.dataset, {
    sessionId: slot.session_id,
    start: slot.start,
    end: slot.end,
    seats: String(slot.seats_available),
    held: String(slot.seats_held),
    waitlist: String(slot.waitlist_size),
    state,
    provider: slot.provider_id ?? "",
  });
  if (state === "cancelled") input.dataset.reason = "cancelled";
  const time = element("time", "slot-time");
  time.dateTime = slot.start;
  time.textContent = context.formats.timeRange(slot.start, slot.end);
  label.append(input, time);
  const provider = providerName(slot, context.providers);
  if (provider) label.append(element("span", "slot-provider", provider));
  label.append(element("span", "slot-seats", seatsLine(state, slot.seats_available)));
  if (state === "waitlist") label.append(element("span", "slot-waitlist", JOIN_WAITLIST));
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
    seats_held: Number(input.dataset.held),
    waitlist_size: Number(input.dataset.waitlist),
    bookable: input.dataset.state === "open",
    unbookable_reason: UNBOOKABLE_REASON[(input.dataset.state ?? "full") as SessionState] ?? null,
  }));
}
