// Pure helpers on "YYYY-MM-DD" calendar dates. Integer arithmetic only (no Date), so results
// never depend on the host zone and stay cheap inside tight expansion loops.

export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function getDaysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses a "YYYY-MM-DD" string; null when malformed or not a real date (e.g. 2027-02-29). */
export function parseDate(date: string): CivilDate | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > getDaysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isValidDate(date: string): boolean {
  return parseDate(date) !== null;
}

function parseDateOrThrow(date: string): CivilDate {
  const civil = parseDate(date);
  if (!civil) throw new RangeError(`Invalid date: ${JSON.stringify(date)}`);
  return civil;
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

export function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; Hinnant's days_from_civil). */
export function convertCivilToEpochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of convertCivilToEpochDay (Hinnant's civil_from_days). */
export function convertEpochDayToCivil(epochDay: number): CivilDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function convertDateToEpochDay(date: string): number {
  const { year, month, day } = parseDateOrThrow(date);
  return convertCivilToEpochDay(year, month, day);
}

export function convertEpochDayToDate(epochDay: number): string {
  const { year, month, day } = convertEpochDayToCivil(epochDay);
  return formatDate(year, month, day);
}

export function addDays(date: string, days: number): string {
  return convertEpochDayToDate(convertDateToEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function countDaysBetween(from: string, to: string): number {
  return convertDateToEpochDay(to) - convertDateToEpochDay(from);
}

/** 0 = Sunday … 6 = Saturday of an epoch day (1970-01-01 was a Thursday). */
export function getWeekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** 0 = Sunday … 6 = Saturday. */
export function getWeekday(date: string): number {
  return getWeekdayOfEpochDay(convertDateToEpochDay(date));
}

/** Epoch day of the Monday starting the (Monday-first) week that holds the epoch day. */
export function getMondayOfEpochDay(epochDay: number): number {
  return epochDay - ((getWeekdayOfEpochDay(epochDay) + 6) % 7);
}

/** Months since year 0 (year * 12 + month - 1): consecutive months differ by one. */
export function getMonthIndex(date: string): number {
  const { year, month } = parseDateOrThrow(date);
  return year * 12 + month - 1;
}

export function getYearOfMonthIndex(monthIndex: number): number {
  return Math.floor(monthIndex / 12);
}

/** 1..12 */
export function getMonthOfMonthIndex(monthIndex: number): number {
  return monthIndex - Math.floor(monthIndex / 12) * 12 + 1;
}

/**
 * Same day `months` later, or null when that month lacks the day (the recurrence rules skip
 * such months rather than clamp to the month's end).
 */
export function addMonths(date: string, months: number): string | null {
  const { day } = parseDateOrThrow(date);
  const target = getMonthIndex(date) + months;
  const year = getYearOfMonthIndex(target);
  const month = getMonthOfMonthIndex(target);
  return day <= getDaysInMonth(year, month) ? formatDate(year, month, day) : null;
}
