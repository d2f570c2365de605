import { describe, expect, it } from "vitest";
import { expectFeedMatchesSlots, fetchExperienceFeed } from "../helpers/calendar";
import { createExperience, createRecurrence, keyRotation } from "../helpers/experiences";
import { createTenant } from "../helpers/tenants";

// Every rule starts in 2027 and is compared over all of 2027 (plus a few days either side).
const FROM = "2026-12-28";
const TO = "2028-01-05";

const RULES: Array<[string, Record<string, unknown>]> = [
  [
    "weekly every 2nd week, a Sunday-only template and two templates sharing 07:00 (New York)",
    {
      timezone: "America/New_York",
      start_date: "2027-01-06",
      cadence: { frequency: "weekly", interval: 2, days_of_week: [0, 1, 3] },
      session_templates: [
        { start_time_of_day: "02:30" },
        { start_time_of_day: "01:30", days_of_week: [0] },
        { start_time_of_day: "07:00", days_of_week: [1] },
        { start_time_of_day: "07:00", days_of_week: [3] },
      ],
    },
  ],
  [
    "weekly with a count, a narrowing template and excluded dates on a DST Sunday (Berlin)",
    {
      timezone: "Europe/Berlin",
      start_date: "2027-01-01",
      cadence: { frequency: "weekly", days_of_week: [0, 2, 4] },
      end_condition: { type: "count", count: 80 },
      excluded_dates: ["2027-03-28", "2027-05-04", "2027-10-31"],
      session_templates: [
        { start_time_of_day: "02:30", days_of_week: [0] },
        { start_time_of_day: "18:00" },
      ],
    },
  ],
  [
    "daily every 3rd day on weekdays until November, with exclusions (Sydney)",
    {
      timezone: "Australia/Sydney",
      start_date: "2027-01-02",
      cadence: { frequency: "daily", interval: 3, days_of_week: [1, 2, 3, 4, 5] },
      end_condition: { type: "date", until: "2027-11-30" },
      excluded_dates: ["2027-04-05", "2027-10-04"],
      session_templates: [{ start_time_of_day: "02:30" }, { start_time_of_day: "09:15" }],
    },
  ],
  [
    "daily every 2nd day with a count and a Saturday-only 23:30 (Santiago)",
    {
      timezone: "America/Santiago",
      start_date: "2027-01-01",
      cadence: { frequency: "daily", interval: 2 },
      end_condition: { type: "count", count: 170 },
      session_templates: [
        { start_time_of_day: "00:30" },
        { start_time_of_day: "23:30", days_of_week: [6] },
      ],
    },
  ],
  [
    "monthly on the 31st with a count: months without it are skipped (Kolkata)",
    {
      timezone: "Asia/Kolkata",
      start_date: "2027-01-15",
      cadence: { frequency: "monthly", day_of_month: 31 },
      end_condition: { type: "count", count: 6 },
      session_templates: [{ start_time_of_day: "05:45" }],
    },
  ],
  [
    "monthly on start_date's day, weekends only, until December (Chatham)",
    {
      timezone: "Pacific/Chatham",
      start_date: "2027-01-02",
      cadence: { frequency: "monthly", interval: 1 },
      end_condition: { type: "date", until: "2027-12-31" },
      session_templates: [{ start_time_of_day: "03:00", days_of_week: [0, 6] }],
    },
  ],
  [
    "every 3rd month on the 30th, never ending (Berlin)",
    {
      timezone: "Europe/Berlin",
      start_date: "2027-01-31",
      cadence: { frequency: "monthly", interval: 3, day_of_month: 30 },
      session_templates: [{ start_time_of_day: "02:30" }, { start_time_of_day: "12:00" }],
    },
  ],
];

describe("§13 experience feed: RRULE, COUNT/UNTIL, EXDATE and templates", () => {
  it.each(RULES)("%s", async (_name, recurrence) => {
    const tenant = await createTenant();
    const nextKey = keyRotation(tenant.orgId);
    const experience = await createExperience(await nextKey(), { duration_minutes: 45 });
    await createRecurrence(await nextKey(), experience.id, recurrence);
    const compared = await expectFeedMatchesSlots(experience.id, FROM, TO);
    // The sparsest rule (the 2nd of a month on a weekend) still meets three times in 2027.
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it("one VTIMEZONE per zone used, and paused recurrences are left out", async () => {
    const tenant = await createTenant();
    const nextKey = keyRotation(tenant.orgId);
    const experience = await createExperience(await nextKey());
    const weekdays = { frequency: "weekly", days_of_week: [1, 2, 3, 4, 5] };
    const york = { timezone: "America/New_York", start_date: "2027-03-01", cadence: weekdays };
    await createRecurrence(await nextKey(), experience.id, york);
    await createRecurrence(await nextKey(), experience.id, {
      ...york,
      timezone: "Asia/Kolkata",
      session_templates: [{ start_time_of_day: "19:30" }],
    });
    const paused = await createRecurrence(await nextKey(), experience.id, {
      ...york,
      timezone: "Europe/Berlin",
      status: "paused",
    });
    const feed = await fetchExperienceFeed(experience.id);
    expect(feed.match(/^TZID:[^\r]*/gm)).toEqual(["TZID:America/New_York", "TZID:Asia/Kolkata"]);
    expect(feed).not.toContain(paused.id);
    expect(await expectFeedMatchesSlots(experience.id, "2027-03-01", "2027-05-31")).toBe(2 * 66);
  });
});
