// Expansion of a recurrence into sessions (§8): occurrence dates minus excluded dates, times
// each template whose effective days hold the date's weekday, at the template's wall-clock time
// in the recurrence's zone (DST policy in time-zone.ts).

import {
  convertDateToEpochDay,
  convertEpochDayToDate,
  getWeekdayOfEpochDay,
  parseDate,
} from "./calendar-date";
import { DAY_MS, MINUTE_MS } from "./durations";
import { listOccurrenceDays } from "./occurrences";
import { buildSessionId, parseSessionId } from "./session-id";
import { formatLocalIso, formatOffset, resolveWallMs } from "./time-zone";
import type { ExpandedSession, RecurrenceRule } from "./types";
import { getOffsetAt } from "./zone-offsets";

const ALL_DAYS = 0b111_1111;
// A session's local date is within a day of its UTC date, and a DST gap moves it by at most a
// day more (Pacific/Apia skipped a whole date in 2011), so two days of margin is always enough.
const LOCAL_DATE_MARGIN_DAYS = 2;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

interface CompiledTemplate {
  index: number;
  timeOfDay: string;
  minuteOfDay: number;
  weekdayMask: number; // bit n set: the template runs on weekday n
}

function compileTemplates(rule: RecurrenceRule): CompiledTemplate[] {
  return rule.session_templates.map((template, index) => {
    const time = TIME_PATTERN.exec(template.start_time_of_day);
    if (!time) throw new RangeError(`Invalid start_time_of_day: ${template.start_time_of_day}`);
    const days = template.days_of_week;
    const weekdayMask = days ? days.reduce((mask, day) => mask | (1 << day), 0) : ALL_DAYS;
    const minuteOfDay = Number(time[1]) * 60 + Number(time[2]);
    return { index, timeOfDay: template.start_time_of_day, minuteOfDay, weekdayMask };
  });
}

function collectExcludedDays(rule: RecurrenceRule): Set<number> {
  const excluded = new Set<number>();
  for (const date of rule.excluded_dates) {
    if (parseDate(date)) excluded.add(convertDateToEpochDay(date));
  }
  return excluded;
}

function resolveTemplateStart(
  rule: RecurrenceRule,
  epochDay: number,
  template: CompiledTemplate,
): number {
  return resolveWallMs(epochDay * DAY_MS + template.minuteOfDay * MINUTE_MS, rule.timezone);
}

/** formatLocalIso(start), built from parts already at hand unless DST moved the wall time. */
function formatSessionLocalStart(
  rule: RecurrenceRule,
  epochDay: number,
  localDate: string,
  template: CompiledTemplate,
  start: number,
): string {
  const offset = getOffsetAt(rule.timezone, start);
  if (start + offset !== epochDay * DAY_MS + template.minuteOfDay * MINUTE_MS) {
    return formatLocalIso(start, rule.timezone);
  }
  return `${localDate}T${template.timeOfDay}:00.000${formatOffset(offset)}`;
}

function buildSession(
  rule: RecurrenceRule,
  durationMinutes: number,
  epochDay: number,
  template: CompiledTemplate,
  start: number,
  localDate = convertEpochDayToDate(epochDay),
): ExpandedSession {
  return {
    session_id: buildSessionId(rule.id, localDate, template.timeOfDay),
    recurrence_id: rule.id,
    local_date: localDate,
    time_of_day: template.timeOfDay,
    template_index: template.index,
    start,
    end: start + durationMinutes * MINUTE_MS,
    local_start: formatSessionLocalStart(rule, epochDay, localDate, template, start),
  };
}

/** Every session whose start instant is in [windowStartMs, windowEndMs), by start then id. */
export function expandSessions(
  rule: RecurrenceRule,
  durationMinutes: number,
  windowStartMs: number,
  windowEndMs: number,
): ExpandedSession[] {
  if (!(windowStartMs < windowEndMs)) return [];
  const templates = compileTemplates(rule);
  const excluded = collectExcludedDays(rule);
  const fromDay = Math.floor(windowStartMs / DAY_MS) - LOCAL_DATE_MARGIN_DAYS;
  const toDay = Math.floor(windowEndMs / DAY_MS) + LOCAL_DATE_MARGIN_DAYS;
  const sessions: ExpandedSession[] = [];
  for (const day of listOccurrenceDays(rule, fromDay, toDay)) {
    if (excluded.has(day)) continue;
    const weekdayBit = 1 << getWeekdayOfEpochDay(day);
    const localDate = convertEpochDayToDate(day);
    for (const template of templates) {
      if ((template.weekdayMask & weekdayBit) === 0) continue;
      const start = resolveTemplateStart(rule, day, template);
      if (start < windowStartMs || start >= windowEndMs) continue;
      sessions.push(buildSession(rule, durationMinutes, day, template, start, localDate));
    }
  }
  return sessions.sort(compareSessions);
}

function compareSessions(a: ExpandedSession, b: ExpandedSession): number {
  if (a.start !== b.start) return a.start - b.start;
  return a.session_id < b.session_id ? -1 : a.session_id > b.session_id ? 1 : 0;
}

/** The session with this ID, or null when the rule does not produce it. */
export function findSession(
  rule: RecurrenceRule,
  durationMinutes: number,
  sessionId: string,
): ExpandedSession | null {
  const parsed = parseSessionId(sessionId);
  if (!parsed || parsed.recurrenceId !== rule.id) return null;
  const day = convertDateToEpochDay(parsed.localDate);
  if (collectExcludedDays(rule).has(day)) return null;
  const weekdayBit = 1 << getWeekdayOfEpochDay(day);
  const template = compileTemplates(rule).find(
    (candidate) =>
      candidate.timeOfDay === parsed.timeOfDay && (candidate.weekdayMask & weekdayBit) !== 0,
  );
  if (!template) return null;
  if (listOccurrenceDays(rule, day, day).length === 0) return null;
  return buildSession(
    rule,
    durationMinutes,
    day,
    template,
    resolveTemplateStart(rule, day, template),
  );
}
