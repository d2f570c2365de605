import type { Database } from "../../db/client";
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
import {
  countWaitlistedBySession,
  findMaterializedSession,
  findSeatsLeft,
} from "./sessions.repository";
import { resolveSession, type SessionView } from "./sessions.service";

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
 * The §9 checks on the session, in their order: it exists (404; a session of a deleted
 * recurrence counts as not existing), the studio has not cancelled it (§15), its recurrence is
 * active, it is inside the booking window.
 */
export async function admitSession(
  db: Database,
  experience: ExperienceRow,
  sessionId: string,
  now: number,
): Promise<SessionView> {
  const session = await resolveSession(db, experience.organizationId, experience, sessionId);
  if (!session) throw new NotFoundError("Session not found");
  if (session.status === "cancelled") throw new SessionUnavailableError("cancelled");
  if (session.recurrenceStatus === "paused") throw new SessionUnavailableError("paused");
  const violation = checkBookingWindow(session.startMs, now, experience.schedulingRules);
  if (violation) throw new OutsideBookingWindowError(violation);
  return session;
}

/**
 * The 409 of a refused seat request: the seats left by the guard's own formula, and whether a
 * request with `join_waitlist: true` would have been waitlisted (enabled, room left, and a
 * quantity the session can ever seat).
 */
export async function sessionFullError(
  db: Database,
  experience: ExperienceRow,
  session: SessionView,
  quantity: number,
  now: number,
) {
  const [seatsLeft, waitlisted] = await Promise.all([
    findSeatsLeft(db, session.sessionId, now),
    countWaitlistedBySession(db, [session.sessionId]),
  ]);
  const { enabled, max_size } = experience.waitlist;
  const size = waitlisted.get(session.sessionId) ?? 0;
  const waitlistAvailable = enabled && size < max_size && quantity <= session.capacity;
  return new SessionFullError(Math.max(0, seatsLeft ?? session.capacity), waitlistAvailable);
}

/**
 * Why the seat guard refused a request that passed admitSession: the studio cancelled the
 * session in between (§15), or too few seats were left (sessionFullError).
 */
export async function seatRefusal(
  db: Database,
  experience: ExperienceRow,
  session: SessionView,
  quantity: number,
  now: number,
) {
  const stored = await findMaterializedSession(db, session.sessionId);
  if (stored?.status === "cancelled") return new SessionUnavailableError("cancelled");
  return sessionFullError(db, experience, session, quantity, now);
}
