import { convertDateToEpochDay, isValidDate } from "./calendar-date";
import { DAY_MS } from "./durations";

// YYYY-MM-DD, a T (or space), HH:MM with optional :SS and fraction, then Z or ±HH[:]MM.
const OFFSET_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?([Zz]|([+-])(\d{2}):?(\d{2}))$/;

/**
 * The instant of an ISO-8601 date-time that carries an offset (`Z`, `+05:30`, `+0530`), or null
 * for anything else (no offset, impossible dates, out-of-range fields). Parsed by hand because
 * Date.parse also accepts local times and non-ISO forms.
 */
export function parseOffsetDateTime(value: string): number | null {
  const match = OFFSET_DATE_TIME.exec(value);
  if (!match) return null;
  const [, date, hours, minutes, seconds, fraction, zone, sign, offsetHours, offsetMinutes] = match;
  if (!date || !isValidDate(date)) return null;
  const offsetMs =
    zone === "Z" || zone === "z"
      ? 0
      : (sign === "-" ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  if (Math.abs(offsetMs) >= DAY_MS) return null;
  const wallMs =
    convertDateToEpochDay(date) * DAY_MS +
    ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds ?? 0)) * 1000 +
    Math.floor(Number(fraction ?? 0) * 1000);
  return wallMs - offsetMs;
}
