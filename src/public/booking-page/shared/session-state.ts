import { seatsText } from "./formats";

// Shared by the Worker's list (session-picker.tsx) and the page script (client/session-list.ts),
// so a session reads the same before and after the script takes the list over.

/**
 * How a session is offered: bookable, full with a waitlist to join (§14), full, or cancelled by
 * the studio (§15: shown struck through, so its regulars learn why it is gone).
 */
export type SessionState = "open" | "waitlist" | "full" | "cancelled";

/** States whose pill cannot be picked. */
export const isClosed = (state: SessionState) => state === "full" || state === "cancelled";

export interface WaitlistSettings {
  enabled: boolean;
  maxSize: number;
}

interface SlotFacts {
  bookable: boolean;
  unbookable_reason: string | null;
  waitlist_size: number;
}

/**
 * Null for sessions the page does not offer (past, too soon, too far, paused). A full session
 * offers its waitlist while the experience has it enabled and the session's waitlist has room;
 * whether the chosen quantity can ever be seated is the server's answer at booking time.
 */
export function sessionState(slot: SlotFacts, waitlist: WaitlistSettings): SessionState | null {
  if (slot.bookable) return "open";
  if (slot.unbookable_reason === "cancelled") return "cancelled";
  if (slot.unbookable_reason !== "full") return null;
  return waitlist.enabled && slot.waitlist_size < waitlist.maxSize ? "waitlist" : "full";
}

/** Same threshold on both sides: "few seats left" pills are highlighted. */
export const FEW_SEATS = 3;

export function slotTone(state: SessionState, seatsAvailable: number): string {
  if (state === "cancelled") return " cancelled";
  if (state === "waitlist") return " full waitlist";
  if (state === "full") return " full";
  return seatsAvailable <= FEW_SEATS ? " few" : "";
}

export const JOIN_WAITLIST = "Join the waitlist";

/** The pill's visible line: "4 seats left", "Full" or "Cancelled". */
export function seatsLine(state: SessionState, seatsAvailable: number) {
  if (state === "cancelled") return "Cancelled";
  return state === "open" ? `${seatsText(seatsAvailable)} left` : "Full";
}

/** The end of the radio's accessible name: "4 seats left", "full", "full, waitlist open, 2 waiting". */
export function stateLabel(state: SessionState, seatsAvailable: number, waitlistSize: number) {
  if (state === "open") return `${seatsText(seatsAvailable)} left`;
  if (state === "full" || state === "cancelled") return state;
  return waitlistSize ? `full, waitlist open, ${waitlistSize} waiting` : "full, waitlist open";
}
