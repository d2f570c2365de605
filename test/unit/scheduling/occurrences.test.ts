import { describe, expect, it } from "vitest";
import { listOccurrenceDates } from "../../../src/scheduling/occurrences";
import type { Cadence, EndCondition, OccurrenceRule } from "../../../src/scheduling/types";

const NEVER: EndCondition = { type: "never" };

function rule(startDate: string, cadence: Cadence, endCondition = NEVER): OccurrenceRule {
  return { start_date: startDate, cadence, end_condition: endCondition };
}

describe("weekly cadence", () => {
  it("starts weeks on Monday: a Sunday start_date ends week 0", () => {
    // 2027-01-03 is a Sunday; week 0 is Mon 2026-12-28 … Sun 2027-01-03.
    const weekly = rule("2027-01-03", { frequency: "weekly", interval: 2, days_of_week: [0, 1] });
    expect(listOccurrenceDates(weekly, "2026-12-01", "2027-01-31")).toEqual([
      "2027-01-03",
      "2027-01-11",
      "2027-01-17",
      "2027-01-25",
      "2027-01-31",
    ]);
  });

  it("skips inactive weeks of the interval even when the window starts inside one", () => {
    const weekly = rule("2027-01-04", { frequency: "weekly", interval: 3, days_of_week: [3] });
    expect(listOccurrenceDates(weekly, "2027-01-07", "2027-02-28")).toEqual([
      "2027-01-27",
      "2027-02-17",
    ]);
  });

  it("jumps straight to a window years later", () => {
    const weekly = rule("2027-01-04", { frequency: "weekly", interval: 2, days_of_week: [1] });
    // Monday 2031-01-06 is 1463 days = 209 weeks after 2027-01-04: an odd, inactive week.
    expect(listOccurrenceDates(weekly, "2031-01-01", "2031-01-27")).toEqual([
      "2031-01-13",
      "2031-01-27",
    ]);
  });
});

describe("daily cadence", () => {
  it("steps by the interval from start_date, then filters by weekday", () => {
    const daily = rule("2027-01-04", { frequency: "daily", interval: 3, days_of_week: [1, 3, 5] });
    expect(listOccurrenceDates(daily, "2027-01-01", "2027-01-25")).toEqual([
      "2027-01-04",
      "2027-01-13",
      "2027-01-22",
      "2027-01-25",
    ]);
  });

  it("treats null or empty days as every day", () => {
    const daily = rule("2027-01-30", { frequency: "daily", interval: 1, days_of_week: null });
    expect(listOccurrenceDates(daily, "2027-01-01", "2027-02-02")).toEqual([
      "2027-01-30",
      "2027-01-31",
      "2027-02-01",
      "2027-02-02",
    ]);
  });
});

describe("monthly cadence", () => {
  it("skips months without the 31st instead of clamping", () => {
    const monthly = rule("2027-01-31", { frequency: "monthly", interval: 1 });
    expect(listOccurrenceDates(monthly, "2027-01-01", "2027-12-31")).toEqual([
      "2027-01-31",
      "2027-03-31",
      "2027-05-31",
      "2027-07-31",
      "2027-08-31",
      "2027-10-31",
      "2027-12-31",
    ]);
  });

  it("keeps 29 February only in leap years", () => {
    const monthly = rule("2027-01-10", { frequency: "monthly", interval: 1, day_of_month: 29 });
    const dates = listOccurrenceDates(monthly, "2027-01-01", "2028-03-31");
    expect(dates).not.toContain("2027-02-28");
    expect(dates.filter((date) => date.slice(5, 7) === "02")).toEqual(["2028-02-29"]);
    expect(dates[0]).toBe("2027-01-29");
  });

  it("counts months from the month of start_date and never goes before it", () => {
    const monthly = rule("2027-01-20", { frequency: "monthly", interval: 3, day_of_month: 10 });
    expect(listOccurrenceDates(monthly, "2027-01-01", "2027-12-31")).toEqual([
      "2027-04-10",
      "2027-07-10",
      "2027-10-10",
    ]);
  });
});

describe("end conditions", () => {
  it("includes the until date", () => {
    const daily = rule(
      "2027-01-04",
      { frequency: "daily", interval: 1 },
      { type: "date", until: "2027-01-10" },
    );
    const dates = listOccurrenceDates(daily, "2027-01-01", "2027-12-31");
    expect(dates).toHaveLength(7);
    expect(dates.at(-1)).toBe("2027-01-10");
  });

  it("counts occurrence dates from start_date whatever the window", () => {
    const weekly = rule(
      "2027-01-04",
      { frequency: "weekly", interval: 1, days_of_week: [1, 4] },
      { type: "count", count: 5 },
    );
    expect(listOccurrenceDates(weekly, "2027-01-12", "2030-01-01")).toEqual([
      "2027-01-14",
      "2027-01-18",
    ]);
    expect(listOccurrenceDates(weekly, "2027-02-01", "2030-01-01")).toEqual([]);
  });

  it("stops scanning at the window when the cadence can never reach its count", () => {
    // Month 0 and every 12th month after are Februaries without a 30th.
    const never = rule(
      "2027-02-01",
      { frequency: "monthly", interval: 12, day_of_month: 30 },
      { type: "count", count: 1000 },
    );
    expect(listOccurrenceDates(never, "2027-01-01", "2099-12-31")).toEqual([]);
  });
});
