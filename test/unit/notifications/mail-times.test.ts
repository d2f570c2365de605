import { describe, expect, it } from "vitest";
import { formatInstant, formatSessionTime } from "../../../src/notifications/mail-templates";

// §17: mail times are in the session's zone with the offset named. The expected texts follow
// from each zone's rules (transition instants noted), not from the code under test.
describe("formatSessionTime", () => {
  it.each([
    // Kolkata: +05:30 all year (a half-hour offset).
    [
      "Asia/Kolkata",
      "2026-12-01T01:30:00Z",
      "2026-12-01T02:30:00Z",
      "Tuesday, 1 December 2026, 07:00–08:00 (Asia/Kolkata, GMT+05:30)",
    ],
    // Sydney in southern summer: +11:00.
    [
      "Australia/Sydney",
      "2026-11-30T20:00:00Z",
      "2026-11-30T21:00:00Z",
      "Tuesday, 1 December 2026, 07:00–08:00 (Australia/Sydney, GMT+11:00)",
    ],
    // Chatham: +13:45 in summer.
    [
      "Pacific/Chatham",
      "2026-12-01T07:00:00Z",
      "2026-12-01T08:00:00Z",
      "Tuesday, 1 December 2026, 20:45–21:45 (Pacific/Chatham, GMT+13:45)",
    ],
    [
      "UTC",
      "2026-12-01T07:00:00Z",
      "2026-12-01T08:00:00Z",
      "Tuesday, 1 December 2026, 07:00–08:00 (UTC, GMT+00:00)",
    ],
  ])("names the zone and its offset: %s", (zone, start, end, expected) => {
    expect(formatSessionTime(Date.parse(start), Date.parse(end), zone)).toBe(expected);
  });

  it.each([
    // Berlin springs forward at 01:00Z on 29 March 2026 (02:00 CET → 03:00 CEST).
    [
      "Europe/Berlin",
      "2026-03-29T00:30:00Z",
      "2026-03-29T01:30:00Z",
      "Sunday, 29 March 2026, 01:30 GMT+01:00–03:30 GMT+02:00 (Europe/Berlin)",
    ],
    // New York falls back at 06:00Z on 1 November 2026: 01:30 happens twice, an hour apart.
    [
      "America/New_York",
      "2026-11-01T05:30:00Z",
      "2026-11-01T06:30:00Z",
      "Sunday, 1 November 2026, 01:30 GMT-04:00–01:30 GMT-05:00 (America/New_York)",
    ],
    // Sydney springs forward at 16:00Z on 3 October 2026 (02:00 AEST → 03:00 AEDT).
    [
      "Australia/Sydney",
      "2026-10-03T15:30:00Z",
      "2026-10-03T16:30:00Z",
      "Sunday, 4 October 2026, 01:30 GMT+10:00–03:30 GMT+11:00 (Australia/Sydney)",
    ],
    // Santiago skips midnight: 6 September 2026 00:00 (-04:00) becomes 01:00 (-03:00).
    [
      "America/Santiago",
      "2026-09-06T03:30:00Z",
      "2026-09-06T04:30:00Z",
      "Saturday, 5 September 2026, 23:30 GMT-04:00–01:30 GMT-03:00 (America/Santiago)",
    ],
  ])("names both offsets of a session across a DST change: %s", (zone, start, end, expected) => {
    expect(formatSessionTime(Date.parse(start), Date.parse(end), zone)).toBe(expected);
  });
});

describe("formatInstant", () => {
  it.each([
    [
      "Asia/Kolkata",
      "2026-11-29T01:30:00Z",
      "Sunday, 29 November 2026, 07:00 (Asia/Kolkata, GMT+05:30)",
    ],
    [
      "America/New_York",
      "2026-11-01T06:30:00Z",
      "Sunday, 1 November 2026, 01:30 (America/New_York, GMT-05:00)",
    ],
    [
      "Europe/London",
      "2026-12-01T09:00:00Z",
      "Tuesday, 1 December 2026, 09:00 (Europe/London, GMT+00:00)",
    ],
  ])("names the zone and the offset of the moment: %s %s", (zone, instant, expected) => {
    expect(formatInstant(Date.parse(instant), zone)).toBe(expected);
  });
});
