// Session IDs are derived, never stored (§8): ses_<recurrence id body>_<YYYYMMDD>_<HHMM>.

import { isValidDate } from "./calendar-date";

const RECURRENCE_PREFIX = "rec_";
const SESSION_ID_PATTERN = /^ses_([A-Za-z0-9_-]+)_(\d{4})(\d{2})(\d{2})_([01]\d|2[0-3])([0-5]\d)$/;

/** "ses_<recurrence id body>_": what the IDs of one recurrence's sessions share. */
export function buildSessionIdPrefix(recurrenceId: string): string {
  if (!recurrenceId.startsWith(RECURRENCE_PREFIX)) {
    throw new RangeError(`Not a recurrence id: ${JSON.stringify(recurrenceId)}`);
  }
  return `ses_${recurrenceId.slice(RECURRENCE_PREFIX.length)}_`;
}

export function buildSessionId(recurrenceId: string, localDate: string, timeOfDay: string): string {
  const prefix = buildSessionIdPrefix(recurrenceId);
  return `${prefix}${localDate.replaceAll("-", "")}_${timeOfDay.replace(":", "")}`;
}

/** The parts of a well-formed session ID (recurrenceId includes "rec_"), else null. */
export function parseSessionId(
  sessionId: string,
): { recurrenceId: string; localDate: string; timeOfDay: string } | null {
  const match = SESSION_ID_PATTERN.exec(sessionId);
  if (!match) return null;
  const [, body, year, month, day, hour, minute] = match;
  const localDate = `${year}-${month}-${day}`;
  if (!isValidDate(localDate)) return null;
  return { recurrenceId: `${RECURRENCE_PREFIX}${body}`, localDate, timeOfDay: `${hour}:${minute}` };
}
