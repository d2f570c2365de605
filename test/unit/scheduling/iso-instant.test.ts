import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatUtcIso, parseOffsetDateTime } from "../../../src/scheduling/iso-instant";

describe("parseOffsetDateTime", () => {
  it.each([
    ["2026-12-01T10:00:00Z", "2026-12-01T10:00:00.000Z"],
    ["2026-12-01T10:00Z", "2026-12-01T10:00:00.000Z"],
    ["2026-12-01t10:00:00z", "2026-12-01T10:00:00.000Z"],
    ["2026-12-01 10:00:00+01:00", "2026-12-01T09:00:00.000Z"],
    ["2026-12-01T10:00:00.250+05:30", "2026-12-01T04:30:00.250Z"],
    ["2026-12-01T10:00:00+0530", "2026-12-01T04:30:00.000Z"],
    ["2026-12-01T01:00:00-03:30", "2026-12-01T04:30:00.000Z"],
    ["2024-02-29T23:59:59+14:00", "2024-02-29T09:59:59.000Z"],
  ])("reads %s as %s", (input, expected) => {
    const instant = parseOffsetDateTime(input);
    expect(instant).not.toBeNull();
    expect(new Date(instant as number).toISOString()).toBe(expected);
  });

  it.each([
    "2026-12-01",
    "2026-12-01T10:00:00",
    "2026-02-30T10:00:00Z",
    "2026-12-01T24:00:00Z",
    "2026-12-01T10:60Z",
    "2026-12-01T10:00:00+25:00",
    "Tue, 01 Dec 2026 10:00:00 GMT",
    "",
  ])("rejects %j", (input) => {
    expect(parseOffsetDateTime(input)).toBeNull();
  });
});

describe("formatUtcIso", () => {
  const YEAR_0 = -62167219200000; // 0000-01-01T00:00:00.000Z
  const YEAR_10000 = 253402300800000;

  it("prints what Date#toISOString prints, for any millisecond of years 0000–9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: YEAR_0, max: YEAR_10000 - 1 }), (epochMs) => {
        expect(formatUtcIso(epochMs)).toBe(new Date(epochMs).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it("stays exact across consecutive calls on the same and on neighbouring days", () => {
    const start = Date.UTC(2026, 11, 31, 23, 0);
    for (let ms = start; ms < start + 2 * 3_600_000; ms += 7 * 60_000 + 13_001) {
      expect(formatUtcIso(ms)).toBe(new Date(ms).toISOString());
      expect(formatUtcIso(ms - (ms % 60_000))).toBe(new Date(ms - (ms % 60_000)).toISOString());
    }
  });

  it("falls back to Date beyond year 9999 and for fractions", () => {
    expect(formatUtcIso(YEAR_10000)).toBe("+010000-01-01T00:00:00.000Z");
    expect(formatUtcIso(YEAR_0 - 1)).toBe(new Date(YEAR_0 - 1).toISOString());
    expect(formatUtcIso(1.5)).toBe("1970-01-01T00:00:00.001Z");
  });
});
