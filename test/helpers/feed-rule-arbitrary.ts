// Random recurrences valid under §6 (template days within the cadence's, a shared time only on
// disjoint days), starting in 2027, for the feed property tests.
import fc from "fast-check";
import type {
  Cadence,
  EndCondition,
  RecurrenceRule,
  SessionTemplate,
} from "../../src/scheduling/types";
import { FEED_ZONES } from "./feed-zones";

// Lord Howe's DST is 30 minutes; St John's is -03:30 with DST.
const ZONES = [...FEED_ZONES, "Australia/Lord_Howe", "America/St_Johns"];

const pad = (n: number) => String(n).padStart(2, "0");
const dateOf = (dayOfYear: number) =>
  new Date(Date.UTC(2027, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
const days = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 });
// Night hours are over-weighted: the zones' transitions are there.
const time = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })),
    fc.constantFrom(0, 30, 45),
  )
  .map(([h, m]) => `${pad(h)}:${pad(m)}`);

const cadence: fc.Arbitrary<Cadence> = fc.oneof(
  fc.record({
    frequency: fc.constant("weekly" as const),
    interval: fc.integer({ min: 1, max: 4 }),
    days_of_week: days,
  }),
  fc.record({
    frequency: fc.constant("daily" as const),
    interval: fc.integer({ min: 1, max: 9 }),
    days_of_week: fc.option(days, { nil: null }),
  }),
  fc.record({
    frequency: fc.constant("monthly" as const),
    interval: fc.integer({ min: 1, max: 3 }),
    day_of_month: fc.option(fc.integer({ min: 1, max: 31 }), { nil: null }),
  }),
);

/** An end on or after the start date (§6), or a count of occurrence dates. */
function endCondition(startDay: number): fc.Arbitrary<EndCondition> {
  return fc.oneof(
    fc.constant({ type: "never" as const }),
    fc
      .integer({ min: startDay, max: startDay + 300 })
      .map((day) => ({ type: "date" as const, until: dateOf(day) })),
    fc.integer({ min: 1, max: 120 }).map((count) => ({ type: "count" as const, count })),
  );
}

/** §6 templates: days within the cadence's; a shared time only on disjoint days. */
function templatesFor(ruleCadence: Cadence): fc.Arbitrary<SessionTemplate[]> {
  const allowed = ruleCadence.frequency === "monthly" ? null : (ruleCadence.days_of_week ?? null);
  const pool = allowed ?? [0, 1, 2, 3, 4, 5, 6];
  const subset = fc.subarray(pool, { minLength: 1 });
  const template = fc.record({
    start_time_of_day: time,
    days_of_week: fc.option(subset, { nil: null }),
  });
  return fc
    .tuple(
      fc.uniqueArray(template, {
        minLength: 1,
        maxLength: 4,
        selector: (t) => t.start_time_of_day,
      }),
      fc.boolean(),
    )
    .map(([templates, split]) => {
      const [first, ...rest] = templates as [SessionTemplate, ...SessionTemplate[]];
      if (!split || pool.length < 2) return templates;
      const half = Math.ceil(pool.length / 2);
      return [
        { ...first, days_of_week: pool.slice(0, half) },
        { ...first, days_of_week: pool.slice(half) },
        ...rest,
      ];
    });
}

export const feedRule: fc.Arbitrary<RecurrenceRule> = fc
  .tuple(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 200 }), cadence)
  .chain(([timezone, startDay, ruleCadence]) =>
    fc.record({
      id: fc.constant("rec_FeedProperty00000000"),
      timezone: fc.constant(timezone),
      start_date: fc.constant(dateOf(startDay)),
      cadence: fc.constant(ruleCadence),
      end_condition: endCondition(startDay),
      session_templates: templatesFor(ruleCadence),
      excluded_dates: fc.uniqueArray(
        fc.integer({ min: startDay, max: startDay + 150 }).map(dateOf),
        {
          maxLength: 6,
        },
      ),
    }),
  );
