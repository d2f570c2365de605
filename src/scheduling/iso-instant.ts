import {
  convertDateToEpochDay,
  convertEpochDayToCivil,
  formatDate,
  isValidDate,
  pad2,
} from "./calendar-date";
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from "./durations";

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

// Slots print two instants each: the date part and whole-minute times repeat, so both are
// cached. Equal to Date#toISOString for years 0000–9999 (the only ones an API date can have).
let cachedDay = Number.NaN;
let cachedDayPrefix = "";
const minuteLabels: string[] = [];

function formatTimeOfDay(msOfDay: number): string {
  const milliseconds = msOfDay % SECOND_MS;
  const seconds = Math.floor(msOfDay / SECOND_MS) % 60;
  const minutes = Math.floor(msOfDay / MINUTE_MS) % 60;
  const hours = Math.floor(msOfDay / HOUR_MS);
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${String(milliseconds).padStart(3, "0")}Z`;
}

/** The §1 wire form of an instant ("2026-12-01T06:00:00.000Z"), without a Date per call. */
export function formatUtcIso(epochMs: number): string {
  if (!Number.isInteger(epochMs)) return new Date(epochMs).toISOString();
  const epochDay = Math.floor(epochMs / DAY_MS);
  if (epochDay !== cachedDay) {
    const { year, month, day } = convertEpochDayToCivil(epochDay);
    if (year < 0 || year > 9999) return new Date(epochMs).toISOString();
    cachedDay = epochDay;
    cachedDayPrefix = `${formatDate(year, month, day)}T`;
  }
  const msOfDay = epochMs - epochDay * DAY_MS;
  if (msOfDay % MINUTE_MS !== 0) return cachedDayPrefix + formatTimeOfDay(msOfDay);
  const minute = msOfDay / MINUTE_MS;
  let label = minuteLabels[minute];
  if (label === undefined) {
    label = formatTimeOfDay(msOfDay);
    minuteLabels[minute] = label;
  }
  return cachedDayPrefix + label;
}
