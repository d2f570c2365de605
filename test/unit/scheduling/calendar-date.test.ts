import { Temporal } from "@js-temporal/polyfill";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  convertDateToEpochDay,
  convertEpochDayToDate,
  countDaysBetween,
  getMonthIndex,
  getWeekday,
  isValidDate,
} from "../../../src/scheduling/calendar-date";

describe("isValidDate", () => {
  it.each(["2027-01-01", "2028-02-29", "2000-02-29", "9999-12-31", "1970-01-01"])(
    "accepts %s",
    (date) => {
      expect(isValidDate(date)).toBe(true);
    },
  );

  it.each([
    "2027-02-29",
    "1900-02-29",
    "2027-13-01",
    "2027-00-10",
    "2027-04-31",
    "2027-1-01",
    "20270101",
    "",
    "2027-01-01T00:00",
  ])("rejects %j", (date) => {
    expect(isValidDate(date)).toBe(false);
  });
});

describe("date arithmetic", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(countDaysBetween("2027-01-01", "2028-01-01")).toBe(365);
    expect(countDaysBetween("2028-01-01", "2027-01-01")).toBe(-365);
  });

  it("numbers weekdays from Sunday = 0", () => {
    expect(getWeekday("2027-01-03")).toBe(0); // Sunday
    expect(getWeekday("2027-01-04")).toBe(1); // Monday
    expect(getWeekday("1970-01-01")).toBe(4); // Thursday
  });

  it("adds months without clamping: a missing day is null", () => {
    expect(addMonths("2027-01-31", 1)).toBeNull();
    expect(addMonths("2027-01-31", 2)).toBe("2027-03-31");
    expect(addMonths("2028-02-29", 12)).toBeNull();
    expect(addMonths("2028-02-29", 48)).toBe("2032-02-29");
    expect(addMonths("2027-11-15", -12)).toBe("2026-11-15");
    expect(getMonthIndex("2028-01-01") - getMonthIndex("2027-12-31")).toBe(1);
  });

  it("agrees with Temporal on epoch days and weekdays", () => {
    const day = fc.integer({ min: -719_528, max: 2_932_896 }); // 0000-01-01 … 9999-12-31
    fc.assert(
      fc.property(day, (epochDay) => {
        const expected = Temporal.PlainDate.from("1970-01-01").add({ days: epochDay });
        const date = convertEpochDayToDate(epochDay);
        expect(date).toBe(expected.toString());
        expect(convertDateToEpochDay(date)).toBe(epochDay);
        expect(getWeekday(date)).toBe(expected.dayOfWeek % 7);
      }),
      { numRuns: 500 },
    );
  });
});
