// Occurrence dates of a cadence (§6): the dates it yields after its own weekday filter and
// before excluded_dates. Works on epoch days and jumps straight to the asked range, so a window
// years after start_date costs the same as the first one (except for `count`, which must count
// from the start but is bounded by 1000 occurrences).

import {
  convertCivilToEpochDay,
  convertDateToEpochDay,
  convertEpochDayToCivil,
  convertEpochDayToDate,
  getDaysInMonth,
  getMondayOfEpochDay,
  getMonthOfMonthIndex,
  getWeekdayOfEpochDay,
  getYearOfMonthIndex,
} from "./calendar-date";
import type { Cadence, OccurrenceRule } from "./types";

/** Receives each occurrence day in ascending order; returning false stops the walk. */
type DayVisitor = (epochDay: number) => boolean;

/** What every frequency's walk shares: its step, the cadence's first day, the range, the visitor. */
interface DayWalk {
  interval: number;
  startDay: number;
  fromDay: number;
  toDay: number;
  visit: DayVisitor;
}

/** Occurrence dates ("YYYY-MM-DD") within [fromDate, toDate], inclusive. */
export function listOccurrenceDates(
  rule: OccurrenceRule,
  fromDate: string,
  toDate: string,
): string[] {
  const days = listOccurrenceDays(
    rule,
    convertDateToEpochDay(fromDate),
    convertDateToEpochDay(toDate),
  );
  return days.map(convertEpochDayToDate);
}

/** Occurrence epoch days within [fromDay, toDay], inclusive, ascending. */
export function listOccurrenceDays(rule: OccurrenceRule, fromDay: number, toDay: number): number[] {
  const startDay = convertDateToEpochDay(rule.start_date);
  const end = rule.end_condition;
  const lastDay = end.type === "date" ? Math.min(toDay, convertDateToEpochDay(end.until)) : toDay;
  const days: number[] = [];
  if (end.type === "count") {
    // RFC 5545: count from the first occurrence, whatever the window.
    let seen = 0;
    walkCadence(rule.cadence, startDay, startDay, lastDay, (day) => {
      seen++;
      if (day >= fromDay) days.push(day);
      return seen < end.count;
    });
    return days;
  }
  walkCadence(rule.cadence, startDay, Math.max(fromDay, startDay), lastDay, (day) => {
    days.push(day);
    return true;
  });
  return days;
}

/** Visits the cadence's days in [fromDay, toDay] (fromDay ≥ startDay) in order. */
function walkCadence(
  cadence: Cadence,
  startDay: number,
  fromDay: number,
  toDay: number,
  visit: DayVisitor,
): void {
  if (!Number.isInteger(cadence.interval) || cadence.interval < 1) {
    throw new RangeError(`Invalid cadence interval: ${cadence.interval}`);
  }
  if (fromDay > toDay) return;
  const walk: DayWalk = { interval: cadence.interval, startDay, fromDay, toDay, visit };
  if (cadence.frequency === "weekly") {
    walkWeekly(walk, cadence.days_of_week);
  } else if (cadence.frequency === "daily") {
    walkDaily(walk, cadence.days_of_week ?? null);
  } else {
    walkMonthly(walk, cadence.day_of_month ?? convertEpochDayToCivil(startDay).day);
  }
}

/** First multiple of `interval` that is ≥ `index` (index ≥ 0). */
function roundUpToInterval(index: number, interval: number): number {
  return Math.ceil(index / interval) * interval;
}

function walkWeekly(walk: DayWalk, daysOfWeek: readonly number[]): void {
  const { interval, startDay, fromDay, toDay, visit } = walk;
  // Offsets from Monday, since weeks start on Monday (§6); anything but 0–6 is ignored.
  const valid = daysOfWeek.filter((day) => Number.isInteger(day) && day >= 0 && day <= 6);
  const offsets = [...new Set(valid.map((day) => (day + 6) % 7))].sort((a, b) => a - b);
  if (offsets.length === 0) return;
  const firstMonday = getMondayOfEpochDay(startDay);
  const fromWeek = (getMondayOfEpochDay(fromDay) - firstMonday) / 7;
  for (let week = roundUpToInterval(fromWeek, interval); ; week += interval) {
    const monday = firstMonday + week * 7;
    if (monday > toDay) return;
    for (const offset of offsets) {
      const day = monday + offset;
      if (day > toDay) return;
      if (day >= fromDay && !visit(day)) return;
    }
  }
}

function walkDaily(walk: DayWalk, daysOfWeek: readonly number[] | null): void {
  const { interval, startDay, fromDay, toDay, visit } = walk;
  const allowed = daysOfWeek && daysOfWeek.length > 0 ? new Set(daysOfWeek) : null;
  const first = startDay + roundUpToInterval(fromDay - startDay, interval);
  for (let day = first; day <= toDay; day += interval) {
    if (allowed && !allowed.has(getWeekdayOfEpochDay(day))) continue;
    if (!visit(day)) return;
  }
}

function walkMonthly(walk: DayWalk, dayOfMonth: number): void {
  const { interval, startDay, fromDay, toDay, visit } = walk;
  const start = convertEpochDayToCivil(startDay);
  const from = convertEpochDayToCivil(fromDay);
  const firstMonth = start.year * 12 + start.month - 1;
  const fromMonth = from.year * 12 + from.month - 1;
  for (
    let month = firstMonth + roundUpToInterval(fromMonth - firstMonth, interval);
    ;
    month += interval
  ) {
    const year = getYearOfMonthIndex(month);
    const monthOfYear = getMonthOfMonthIndex(month);
    if (convertCivilToEpochDay(year, monthOfYear, 1) > toDay) return;
    // Months without that day are skipped, never clamped (§6).
    if (dayOfMonth < 1 || dayOfMonth > getDaysInMonth(year, monthOfYear)) continue;
    const day = convertCivilToEpochDay(year, monthOfYear, dayOfMonth);
    if (day > toDay) return;
    if (day >= fromDay && !visit(day)) return;
  }
}
