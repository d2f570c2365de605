import { strongEtagOf } from "../../http/etag";
import { type CalendarDocument, writeCalendar } from "../../scheduling/ical/calendar-document";
import type { ZoneCoverage } from "../../scheduling/ical/vtimezone";

export interface RenderedCalendar {
  body: string;
  /** A strong validator: the same bytes always give the same tag. */
  etag: string;
}

export async function renderCalendar(document: CalendarDocument): Promise<RenderedCalendar> {
  const body = writeCalendar(document);
  return { body, etag: await strongEtagOf(body) };
}

/** Series that never end are given time-zone transitions up to this many years ahead. */
const OPEN_ENDED_YEARS = 5;
// Finite series are covered to their end, but a rule ending in 2999 gets no more than this.
const MAX_COVERED_YEARS_AHEAD = 50;

export interface SeriesSpan {
  timezone: string;
  firstDate: string;
  lastDate: string | null;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** One VTIMEZONE per zone, spanning the years of all its series. */
export function coverZones(spans: SeriesSpan[], nowMs: number): ZoneCoverage[] {
  const thisYear = new Date(nowMs).getUTCFullYear();
  const byZone = new Map<string, ZoneCoverage>();
  for (const span of spans) {
    const end = span.lastDate ? yearOf(span.lastDate) : thisYear + OPEN_ENDED_YEARS;
    const toYear = Math.min(end, thisYear + MAX_COVERED_YEARS_AHEAD);
    const fromYear = yearOf(span.firstDate);
    const known = byZone.get(span.timezone);
    byZone.set(span.timezone, {
      timezone: span.timezone,
      fromYear: Math.min(known?.fromYear ?? fromYear, fromYear),
      toYear: Math.max(known?.toYear ?? toYear, toYear, fromYear),
    });
  }
  return [...byZone.values()].sort((a, b) => (a.timezone < b.timezone ? -1 : 1));
}

/** The latest of some instants (no spread: a feed may hold thousands of snapshots). */
export function latestOf(instants: Iterable<number>, floor: number): number {
  let latest = floor;
  for (const instant of instants) if (instant > latest) latest = instant;
  return latest;
}
