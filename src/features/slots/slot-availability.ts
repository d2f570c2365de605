import type { ExperienceRow } from "../experiences/experiences.repository";
import { checkBookingWindow } from "../sessions/booking-window";
import type { SessionView } from "../sessions/sessions.service";

export type UnbookableReason =
  | "inactive"
  | "cancelled"
  | "registration_closed"
  | "paused"
  | "past"
  | "too_soon"
  | "too_far"
  | "full";

/** The first reason that applies, in the §8 order, or null when the slot is bookable. */
export function unbookableReason(
  session: SessionView & { seatsBooked: number; seatsHeld: number },
  experience: ExperienceRow,
  nowMs: number,
): UnbookableReason | null {
  if (experience.status === "inactive") return "inactive";
  if (session.status === "cancelled") return "cancelled";
  if (experience.registrationStatus === "closed") return "registration_closed";
  if (session.recurrenceStatus === "paused") return "paused";
  const window = checkBookingWindow(session.startMs, nowMs, experience.schedulingRules);
  if (window) return window;
  if (seatsAvailable(session) === 0) return "full";
  return null;
}

/** §14: capacity − booked − held, never below zero. */
export function seatsAvailable(session: {
  capacity: number;
  seatsBooked: number;
  seatsHeld: number;
}) {
  return Math.max(0, session.capacity - session.seatsBooked - session.seatsHeld);
}
