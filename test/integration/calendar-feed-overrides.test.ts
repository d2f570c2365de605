import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectFeedMatchesSlots, fetchExperienceFeed } from "../helpers/calendar";
import { createExperience, createRecurrence, keyRotation } from "../helpers/experiences";
import { parseFeed } from "../helpers/ical-expansion";
import {
  bookingBody,
  bookOk,
  patchExperience,
  patchRecurrence,
  sessionIdOf,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

const OPEN_WINDOW = {
  booking_window: { min_hours_before: 0, max_days_ahead: 730 },
  cancellation_policy: { refundable_until_hours_before: 0 },
};
// Mondays and Wednesdays of March to June 2027: 36 sessions.
const MARCH_TO_JUNE = ["2027-02-20", "2027-07-05"] as const;

async function bookedWeeklyExperience() {
  const tenant = await createTenant();
  const nextKey = keyRotation(tenant.orgId);
  const experience = await createExperience(await nextKey(), {
    scheduling_rules: OPEN_WINDOW,
    required_contact_method: "none",
  });
  const recurrence = await createRecurrence(await nextKey(), experience.id, {
    timezone: "Europe/Berlin",
    start_date: "2027-03-01",
    cadence: { frequency: "weekly", days_of_week: [1, 3] },
    end_condition: { type: "date", until: "2027-06-30" },
    session_templates: [{ start_time_of_day: "07:00" }],
  });
  const booked = ["2027-03-01", "2027-03-03", "2027-03-29"].map((date) =>
    sessionIdOf(recurrence.id, date, "07:00"),
  );
  for (const sessionId of booked) {
    await bookOk(await nextKey(), experience.id, bookingBody(sessionId));
  }
  return { nextKey, experienceId: experience.id as string, recurrenceId: recurrence.id, booked };
}

const propertyOf = (feed: string, name: string) =>
  [...feed.matchAll(new RegExp(`^${name}[:;]([^\\r]*)`, "gm"))].map((m) => m[1]);

describe("§13 feed overrides for materialized sessions", () => {
  it("keeps a booked session at its instant when the zone changes: an override with RECURRENCE-ID", async () => {
    const { nextKey, experienceId, recurrenceId } = await bookedWeeklyExperience();
    const before = await fetchExperienceFeed(experienceId);
    await patchRecurrence(await nextKey(), experienceId, recurrenceId, {
      timezone: "America/New_York",
    });
    const after = await fetchExperienceFeed(experienceId);

    const uid = `${recurrenceId}-0700@api.test`;
    expect(propertyOf(before, "UID")).toEqual([uid]);
    expect(propertyOf(after, "UID")).toEqual([uid, uid, uid, uid]);
    expect(propertyOf(after, "RECURRENCE-ID")).toEqual([
      "TZID=America/New_York:20270301T070000",
      "TZID=America/New_York:20270303T070000",
      "TZID=America/New_York:20270329T070000",
    ]);
    // SEQUENCE counts the edits of the recurrence and its experience, however close together.
    expect(propertyOf(before, "SEQUENCE")).toEqual(["0"]);
    expect(propertyOf(after, "SEQUENCE")[0]).toBe("1");
    await patchExperience(await nextKey(), experienceId, { name: "Renamed right away" });
    expect(propertyOf(await fetchExperienceFeed(experienceId), "SEQUENCE")[0]).toBe("2");
    expect(await expectFeedMatchesSlots(experienceId, ...MARCH_TO_JUNE)).toBe(36);
  });

  it("overrides the end of booked sessions when the experience's duration changes", async () => {
    const { nextKey, experienceId } = await bookedWeeklyExperience();
    await patchExperience(await nextKey(), experienceId, { duration_minutes: 90 });
    const feed = await fetchExperienceFeed(experienceId);
    expect(propertyOf(feed, "RECURRENCE-ID")).toHaveLength(3);
    expect(propertyOf(feed, "DURATION")).toEqual(["PT90M"]);
    expect(propertyOf(feed, "DTEND")).toEqual([
      "20270301T070000Z",
      "20270303T070000Z",
      "20270329T060000Z",
    ]);
    expect(await expectFeedMatchesSlots(experienceId, ...MARCH_TO_JUNE)).toBe(36);
  });

  it("gives a booked session the rule no longer produces a VEVENT of its own", async () => {
    const { nextKey, experienceId, recurrenceId, booked } = await bookedWeeklyExperience();
    await patchRecurrence(await nextKey(), experienceId, recurrenceId, {
      excluded_dates: ["2027-03-03", "2027-04-05"],
      session_templates: [
        { start_time_of_day: "07:00", days_of_week: [1] },
        { start_time_of_day: "18:00", days_of_week: [3] },
      ],
    });
    const feed = await fetchExperienceFeed(experienceId);
    expect(propertyOf(feed, "UID").sort()).toEqual(
      [
        `${recurrenceId}-0700@api.test`,
        `${recurrenceId}-1800@api.test`,
        `${booked[1]}@api.test`,
      ].sort(),
    );
    expect(propertyOf(feed, "EXDATE")).toEqual([
      "TZID=Europe/Berlin:20270405T070000",
      "TZID=Europe/Berlin:20270303T180000",
    ]);
    expect(await expectFeedMatchesSlots(experienceId, ...MARCH_TO_JUNE)).toBe(35);
  });

  it("marks a cancelled session STATUS:CANCELLED on its own occurrence (§15)", async () => {
    const { experienceId, recurrenceId, booked } = await bookedWeeklyExperience();
    // The §15 cancel route is another feature; the feed reads the session's stored status.
    const now = Date.now();
    await env.DB.prepare(
      "UPDATE sessions SET status = 'cancelled', cancelled_at = ?1, updated_at = ?1 WHERE id = ?2",
    )
      .bind(now, booked[2])
      .run();
    const feed = await fetchExperienceFeed(experienceId);
    expect(propertyOf(feed, "RECURRENCE-ID")).toEqual(["TZID=Europe/Berlin:20270329T070000"]);
    const instances = parseFeed(feed).instancesBetween(
      Date.parse("2027-03-01T00:00:00Z"),
      Date.parse("2027-04-01T00:00:00Z"),
    );
    expect(instances).toHaveLength(10);
    const cancelled = instances.filter((instance) => instance.status === "CANCELLED");
    expect(cancelled).toEqual([
      {
        uid: `${recurrenceId}-0700@api.test`,
        start: Date.parse("2027-03-29T05:00:00Z"),
        end: Date.parse("2027-03-29T06:00:00Z"),
        status: "CANCELLED",
      },
    ]);
  });
});
