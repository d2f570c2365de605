// Property: for random valid recurrences, the RFC 5545 text we write, parsed and expanded by
// ical.js (local times resolved by RFC 5545 §3.3.5 from the written VTIMEZONE, see
// test/helpers/ical-expansion.ts), gives exactly the sessions expandSessions gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expandSessions } from "../../../src/scheduling/expand";
import { writeCalendar } from "../../../src/scheduling/ical/calendar-document";
import { describeTemplateSeries } from "../../../src/scheduling/ical/template-series";
import type { RecurrenceRule } from "../../../src/scheduling/types";
import { feedRule } from "../../helpers/feed-rule-arbitrary";
import { parseFeed } from "../../helpers/ical-expansion";

const DURATION_MINUTES = 75;
const WINDOW_FROM = Date.UTC(2026, 11, 25);
const WINDOW_TO = Date.UTC(2028, 0, 8);

function feedOf(recurrence: RecurrenceRule): string {
  const series = describeTemplateSeries(recurrence);
  const fromYear = Math.min(2027, ...series.map((s) => Number(s.firstDate.slice(0, 4))));
  return writeCalendar({
    zones: [{ timezone: recurrence.timezone, fromYear, toYear: 2028 }],
    events: series.map((s) => ({
      uid: `${recurrence.id}-${s.uidKey}@test`,
      stampMs: 0,
      sequence: 0,
      start: { timezone: recurrence.timezone, date: s.firstDate, timeOfDay: s.timeOfDay },
      end: { minutes: DURATION_MINUTES },
      rrule: s.rrule,
      exdates: s.exdates.map((date) => ({
        timezone: recurrence.timezone,
        date,
        timeOfDay: s.timeOfDay,
      })),
      status: "CONFIRMED" as const,
      summary: "Property",
    })),
  });
}

describe("RFC 5545 writer against ical.js", () => {
  it("expands every random rule to exactly the sessions of expandSessions", () => {
    fc.assert(
      fc.property(feedRule, (recurrence) => {
        const expected = expandSessions(recurrence, DURATION_MINUTES, WINDOW_FROM, WINDOW_TO).map(
          (s) => `${s.start}-${s.end}`,
        );
        const actual = parseFeed(feedOf(recurrence))
          .instancesBetween(WINDOW_FROM, WINDOW_TO)
          .map((i) => `${i.start}-${i.end}`);
        expect(actual.sort()).toEqual(expected.sort());
      }),
      { numRuns: 150 },
    );
  });
});
