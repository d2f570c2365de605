import { describe, expect, it } from "vitest";
import { expectFeedMatchesSlots } from "../helpers/calendar";
import { createExperience, createRecurrence, keyRotation } from "../helpers/experiences";
import { FEED_ZONES } from "../helpers/feed-zones";
import { createTenant } from "../helpers/tenants";

// Each zone's 2027 transitions fall on these wall times: New York 02:00 gap / 01:00 repeat,
// Berlin 02:00 / 02:00, Sydney 02:00 / 02:00, Santiago skips 00:00 and repeats 23:00
// (Saturday night), Chatham 02:45 / 02:45; Kolkata (+05:30) has none.
const CRITICAL_TIMES = ["00:30", "01:30", "02:30", "03:00", "23:30"];

describe("§13 experience feed across 2027's transitions", () => {
  it.each(FEED_ZONES)("a daily rule in %s expands to exactly the slots", async (timezone) => {
    const tenant = await createTenant(timezone);
    const nextKey = keyRotation(tenant.orgId);
    const experience = await createExperience(await nextKey(), { duration_minutes: 90 });
    await createRecurrence(await nextKey(), experience.id, {
      timezone,
      start_date: "2027-01-01",
      cadence: { frequency: "daily", interval: 1 },
      end_condition: { type: "date", until: "2027-12-31" },
      session_templates: CRITICAL_TIMES.map((time) => ({ start_time_of_day: time })),
    });
    const compared = await expectFeedMatchesSlots(experience.id, "2026-12-30", "2028-01-02");
    expect(compared).toBe(365 * CRITICAL_TIMES.length);
  });
});
