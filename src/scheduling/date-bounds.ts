// One rule for every date the API accepts or computes: years 2000–2199. Stored values and
// request ranges stay inside it, so every later expansion, formatting and session ID works
// on four-digit years and no stored value can make a later read fail.

import { isValidDate } from "./calendar-date";
import { parseOffsetDateTime } from "./iso-instant";

export const MIN_DATE = "2000-01-01";
export const MAX_DATE = "2199-12-31";
const FIRST_INSTANT_MS = Date.UTC(2000, 0, 1);
const END_INSTANT_MS = Date.UTC(2200, 0, 1);

export const DATE_BOUNDS_MESSAGE = `Dates must lie between ${MIN_DATE} and ${MAX_DATE}`;

/** Years 20xx and 21xx; the pattern the OpenAPI document shows for a `YYYY-MM-DD` date. */
export const BOUNDED_DATE_PATTERN = /^(20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar date "YYYY-MM-DD" within the bounds. */
export function isBoundedDate(date: string): boolean {
  return BOUNDED_DATE_PATTERN.test(date) && isValidDate(date);
}

/** An instant (epoch ms) whose UTC date lies within the bounds. */
export function isBoundedInstant(instantMs: number): boolean {
  return instantMs >= FIRST_INSTANT_MS && instantMs < END_INSTANT_MS;
}

/** An ISO-8601 date-time with offset whose instant lies within the bounds. */
export function isBoundedDateTime(value: string): boolean {
  const instant = parseOffsetDateTime(value);
  return instant !== null && isBoundedInstant(instant);
}
