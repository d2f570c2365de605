import { Temporal } from "@js-temporal/polyfill";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  calendarDateInZone,
  formatLocalIso,
  startOfLocalDay,
  zonedWallTimeToUtc,
} from "../../../src/scheduling/time-zone";
import { getOffsetAt } from "../../../src/scheduling/zone-offsets";
import {
  findTransitions,
  formatWithTemporal,
  offsetWithTemporal,
  resolveWithTemporal,
} from "./oracle";
import { MINUTE_MS, splitWallMs, TRANSITION_SWEEPS, ZONES } from "./zones";

const zone = fc.constantFrom(...ZONES);
const from2025 = Date.UTC(2025, 0, 1);
const to2030 = Date.UTC(2030, 0, 1);
const wallMinute = fc
  .integer({ min: from2025 / MINUTE_MS, max: to2030 / MINUTE_MS - 1 })
  .map((minute) => minute * MINUTE_MS);
const instant = fc.integer({ min: from2025, max: to2030 });

describe("time-zone agrees with Temporal ('compatible' = the §8 DST policy)", () => {
  it("resolves random wall-clock times", () => {
    fc.assert(
      fc.property(zone, wallMinute, (tz, wallMs) => {
        const { date, time } = splitWallMs(wallMs);
        expect(zonedWallTimeToUtc(date, time, tz)).toBe(resolveWithTemporal(date, time, tz));
      }),
      { numRuns: 400 },
    );
  });

  it("formats random instants and reads their local date", () => {
    fc.assert(
      fc.property(zone, instant, (tz, at) => {
        const expected = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(tz);
        expect(formatLocalIso(at, tz)).toBe(formatWithTemporal(at, tz));
        expect(calendarDateInZone(at, tz)).toBe(expected.toPlainDate().toString());
      }),
      { numRuns: 400 },
    );
  });

  it("finds the first instant of random local dates", () => {
    fc.assert(
      fc.property(zone, wallMinute, (tz, wallMs) => {
        const { date } = splitWallMs(wallMs);
        const expected = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: tz });
        expect(startOfLocalDay(date, tz)).toBe(expected.epochMilliseconds);
      }),
      { numRuns: 200 },
    );
  });
});

// Transitions are found by scanning Temporal's offsets, not by our own tables.
describe.each(TRANSITION_SWEEPS)("every transition of $zone in the sweep from $from", (sweep) => {
  const tz = sweep.zone;
  const transitions = findTransitions(tz, sweep.from, sweep.to);

  it("finds the expected number of transitions", () => {
    if (sweep.expectedTransitions === null) expect(transitions.length).toBeGreaterThan(0);
    else expect(transitions.length).toBe(sweep.expectedTransitions);
  });

  it("switches offset at the same second as Temporal", () => {
    for (const at of transitions) {
      expect(getOffsetAt(tz, at - 1000)).toBe(offsetWithTemporal(at - 1000, tz));
      expect(getOffsetAt(tz, at)).toBe(offsetWithTemporal(at, tz));
    }
  });

  it("resolves and formats every 5 minutes within 3 hours of each transition", () => {
    const span = 3 * 60 * MINUTE_MS;
    for (const at of transitions) {
      const firstWall = at - span + offsetWithTemporal(at - span, tz);
      const lastWall = at + span + offsetWithTemporal(at + span, tz);
      for (
        let wall = firstWall - (firstWall % (5 * MINUTE_MS));
        wall <= lastWall;
        wall += 5 * MINUTE_MS
      ) {
        const { date, time } = splitWallMs(wall);
        expect(zonedWallTimeToUtc(date, time, tz)).toBe(resolveWithTemporal(date, time, tz));
      }
      for (let moment = at - span; moment <= at + span; moment += 5 * MINUTE_MS) {
        expect(formatLocalIso(moment, tz)).toBe(formatWithTemporal(moment, tz));
      }
    }
  });
});
