import { describe, expect, it } from "vitest";
import { parseOffsetDateTime } from "../../../src/scheduling/iso-instant";

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
