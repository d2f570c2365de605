// A second, deliberately naive implementation of §6/§8 on @js-temporal/polyfill, used as the
// oracle of the property tests: it walks day by day from start_date and resolves wall times
// with Temporal's 'compatible' disambiguation (exactly the §8 DST policy).

import { Temporal } from "@js-temporal/polyfill";
import type { RecurrenceRule } from "../../../src/scheduling/types";

export interface OracleSession {
  session_id: string;
  local_date: string;
  time_of_day: string;
  template_index: number;
  start: number;
  local_start: string;
}

export function resolveWithTemporal(date: string, timeOfDay: string, zone: string): number {
  return Temporal.PlainDateTime.from(`${date}T${timeOfDay}`).toZonedDateTime(zone, {
    disambiguation: "compatible",
  }).epochMilliseconds;
}

export function formatWithTemporal(instantMs: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instantMs)
    .toZonedDateTimeISO(zone)
    .toString({ fractionalSecondDigits: 3, timeZoneName: "never" });
}

export function offsetWithTemporal(instantMs: number, zone: string): number {
  const nanoseconds =
    Temporal.Instant.fromEpochMilliseconds(instantMs).toZonedDateTimeISO(zone).offsetNanoseconds;
  return nanoseconds / 1_000_000;
}

function isCadenceDate(rule: RecurrenceRule, date: Temporal.PlainDate): boolean {
  const start = Temporal.PlainDate.from(rule.start_date);
  const cadence = rule.cadence;
  const sundayFirst = date.dayOfWeek % 7; // Temporal: 1 = Monday … 7 = Sunday
  if (cadence.frequency === "weekly") {
    const startMonday = start.subtract({ days: start.dayOfWeek - 1 });
    const week = Math.floor(startMonday.until(date).days / 7);
    return week % cadence.interval === 0 && cadence.days_of_week.includes(sundayFirst);
  }
  if (cadence.frequency === "daily") {
    const days = cadence.days_of_week;
    const onDay = !days || days.length === 0 || days.includes(sundayFirst);
    return start.until(date).days % cadence.interval === 0 && onDay;
  }
  const months = (date.year - start.year) * 12 + (date.month - start.month);
  return months % cadence.interval === 0 && date.day === (cadence.day_of_month ?? start.day);
}

/** Occurrence dates from start_date up to `lastDate` (inclusive), before exclusions. */
export function listOracleOccurrenceDates(rule: RecurrenceRule, lastDate: string): string[] {
  const dates: string[] = [];
  const last = Temporal.PlainDate.from(lastDate);
  const end = rule.end_condition;
  for (
    let date = Temporal.PlainDate.from(rule.start_date);
    Temporal.PlainDate.compare(date, last) <= 0;
    date = date.add({ days: 1 })
  ) {
    if (
      end.type === "date" &&
      Temporal.PlainDate.compare(date, Temporal.PlainDate.from(end.until)) > 0
    )
      break;
    if (end.type === "count" && dates.length >= end.count) break;
    if (isCadenceDate(rule, date)) dates.push(date.toString());
  }
  return dates;
}

/** All sessions on local dates up to `lastDate`, unsorted. */
export function expandWithOracle(rule: RecurrenceRule, lastDate: string): OracleSession[] {
  const sessions: OracleSession[] = [];
  for (const date of listOracleOccurrenceDates(rule, lastDate)) {
    if (rule.excluded_dates.includes(date)) continue;
    const weekday = Temporal.PlainDate.from(date).dayOfWeek % 7;
    rule.session_templates.forEach((template, index) => {
      if (template.days_of_week && !template.days_of_week.includes(weekday)) return;
      const start = resolveWithTemporal(date, template.start_time_of_day, rule.timezone);
      const body = rule.id.slice("rec_".length);
      sessions.push({
        session_id: `ses_${body}_${date.replaceAll("-", "")}_${template.start_time_of_day.replace(":", "")}`,
        local_date: date,
        time_of_day: template.start_time_of_day,
        template_index: index,
        start,
        local_start: formatWithTemporal(start, rule.timezone),
      });
    });
  }
  return sessions;
}

/** Instants (ms) where the zone's offset changes in [fromMs, toMs), found by scanning offsets. */
export function findTransitions(zone: string, fromMs: number, toMs: number): number[] {
  // Transitions are months apart in the zones under test; six hours cannot hide one.
  const step = 6 * 3_600_000;
  const found: number[] = [];
  let previous = offsetWithTemporal(fromMs, zone);
  for (let at = fromMs + step; at < toMs; at += step) {
    const offset = offsetWithTemporal(at, zone);
    if (offset === previous) continue;
    let low = at - step;
    let high = at;
    while (high - low > 1000) {
      const mid = low + Math.floor((high - low) / 2000) * 1000;
      if (offsetWithTemporal(mid, zone) === previous) low = mid;
      else high = mid;
    }
    found.push(high);
    previous = offset;
  }
  return found;
}
