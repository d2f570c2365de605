import {
  ExperienceInactiveError,
  NotFoundError,
  OutsideBookingWindowError,
  RegistrationClosedError,
  SessionFullError,
  SessionUnavailableError,
  ValidationError,
} from "../../errors";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { checkBookingWindow } from "./booking-window";
import type { SessionSeats } from "./seat-guard";
import type { SessionView } from "./sessions.service";

/** The first §9 checks, on the experience: active, then registration open. */
export function assertExperienceTakesBookings(experience: ExperienceRow) {
  if (experience.status === "inactive") throw new ExperienceInactiveError();
  if (experience.registrationStatus === "closed") throw new RegistrationClosedError();
}

/** Field errors for a quantity above the experience's max_booking_quantity (§9, §14). */
export function quantityErrors(
  experience: ExperienceRow,
  quantity: number,
): Record<string, string[]> {
  const max = experience.maxBookingQuantity;
  return quantity > max ? { quantity: [`At most ${max} seats per booking`] } : {};
}

export function assertQuantityAllowed(experience: ExperienceRow, quantity: number) {
  const error = ValidationError.fromFieldErrors(quantityErrors(experience, quantity));
  if (error) throw error;
}

/**
 * The §9 checks on the session as read (null: it does not exist, 404; a session of a deleted
 * recurrence counts as not existing), in their order: the studio has not cancelled it (§15),
 * its recurrence is active, it is inside the booking window.
 */
export function admitSession(
  experience: ExperienceRow,
  session: SessionView | null,
  now: number,
): SessionView {
  if (!session) throw new NotFoundError("Session not found");
  if (session.status === "cancelled") throw new SessionUnavailableError("cancelled");
  if (session.recurrenceStatus === "paused") throw new SessionUnavailableError("paused");
  const violation = checkBookingWindow(session.startMs, now, experience.schedulingRules);
  if (violation) throw new OutsideBookingWindowError(violation);
  return session;
}

/**
 * Why the seat guard refused a request that passed admitSession, from the session as stored
 * right after the refused write (sessionSeatsQuery at the end of its batch; none when the
 * quantity exceeds the capacity, which materializes nothing): the studio cancelled it in
 * between (§15), or too few seats were left — 409 with the seats left by the guard's own
 * formula, and whether `join_waitlist: true` would have been waitlisted (enabled, room left,
 * and a quantity the session can ever seat).
 */
export function seatRefusal(
  experience: ExperienceRow,
  session: SessionView,
  quantity: number,
  stored: SessionSeats | undefined,
) {
  if (stored?.status === "cancelled") return new SessionUnavailableError("cancelled");
  const { enabled, max_size } = experience.waitlist;
  const size = stored?.waitlistSize ?? 0;
  const waitlistAvailable = enabled && size < max_size && quantity <= session.capacity;
  const seatsLeft = stored ? Number(stored.seatsLeft) : session.capacity;
  return new SessionFullError(Math.max(0, seatsLeft), waitlistAvailable);
}
