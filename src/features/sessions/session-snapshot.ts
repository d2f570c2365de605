import type { SessionSnapshot } from "../bookings/bookings.repository";
import type { SessionView } from "./sessions.service";

/** Who a session snapshot belongs to. */
export interface SessionOwner {
  organizationId: string;
  experienceId: string;
}

/** The row that materializes a session (§8): its start, end, capacity and provider as resolved. */
export function snapshotOfSession(
  session: SessionView,
  owner: SessionOwner,
  now: number,
): SessionSnapshot {
  return {
    id: session.sessionId,
    organizationId: owner.organizationId,
    experienceId: owner.experienceId,
    recurrenceId: session.recurrenceId,
    startAt: session.startMs,
    endAt: session.endMs,
    timezone: session.timezone,
    localStart: session.localStart,
    capacity: session.capacity,
    providerId: session.providerId,
    createdAt: now,
  };
}
