import { describe, expect, it } from "vitest";
import {
  calendarDateInZone,
  canonicalTimeZoneName,
  formatLocalIso,
  isValidTimeZone,
  startOfLocalDay,
  todayInZone,
  zonedWallTimeToUtc,
} from "../../../src/scheduling/time-zone";

const iso = (instantMs: number) => new Date(instantMs).toISOString();

describe("isValidTimeZone", () => {
  it.each(["UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "Etc/GMT+5"])(
    "accepts the IANA name %s",
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(true);
    },
  );

  it.each([
    "",
    "+01:00",
    "-05:00",
    "GMT+01:00",
    "Mars/Olympus",
    "Europe/Berlin ",
    "not a zone",
    "../x",
  ])("rejects %j", (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe("zonedWallTimeToUtc", () => {
  it.each([
    // [zone, date, time, expected instant, why]
    [
      "America/New_York",
      "2027-03-14",
      "02:30",
      "2027-03-14T07:30:00.000Z",
      "gap: moves to 03:30 EDT",
    ],
    ["America/New_York", "2027-11-07", "01:30", "2027-11-07T05:30:00.000Z", "overlap: earlier EDT"],
    ["Australia/Sydney", "2027-10-03", "02:30", "2027-10-02T16:30:00.000Z", "gap: 03:30 AEDT"],
    [
      "Australia/Sydney",
      "2027-04-04",
      "02:30",
      "2027-04-03T15:30:00.000Z",
      "overlap: earlier AEDT",
    ],
    ["Asia/Kolkata", "2027-01-01", "09:00", "2027-01-01T03:30:00.000Z", "+05:30, no DST"],
    ["Australia/Lord_Howe", "2026-10-04", "02:15", "2026-10-03T15:45:00.000Z", "30-minute gap"],
    ["Australia/Lord_Howe", "2027-04-04", "01:45", "2027-04-03T14:45:00.000Z", "30-minute overlap"],
    ["America/St_Johns", "2027-03-14", "02:30", "2027-03-14T06:00:00.000Z", "gap at -03:30"],
    [
      "America/St_Johns",
      "2027-11-07",
      "01:30",
      "2027-11-07T04:00:00.000Z",
      "overlap: earlier -02:30",
    ],
    ["America/Santiago", "2026-09-06", "00:00", "2026-09-06T04:00:00.000Z", "midnight skipped"],
    ["America/Santiago", "2027-09-05", "00:30", "2027-09-05T04:30:00.000Z", "midnight skipped"],
    [
      "America/Santiago",
      "2027-04-03",
      "23:30",
      "2027-04-04T02:30:00.000Z",
      "overlap before midnight",
    ],
    ["Pacific/Apia", "2027-01-01", "00:00", "2026-12-31T11:00:00.000Z", "+13:00"],
    ["Pacific/Apia", "2011-12-30", "10:00", "2011-12-30T20:00:00.000Z", "a whole skipped date"],
    ["Europe/Berlin", "2027-03-28", "02:30", "2027-03-28T01:30:00.000Z", "gap: 03:30 CEST"],
    ["Europe/Berlin", "2027-10-31", "02:30", "2027-10-31T00:30:00.000Z", "overlap: earlier CEST"],
    ["Europe/Berlin", "2027-07-01", "09:00", "2027-07-01T07:00:00.000Z", "summer"],
    ["UTC", "2027-10-31", "02:30", "2027-10-31T02:30:00.000Z", "UTC"],
  ])("%s %s %s is %s (%s)", (zone, date, time, expected) => {
    expect(iso(zonedWallTimeToUtc(date, time, zone))).toBe(expected);
  });

  it("rejects malformed dates and times", () => {
    expect(() => zonedWallTimeToUtc("2027-02-29", "09:00", "UTC")).toThrow(RangeError);
    expect(() => zonedWallTimeToUtc("2027-01-01", "24:00", "UTC")).toThrow(RangeError);
    expect(() => zonedWallTimeToUtc("2027-01-01", "9:00", "UTC")).toThrow(RangeError);
  });
});

describe("formatLocalIso", () => {
  it.each([
    ["2026-12-01T06:00:00.000Z", "Europe/Berlin", "2026-12-01T07:00:00.000+01:00"],
    ["2027-07-01T07:00:00.123Z", "Europe/Berlin", "2027-07-01T09:00:00.123+02:00"],
    ["2027-01-01T03:30:00.000Z", "Asia/Kolkata", "2027-01-01T09:00:00.000+05:30"],
    ["2027-03-14T06:00:00.000Z", "America/St_Johns", "2027-03-14T03:30:00.000-02:30"],
    ["2027-03-14T05:29:59.999Z", "America/St_Johns", "2027-03-14T01:59:59.999-03:30"],
    ["2027-11-07T05:30:00.000Z", "America/New_York", "2027-11-07T01:30:00.000-04:00"],
    ["2027-11-07T06:30:00.000Z", "America/New_York", "2027-11-07T01:30:00.000-05:00"],
    ["2026-10-03T15:45:00.000Z", "Australia/Lord_Howe", "2026-10-04T02:45:00.000+11:00"],
    ["2027-05-01T00:00:00.000Z", "UTC", "2027-05-01T00:00:00.000+00:00"],
  ])("shows %s in %s as %s", (instant, zone, expected) => {
    expect(formatLocalIso(Date.parse(instant), zone)).toBe(expected);
  });
});

describe("calendarDateInZone and todayInZone", () => {
  it("changes date at local midnight, not at UTC midnight", () => {
    expect(calendarDateInZone(Date.parse("2027-01-01T18:29:59.999Z"), "Asia/Kolkata")).toBe(
      "2027-01-01",
    );
    expect(calendarDateInZone(Date.parse("2027-01-01T18:30:00.000Z"), "Asia/Kolkata")).toBe(
      "2027-01-02",
    );
    expect(calendarDateInZone(Date.parse("2027-01-01T03:00:00.000Z"), "America/New_York")).toBe(
      "2026-12-31",
    );
  });

  it("reads today in the given zone", () => {
    const now = Date.parse("2026-12-31T11:30:00.000Z");
    expect(todayInZone("Pacific/Apia", now)).toBe("2027-01-01");
    expect(todayInZone("UTC", now)).toBe("2026-12-31");
    expect(todayInZone("America/St_Johns", now)).toBe("2026-12-31");
  });
});

describe("startOfLocalDay", () => {
  it("is local midnight on ordinary and transition days", () => {
    expect(iso(startOfLocalDay("2027-03-28", "Europe/Berlin"))).toBe("2027-03-27T23:00:00.000Z");
    expect(iso(startOfLocalDay("2027-03-29", "Europe/Berlin"))).toBe("2027-03-28T22:00:00.000Z");
    expect(iso(startOfLocalDay("2027-04-04", "Australia/Sydney"))).toBe("2027-04-03T13:00:00.000Z");
  });

  it("starts at 01:00 where the zone skips midnight (America/Santiago)", () => {
    const start = startOfLocalDay("2026-09-06", "America/Santiago");
    expect(iso(start)).toBe("2026-09-06T04:00:00.000Z");
    expect(formatLocalIso(start, "America/Santiago")).toBe("2026-09-06T01:00:00.000-03:00");
    expect(calendarDateInZone(start - 1, "America/Santiago")).toBe("2026-09-05");
  });
});

describe("canonicalTimeZoneName", () => {
  it.each([
    ["europe/berlin", "Europe/Berlin"],
    ["AMERICA/NEW_YORK", "America/New_York"],
    ["utc", "UTC"],
    ["Europe/Berlin", "Europe/Berlin"],
    ["Asia/Kolkata", "Asia/Kolkata"],
  ])("spells %s as %s", (input, expected) => {
    expect(canonicalTimeZoneName(input)).toBe(expected);
  });
});
