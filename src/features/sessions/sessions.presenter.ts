import { toIso, toIsoOrNull } from "../../lib/time";
import type { SessionView } from "./sessions.service";

/** The §15 session object (without the per-endpoint counts). */
export function presentSession(session: SessionView, experienceId: string) {
  return {
    session_id: session.sessionId,
    recurrence_id: session.recurrenceId,
    experience_id: experienceId,
    start: toIso(session.startMs),
    end: toIso(session.endMs),
    local_start: session.localStart,
    timezone: session.timezone,
    capacity: session.capacity,
    provider_id: session.providerId,
    status: session.status,
    cancelled_at: toIsoOrNull(session.cancelledAt),
    cancel_reason: session.cancelReason,
  };
}
