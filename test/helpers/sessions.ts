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

/** `YYYY-MM-DD` of a session ID's local date. */
export function dateOfSession(sessionId: string): string {
  const date = sessionId.split("_")[2] ?? "";
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`;
}
