// Expansion of a recurrence into sessions (§8): occurrence dates minus excluded dates, times
// each template whose effective days hold the date's weekday, at the template's wall-clock time
// in the recurrence's zone (DST policy in time-zone.ts).

import {
  convertDateToEpochDay,
  convertEpochDayToCivil,
  getWeekdayOfEpochDay,
  pad2,
  parseDate,
} from "./calendar-date";
import { DAY_MS, MINUTE_MS } from "./durations";
import { listOccurrenceDays } from "./occurrences";
import { buildSessionIdPrefix, parseSessionId } from "./session-id";
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
  /** "0700": the time as the session ID spells it. */
  compactTime: string;
  /** "T07:00:00.000": local_start's time, valid whenever DST leaves the wall time alone. */
  localTimeSuffix: string;
  minuteOfDay: number;
  weekdayMask: number; // bit n set: the template runs on weekday n
}

/** Templates by time of day, so one day's sessions come out in start order. */
function compileTemplates(rule: RecurrenceRule): CompiledTemplate[] {
  const compiled = rule.session_templates.map((template, index) => {
    const time = TIME_PATTERN.exec(template.start_time_of_day);
    if (!time) throw new RangeError(`Invalid start_time_of_day: ${template.start_time_of_day}`);
    const days = template.days_of_week;
    const weekdayMask = days ? days.reduce((mask, day) => mask | (1 << day), 0) : ALL_DAYS;
    const minuteOfDay = Number(time[1]) * 60 + Number(time[2]);
    return {
      index,
      timeOfDay: template.start_time_of_day,
      compactTime: `${time[1]}${time[2]}`,
      localTimeSuffix: `T${template.start_time_of_day}:00.000`,
      minuteOfDay,
      weekdayMask,
    };
  });
  return compiled.sort((a, b) => a.minuteOfDay - b.minuteOfDay);
}

function collectExcludedDays(rule: RecurrenceRule): Set<number> {
  const excluded = new Set<number>();
  for (const date of rule.excluded_dates) {
    if (parseDate(date)) excluded.add(convertDateToEpochDay(date));
  }
  return excluded;
}

/** What every session of one occurrence day shares: computed once per day, not per session. */
interface DayContext {
  epochDay: number;
  localDate: string;
  idPrefix: string; // "ses_<body>_YYYYMMDD_"
  /** The zone's offset all day long (and a day either side), or null near a transition. */
  steadyOffset: number | null;
  steadyOffsetLabel: string; // "+01:00" of steadyOffset
}

function buildDayContext(rule: RecurrenceRule, idBase: string, epochDay: number): DayContext {
  const { year, month, day } = convertEpochDayToCivil(epochDay);
  const yyyy = String(year).padStart(4, "0");
  const mm = pad2(month);
  const dd = pad2(day);
  // resolveWallMs probes a day either side of each wall time: when both ends of that span agree,
  // no transition lies between them (they are never 3 days apart, see zone-offsets.ts), so every
  // wall time of the day resolves with this one offset.
  const before = getOffsetAt(rule.timezone, epochDay * DAY_MS - DAY_MS);
  const after = getOffsetAt(rule.timezone, epochDay * DAY_MS + 2 * DAY_MS);
  return {
    epochDay,
    localDate: `${yyyy}-${mm}-${dd}`,
    idPrefix: `${idBase}${yyyy}${mm}${dd}_`,
    steadyOffset: before === after ? before : null,
    steadyOffsetLabel: formatOffset(before),
  };
}

function buildSession(
  rule: RecurrenceRule,
  durationMinutes: number,
  day: DayContext,
  template: CompiledTemplate,
  start: number,
): ExpandedSession {
  return {
    session_id: `${day.idPrefix}${template.compactTime}`,
    recurrence_id: rule.id,
    local_date: day.localDate,
    time_of_day: template.timeOfDay,
    template_index: template.index,
    start,
    end: start + durationMinutes * MINUTE_MS,
    local_start: formatSessionLocalStart(rule, day, template, start),
  };
}

function resolveTemplateStart(rule: RecurrenceRule, day: DayContext, template: CompiledTemplate) {
  const wallMs = day.epochDay * DAY_MS + template.minuteOfDay * MINUTE_MS;
  return day.steadyOffset === null
    ? resolveWallMs(wallMs, rule.timezone)
    : wallMs - day.steadyOffset;
}

/** formatLocalIso(start), built from parts already at hand unless DST moved the wall time. */
function formatSessionLocalStart(
  rule: RecurrenceRule,
  day: DayContext,
  template: CompiledTemplate,
  start: number,
): string {
  if (day.steadyOffset !== null) {
    return `${day.localDate}${template.localTimeSuffix}${day.steadyOffsetLabel}`;
  }
  const offset = getOffsetAt(rule.timezone, start);
  if (start + offset !== day.epochDay * DAY_MS + template.minuteOfDay * MINUTE_MS) {
    return formatLocalIso(start, rule.timezone);
  }
  return `${day.localDate}${template.localTimeSuffix}${formatOffset(offset)}`;
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
  const idBase = buildSessionIdPrefix(rule.id);
  const fromDay = Math.floor(windowStartMs / DAY_MS) - LOCAL_DATE_MARGIN_DAYS;
  const toDay = Math.floor(windowEndMs / DAY_MS) + LOCAL_DATE_MARGIN_DAYS;
  const sessions: ExpandedSession[] = [];
  let inOrder = true;
  for (const epochDay of listOccurrenceDays(rule, fromDay, toDay)) {
    if (excluded.has(epochDay)) continue;
    const weekdayBit = 1 << getWeekdayOfEpochDay(epochDay);
    let day: DayContext | null = null;
    for (const template of templates) {
      if ((template.weekdayMask & weekdayBit) === 0) continue;
      day ??= buildDayContext(rule, idBase, epochDay);
      const start = resolveTemplateStart(rule, day, template);
      if (start < windowStartMs || start >= windowEndMs) continue;
      const session = buildSession(rule, durationMinutes, day, template, start);
      const previous = sessions.at(-1);
      if (previous && compareSessions(previous, session) > 0) inOrder = false;
      sessions.push(session);
    }
  }
  // Only DST can put a later wall time before an earlier one; sort just then.
  return inOrder ? sessions : sessions.sort(compareSessions);
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
  const context = buildDayContext(rule, buildSessionIdPrefix(rule.id), day);
  return buildSession(
    rule,
    durationMinutes,
    context,
    template,
    resolveTemplateStart(rule, context, template),
  );
}
