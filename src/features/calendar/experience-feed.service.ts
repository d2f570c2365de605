// The experience feed (§13): one recurring VEVENT per (active recurrence × template), overrides
// for materialized sessions the rule now places elsewhere or that were cancelled, and events of
// their own for materialized sessions the rule no longer produces.

import type { Database } from "../../db/client";
import { requireActiveExperience } from "../../public/public.service";
import { convertDateToEpochDay, getWeekdayOfEpochDay } from "../../scheduling/calendar-date";
import { findSession } from "../../scheduling/expand";
import type { CalendarEvent } from "../../scheduling/ical/calendar-document";
import { describeTemplateSeries, type TemplateSeries } from "../../scheduling/ical/template-series";
import { parseSessionId } from "../../scheduling/session-id";
import type { RecurrenceRule } from "../../scheduling/types";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { toRecurrenceRule } from "../recurrences/recurrence-schedule";
import {
  listLiveRecurrencesByExperience,
  type RecurrenceRow,
} from "../recurrences/recurrences.repository";
import type { SessionRow } from "../sessions/sessions.repository";
import { experienceEventText, type FeedOrigin } from "./calendar.presenter";
import { listSessionSnapshotsByExperience } from "./calendar.repository";
import { coverZones, latestOf, type RenderedCalendar, renderCalendar } from "./rendered-calendar";

interface SeriesOfRecurrence {
  recurrence: RecurrenceRow;
  rule: RecurrenceRule;
  series: TemplateSeries[];
  sequence: number;
}

/** SEQUENCE grows with every edit of the recurrence or the experience (§13): their revisions. */
function sequenceOf(experience: ExperienceRow, recurrence: RecurrenceRow): number {
  return experience.revision + recurrence.revision;
}

function seriesUid(recurrenceId: string, series: TemplateSeries, origin: FeedOrigin): string {
  return `${recurrenceId}-${series.uidKey}@${origin.host}`;
}

function masterEvents(
  experience: ExperienceRow,
  entry: SeriesOfRecurrence,
  text: ReturnType<typeof experienceEventText>,
  origin: FeedOrigin,
  stampMs: number,
): CalendarEvent[] {
  const timezone = entry.rule.timezone;
  return entry.series.map((series) => ({
    uid: seriesUid(entry.recurrence.id, series, origin),
    stampMs,
    sequence: entry.sequence,
    start: { timezone, date: series.firstDate, timeOfDay: series.timeOfDay },
    end: { minutes: experience.durationMinutes },
    rrule: series.rrule,
    exdates: series.exdates.map((date) => ({ timezone, date, timeOfDay: series.timeOfDay })),
    status: "CONFIRMED",
    ...text,
  }));
}

/** The override or own event a snapshot needs, or null when its series already says it. */
function snapshotEvent(
  experience: ExperienceRow,
  snapshot: SessionRow,
  entry: SeriesOfRecurrence,
  base: Omit<CalendarEvent, "uid" | "start" | "end">,
  origin: FeedOrigin,
): CalendarEvent | null {
  const cancelled = snapshot.status === "cancelled";
  const event: CalendarEvent = {
    ...base,
    uid: `${snapshot.id}@${origin.host}`,
    start: { instantMs: snapshot.startAt },
    end: { instantMs: snapshot.endAt },
    status: cancelled ? "CANCELLED" : "CONFIRMED",
  };
  const produced = findSession(entry.rule, experience.durationMinutes, snapshot.id);
  const parsed = parseSessionId(snapshot.id);
  if (!produced || !parsed) return event;
  const weekday = getWeekdayOfEpochDay(convertDateToEpochDay(parsed.localDate));
  const series = entry.series.find(
    (candidate) => candidate.timeOfDay === parsed.timeOfDay && candidate.weekdays.has(weekday),
  );
  if (!series) return event;
  const moved = produced.start !== snapshot.startAt || produced.end !== snapshot.endAt;
  if (!moved && !cancelled) return null;
  return {
    ...event,
    uid: seriesUid(entry.recurrence.id, series, origin),
    recurrenceId: {
      timezone: entry.rule.timezone,
      date: parsed.localDate,
      timeOfDay: parsed.timeOfDay,
    },
  };
}

/** The feed of an active experience; unknown and inactive ones are 404 like the public view. */
export async function buildExperienceFeed(
  db: Database,
  experienceId: string,
  origin: FeedOrigin,
  nowMs: number,
): Promise<RenderedCalendar & { organizationId: string }> {
  const { experience } = await requireActiveExperience(db, experienceId);
  const [recurrences, snapshots] = await Promise.all([
    listLiveRecurrencesByExperience(db, experience.id),
    listSessionSnapshotsByExperience(db, experience.id),
  ]);
  const active = activeSeries(experience, recurrences);
  const stampMs = latestOf(
    [...recurrences.map((r) => r.updatedAt), ...snapshots.map((s) => s.updatedAt ?? s.createdAt)],
    experience.updatedAt,
  );
  const text = experienceEventText(experience, origin);
  const events: CalendarEvent[] = [];
  for (const entry of active.values()) {
    events.push(...masterEvents(experience, entry, text, origin, stampMs));
  }
  for (const snapshot of snapshots) {
    const entry = active.get(snapshot.recurrenceId);
    if (!entry) continue;
    const base = { stampMs, sequence: entry.sequence, status: "CONFIRMED" as const, ...text };
    const event = snapshotEvent(experience, snapshot, entry, base, origin);
    if (event) events.push(event);
  }
  const zones = coverZones(seriesSpans(active.values()), nowMs);
  const rendered = await renderCalendar({
    name: experience.name,
    refreshHourly: true,
    zones,
    events,
  });
  return { ...rendered, organizationId: experience.organizationId };
}

/** The series of each active recurrence, by recurrence id (paused ones are left out). */
function activeSeries(experience: ExperienceRow, recurrences: RecurrenceRow[]) {
  const active = new Map<string, SeriesOfRecurrence>();
  for (const recurrence of recurrences) {
    if (recurrence.status !== "active") continue;
    const rule = toRecurrenceRule(recurrence);
    const sequence = sequenceOf(experience, recurrence);
    active.set(recurrence.id, { recurrence, rule, series: describeTemplateSeries(rule), sequence });
  }
  return active;
}

/** The dates each series covers in its zone: the VTIMEZONEs must cover them all. */
function seriesSpans(entries: Iterable<SeriesOfRecurrence>) {
  return [...entries].flatMap(({ rule, series }) =>
    series.map((s) => ({ timezone: rule.timezone, firstDate: s.firstDate, lastDate: s.lastDate })),
  );
}
