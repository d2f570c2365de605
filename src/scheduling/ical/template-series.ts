// A recurrence's session templates as RFC 5545 recurring series (§13): one RRULE per template,
// equivalent to the cadence (§6) narrowed to the template's days, with EXDATEs for the
// excluded dates the series would produce.

import {
  addDays,
  convertDateToEpochDay,
  convertEpochDayToCivil,
  convertEpochDayToDate,
  getWeekdayOfEpochDay,
} from "../calendar-date";
import { listOccurrenceDays } from "../occurrences";
import { startOfLocalDay } from "../time-zone";
import type { RecurrenceRule, SessionTemplate } from "../types";
import { formatUtcDateTime } from "./content-lines";

export interface TemplateSeries {
  templateIndex: number;
  timeOfDay: string; // "HH:MM"
  /** "0700", or "0700-135" when another template shares the time on other days. */
  uidKey: string;
  weekdays: ReadonlySet<number>; // the days the series runs on, 0 = Sunday
  firstDate: string; // DTSTART's date: the series' first occurrence date
  lastDate: string | null; // the last date it can produce; null when it never ends
  rrule: string; // the value after "RRULE:"
  exdates: string[]; // excluded dates it would otherwise produce
}

const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
const BYDAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const SEARCH_CHUNK_DAYS = 366;
// A cadence whose first occurrence is further out than this (a 12-monthly rule on the 31st of
// a 30-day month never occurs at all) is left out of the feed rather than searched forever.
const SEARCH_LIMIT_DAYS = 60 * 366;

function cadenceDays(rule: RecurrenceRule): number[] {
  const { cadence } = rule;
  if (cadence.frequency === "monthly") return ALL_DAYS;
  const days = cadence.days_of_week;
  return days && days.length > 0 ? days : ALL_DAYS;
}

function effectiveDays(rule: RecurrenceRule, template: SessionTemplate): number[] {
  const base = cadenceDays(rule);
  const own = template.days_of_week;
  return own ? base.filter((day) => own.includes(day)) : base;
}

/** BYDAY in Monday-first order, as the weeks run (WKST=MO). */
function formatByDay(days: readonly number[]): string {
  const mondayFirst = [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  return mondayFirst.map((day) => BYDAY_CODES[day]).join(",");
}

/** The last occurrence date the end condition allows, or null for `never`. */
function findLastCadenceDay(rule: RecurrenceRule): number | null {
  const end = rule.end_condition;
  if (end.type === "never") return null;
  if (end.type === "date") return convertDateToEpochDay(end.until);
  const startDay = convertDateToEpochDay(rule.start_date);
  const days = listOccurrenceDays(rule, startDay, startDay + SEARCH_LIMIT_DAYS);
  return days.length > 0 ? (days[days.length - 1] as number) : startDay - 1;
}

function findFirstSeriesDay(
  rule: RecurrenceRule,
  weekdays: ReadonlySet<number>,
  lastDay: number | null,
): number | null {
  const startDay = convertDateToEpochDay(rule.start_date);
  const limit = Math.min(lastDay ?? Number.POSITIVE_INFINITY, startDay + SEARCH_LIMIT_DAYS);
  for (let from = startDay; from <= limit; from += SEARCH_CHUNK_DAYS) {
    const to = Math.min(from + SEARCH_CHUNK_DAYS - 1, limit);
    const day = listOccurrenceDays(rule, from, to).find((d) =>
      weekdays.has(getWeekdayOfEpochDay(d)),
    );
    if (day !== undefined) return day;
  }
  return null;
}

/** RFC 5545 UNTIL for a TZID start is UTC (§3.3.10): the last instant of that local date. */
function untilEndOfLocalDate(date: string, timezone: string): string {
  return formatUtcDateTime(startOfLocalDay(addDays(date, 1), timezone) - 1000);
}

function buildRrule(rule: RecurrenceRule, days: number[], lastDate: string | null): string {
  const { cadence, end_condition: end } = rule;
  const narrowed = days.length < cadenceDays(rule).length;
  const parts = [`FREQ=${cadence.frequency.toUpperCase()}`, `INTERVAL=${cadence.interval}`];
  if (cadence.frequency === "monthly") {
    const dayOfMonth =
      cadence.day_of_month ?? convertEpochDayToCivil(convertDateToEpochDay(rule.start_date)).day;
    parts.push(`BYMONTHDAY=${dayOfMonth}`);
  }
  if (cadence.frequency === "weekly" || days.length < ALL_DAYS.length) {
    parts.push(`BYDAY=${formatByDay(days)}`);
  }
  if (cadence.frequency === "weekly") parts.push("WKST=MO");
  // `count` counts cadence dates (§6); a template on fewer days ends at the last one instead.
  if (end.type === "count" && !narrowed) parts.push(`COUNT=${end.count}`);
  else if (lastDate !== null) parts.push(`UNTIL=${untilEndOfLocalDate(lastDate, rule.timezone)}`);
  return parts.join(";");
}

function uidKeyOf(rule: RecurrenceRule, index: number, days: number[]): string {
  const template = rule.session_templates[index] as SessionTemplate;
  const time = template.start_time_of_day.replace(":", "");
  const shared = rule.session_templates.some(
    (other, i) => i !== index && other.start_time_of_day === template.start_time_of_day,
  );
  return shared ? `${time}-${[...days].sort().join("")}` : time;
}

function listSeriesExdates(rule: RecurrenceRule, weekdays: ReadonlySet<number>, first: number) {
  return [...new Set(rule.excluded_dates)]
    .filter((date) => {
      const day = convertDateToEpochDay(date);
      if (day < first || !weekdays.has(getWeekdayOfEpochDay(day))) return false;
      return listOccurrenceDays(rule, day, day).length > 0;
    })
    .sort();
}

/** One series per template that produces at least one date, in template order. */
export function describeTemplateSeries(rule: RecurrenceRule): TemplateSeries[] {
  const lastDay = findLastCadenceDay(rule);
  const lastDate = lastDay === null ? null : convertEpochDayToDate(lastDay);
  const series: TemplateSeries[] = [];
  rule.session_templates.forEach((template, index) => {
    const days = effectiveDays(rule, template);
    const weekdays = new Set(days);
    const firstDay = days.length > 0 ? findFirstSeriesDay(rule, weekdays, lastDay) : null;
    if (firstDay === null) return;
    series.push({
      templateIndex: index,
      timeOfDay: template.start_time_of_day,
      uidKey: uidKeyOf(rule, index, days),
      weekdays,
      firstDate: convertEpochDayToDate(firstDay),
      lastDate,
      rrule: buildRrule(rule, days, lastDate),
      exdates: listSeriesExdates(rule, weekdays, firstDay),
    });
  });
  return series;
}
