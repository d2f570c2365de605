import { callJson } from "./http";

export const sessionPath = (experienceId: string, sessionId: string) =>
  `/v1/experiences/${experienceId}/sessions/${sessionId}`;

export function cancelSession(
  key: string,
  experienceId: string,
  sessionId: string,
  body?: unknown,
  headers?: Record<string, string>,
) {
  return callJson("POST", `${sessionPath(experienceId, sessionId)}/cancel`, { key, body, headers });
}

export function restoreSession(
  key: string,
  experienceId: string,
  sessionId: string,
  headers?: Record<string, string>,
) {
  return callJson("POST", `${sessionPath(experienceId, sessionId)}/restore`, { key, headers });
}

export function reschedule(
  key: string,
  bookingId: string,
  body: unknown,
  headers?: Record<string, string>,
) {
  return callJson("POST", `/v1/bookings/${bookingId}/reschedule`, { key, body, headers });
}

/** `YYYY-MM-DD` of a session id's local date (§8: `ses_<rec>_<YYYYMMDD>_<HHMM>`). */
export function dateOfSession(sessionId: string): string {
  const match = /_(\d{4})(\d{2})(\d{2})_\d{4}$/.exec(sessionId);
  if (!match) throw new Error(`Not a session id: ${sessionId}`);
  return `${match[1]}-${match[2]}-${match[3]}`;
}
