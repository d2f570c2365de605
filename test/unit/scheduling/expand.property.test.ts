import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expandSessions, findSession } from "../../../src/scheduling/expand";
import type {
  Cadence,
  EndCondition,
  ExpandedSession,
  RecurrenceRule,
} from "../../../src/scheduling/types";
import { expandWithOracle, findTransitions, type OracleSession } from "./oracle";
import { DAY_MS, splitWallMs, TRANSITION_SWEEPS, ZONES } from "./zones";

const DURATION = 50;
const weekdays = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 });
// Night hours are over-weighted: that is where DST gaps and overlaps live.
const timeOfDay = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })),
    fc.constantFrom(0, 15, 30, 45, 59),
  )
  .map(([hour, minute]) => `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`);

const cadence: fc.Arbitrary<Cadence> = fc.oneof(
  fc.record({
    frequency: fc.constant("weekly" as const),
    interval: fc.integer({ min: 1, max: 5 }),
    days_of_week: weekdays,
  }),
  fc.record({
    frequency: fc.constant("daily" as const),
    interval: fc.integer({ min: 1, max: 10 }),
    days_of_week: fc.option(weekdays, { nil: null }),
  }),
  fc.record({
    frequency: fc.constant("monthly" as const),
    interval: fc.integer({ min: 1, max: 4 }),
    day_of_month: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
  }),
);

const startDay = fc.integer({
  min: Date.UTC(2026, 0, 1) / DAY_MS,
  max: Date.UTC(2028, 9, 1) / DAY_MS,
});

function endCondition(start: number): fc.Arbitrary<EndCondition> {
  return fc.oneof(
    fc.constant({ type: "never" as const }),
    fc.integer({ min: 0, max: 400 }).map((days) => ({
      type: "date" as const,
      until: splitWallMs((start + days) * DAY_MS).date,
    })),
    fc.integer({ min: 1, max: 60 }).map((count) => ({ type: "count" as const, count })),
  );
}

const rule: fc.Arbitrary<RecurrenceRule> = fc
  .tuple(fc.constantFrom(...ZONES), startDay, cadence)
  .chain(([timezone, start, ruleCadence]) =>
    fc.record({
      id: fc.constant("rec_PropTest0000000000"),
      timezone: fc.constant(timezone),
      start_date: fc.constant(splitWallMs(start * DAY_MS).date),
      cadence: fc.constant(ruleCadence),
      end_condition: endCondition(start),
      session_templates: fc.uniqueArray(
        fc.record({
          start_time_of_day: timeOfDay,
          days_of_week: fc.option(weekdays, { nil: null }),
        }),
        { minLength: 1, maxLength: 4, selector: (template) => template.start_time_of_day },
      ),
      excluded_dates: fc.uniqueArray(
        fc.integer({ min: 0, max: 200 }).map((days) => splitWallMs((start + days) * DAY_MS).date),
        { maxLength: 5 },
      ),
    }),
  );

/** Window of up to 93 days around the rule's start, at arbitrary hours. */
function windowFor(recurrence: RecurrenceRule): fc.Arbitrary<[number, number]> {
  const start = Date.parse(`${recurrence.start_date}T00:00:00Z`);
  return fc
    .tuple(fc.integer({ min: -10 * 24, max: 330 * 24 }), fc.integer({ min: 1, max: 93 * 24 }))
    .map(([fromHour, hours]) => [
      start + fromHour * 3_600_000,
      start + (fromHour + hours) * 3_600_000,
    ]);
}

function sortLikeExpansion(sessions: OracleSession[]): OracleSession[] {
  return sessions.sort((a, b) => a.start - b.start || (a.session_id < b.session_id ? -1 : 1));
}

function project(session: ExpandedSession): OracleSession & { end: number } {
  const { recurrence_id: _recurrence, ...rest } = session;
  return rest;
}

describe("expandSessions agrees with a naive Temporal expansion", () => {
  it("lists exactly the oracle's sessions in a random window", () => {
    const scenario = rule.chain((recurrence) =>
      fc.tuple(fc.constant(recurrence), windowFor(recurrence)),
    );
    fc.assert(
      fc.property(scenario, ([recurrence, [from, to]]) => {
        const lastDate = splitWallMs(to + 2 * DAY_MS).date;
        const expected = sortLikeExpansion(
          expandWithOracle(recurrence, lastDate).filter((s) => s.start >= from && s.start < to),
        ).map((s) => ({ ...s, end: s.start + DURATION * 60_000 }));
        const actual = expandSessions(recurrence, DURATION, from, to);
        expect(actual.map(project)).toEqual(expected);
        for (const session of actual) {
          expect(findSession(recurrence, DURATION, session.session_id)).toEqual(session);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("finds a session by id exactly when the oracle produces it", () => {
    const scenario = rule.chain((recurrence) =>
      fc.tuple(
        fc.constant(recurrence),
        fc.integer({ min: -3, max: 120 }),
        fc.constantFrom(...recurrence.session_templates.map((t) => t.start_time_of_day), "05:05"),
      ),
    );
    fc.assert(
      fc.property(scenario, ([recurrence, dayOffset, time]) => {
        const start = Date.parse(`${recurrence.start_date}T00:00:00Z`);
        const date = splitWallMs(start + dayOffset * DAY_MS).date;
        const id = `ses_PropTest0000000000_${date.replaceAll("-", "")}_${time.replace(":", "")}`;
        const produced = expandWithOracle(recurrence, date).some((s) => s.session_id === id);
        expect(findSession(recurrence, DURATION, id) !== null).toBe(produced);
      }),
      { numRuns: 150 },
    );
  });
});

const SWEEPS_WITH_TRANSITIONS = TRANSITION_SWEEPS.filter(
  (sweep) => sweep.expectedTransitions !== 0,
);

describe.each(SWEEPS_WITH_TRANSITIONS)(
  "no session lost, doubled or shifted: $zone from $from",
  ({ zone: tz, from, to }) => {
    const transitions = findTransitions(tz, from, to);
    // A template every 15 minutes, every day: each transition day must still yield all 96.
    const templates = Array.from({ length: 96 }, (_, index) => ({
      start_time_of_day: `${String(Math.floor(index / 4)).padStart(2, "0")}:${String((index % 4) * 15).padStart(2, "0")}`,
    }));

    it.each(transitions.map((at) => [new Date(at).toISOString(), at]))("at %s", (_label, at) => {
      const firstDate = splitWallMs(at - 2 * DAY_MS).date;
      const recurrence: RecurrenceRule = {
        id: "rec_Transition00000000",
        timezone: tz,
        start_date: firstDate,
        cadence: { frequency: "daily", interval: 1 },
        end_condition: { type: "count", count: 4 },
        session_templates: templates,
        excluded_dates: [],
      };
      const sessions = expandSessions(recurrence, DURATION, at - 4 * DAY_MS, at + 4 * DAY_MS);
      expect(sessions).toHaveLength(4 * 96);
      expect(new Set(sessions.map((s) => s.session_id)).size).toBe(4 * 96);
      const expected = sortLikeExpansion(
        expandWithOracle(recurrence, splitWallMs(at + 4 * DAY_MS).date),
      );
      expect(sessions.map((s) => [s.session_id, s.start, s.local_start])).toEqual(
        expected.map((s) => [s.session_id, s.start, s.local_start]),
      );
    });
  },
);
