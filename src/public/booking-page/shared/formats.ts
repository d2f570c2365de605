// Shared by the Worker and the page script (both tsconfigs include this folder): pure Intl, no
// DOM and no Worker API.

/**
 * Every date, time and amount of the page, in its one locale (the server's choice, from `?lang=`
 * or Accept-Language, in <main data-locale>), so the script never disagrees with what the
 * server rendered.
 */
export interface Formats {
  /** "Monday, December 7" */
  day(ms: number): string;
  weekday(ms: number): string;
  /** "Dec 7" */
  shortDate(ms: number): string;
  time(ms: number): string;
  /** "7:00 – 8:15 AM" */
  timeRange(startIso: string, endIso: string): string;
  /** "Monday, December 7, 7:00 – 8:15 AM" */
  range(startIso: string, endIso: string): string;
  money(amount: number, currency: string): string;
  /** "Sunday, December 6, 2026 at 7:00 AM" */
  dateTime(iso: string): string;
}

export function createFormats(locale: string, timeZone: string): Formats {
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone, ...options });
  const day = format({ weekday: "long", month: "long", day: "numeric" });
  const weekday = format({ weekday: "short" });
  const shortDate = format({ month: "short", day: "numeric" });
  const time = format({ timeStyle: "short" });
  const date = format({ year: "numeric", month: "2-digit", day: "2-digit" });
  // formatRange repeats the dates of a range that crosses midnight: the day is shown elsewhere.
  const timeRange = (start: number, end: number) =>
    date.format(start) === date.format(end)
      ? time.formatRange(start, end)
      : `${time.format(start)} – ${time.format(end)}`;
  return {
    day: (ms) => day.format(ms),
    weekday: (ms) => weekday.format(ms),
    shortDate: (ms) => shortDate.format(ms),
    time: (ms) => time.format(ms),
    timeRange: (startIso, endIso) => timeRange(Date.parse(startIso), Date.parse(endIso)),
    range: (startIso, endIso) =>
      `${day.format(Date.parse(startIso))}, ${timeRange(Date.parse(startIso), Date.parse(endIso))}`,
    money: (amount, currency) => formatMoney(amount, currency, locale),
    dateTime: (iso) => format({ dateStyle: "full", timeStyle: "short" }).format(Date.parse(iso)),
  };
}

export function formatMoney(amount: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currency.toUpperCase(),
  }).format(amount);
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function dateKey(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(ms);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const seatsText = (n: number) => (n === 1 ? "1 seat" : `${n} seats`);
