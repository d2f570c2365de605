// The rule set both expanders get: a studio timetable of 48 weekly templates (seven times of day,
// six of them every day and one Monday to Saturday) in a zone with daylight saving, for a year.

import { datetime, RRule, RRuleSet, type Weekday as RRuleWeekday } from "rrule";
import type { RecurrenceRule, SessionTemplate } from "../src/scheduling/types";

export const ZONE = "Europe/Berlin";
export const START_DATE = "2027-01-04";
// [2027-01-04 00:00, 2028-01-03 00:00) in Berlin: exactly 52 weeks.
export const WINDOW_START = Date.UTC(2027, 0, 3, 23);
export const WINDOW_END = Date.UTC(2028, 0, 2, 23);
export const DURATION_MINUTES = 60;

// Away from 02:00–03:00, where rrule's handling of DST gaps differs from §8's.
const TIMES = ["06:00", "07:30", "09:00", "12:15", "17:30", "18:45", "20:00"];
const RRULE_DAYS: RRuleWeekday[] = [
  RRule.SU,
  RRule.MO,
  RRule.TU,
  RRule.WE,
  RRule.TH,
  RRule.FR,
  RRule.SA,
];

/** One template per (weekday, time): 7 × 7 minus the Sunday evening = 48. */
export function listSlots(): { weekday: number; time: string }[] {
  const slots = [0, 1, 2, 3, 4, 5, 6].flatMap((weekday) =>
    TIMES.map((time) => ({ weekday, time })),
  );
  return slots.filter((slot) => !(slot.weekday === 0 && slot.time === "20:00"));
}

export function buildOurRule(): RecurrenceRule {
  const templates: SessionTemplate[] = listSlots().map((slot) => ({
    start_time_of_day: slot.time,
    days_of_week: [slot.weekday],
  }));
  return {
    id: "rec_Bench000000000000",
    timezone: ZONE,
    start_date: START_DATE,
    cadence: { frequency: "weekly", interval: 1, days_of_week: [0, 1, 2, 3, 4, 5, 6] },
    end_condition: { type: "never" },
    session_templates: templates,
    excluded_dates: [],
  };
}

function buildRRule(time: string, weekdays: number[]): RRule {
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const [year, month, day] = START_DATE.split("-").map(Number) as [number, number, number];
  return new RRule({
    freq: RRule.WEEKLY,
    byweekday: weekdays.map((weekday) => RRULE_DAYS[weekday] as RRuleWeekday),
    byhour: [hour],
    byminute: [minute],
    bysecond: [0],
    dtstart: datetime(year, month, day, hour, minute),
    tzid: ZONE,
  });
}

/** The same 48 templates as 48 RRULEs, one per template, as our rule holds them. */
export function buildRRuleSetPerTemplate(): RRuleSet {
  const set = new RRuleSet();
  for (const slot of listSlots()) set.rrule(buildRRule(slot.time, [slot.weekday]));
  return set;
}

/** The templates grouped by time of day: the cheapest RRULE encoding, one per time (BYDAY). */
export function listTimeGroups(): { time: string; weekdays: number[] }[] {
  return TIMES.map((time) => ({
    time,
    weekdays: listSlots()
      .filter((slot) => slot.time === time)
      .map((slot) => slot.weekday),
  }));
}

/** rrule's cheapest encoding of the same sessions: one RRULE per time with a BYDAY list. */
export function buildRRuleSetGrouped(): RRuleSet {
  const set = new RRuleSet();
  for (const { time, weekdays } of listTimeGroups()) set.rrule(buildRRule(time, weekdays));
  return set;
}
