import { beforeAll, describe, expect, it } from "vitest";
import {
  createBookableExperience,
  DAY_MS,
  freshKey,
  HOUR_MS,
  rejectionOf,
  services,
  sessionIdOf,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

// A fixed session far from real time: the clock is the `now` handed to the service.
const START = Date.UTC(2030, 0, 7, 7);
const SESSION_DATE = "2030-01-07";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

async function experienceWithWindow(min_hours_before: number, max_days_ahead: number) {
  const created = await createBookableExperience({
    key: await freshKey(orgId),
    experience: {
      scheduling_rules: {
        booking_window: { min_hours_before, max_days_ahead },
        cancellation_policy: { refundable_until_hours_before: 24 },
      },
    },
    recurrence: { start_date: "2030-01-01" },
  });
  return { ...created, sessionId: sessionIdOf(created.recurrenceId, SESSION_DATE, "07:00") };
}

describe("booking window edges (controlled clock)", () => {
  it.each<[string, number, number, number, string | null]>([
    ["exactly min_hours_before ahead is allowed", 5, 10, START - 5 * HOUR_MS, null],
    ["1 ms less than min_hours_before is too_soon", 5, 10, START - 5 * HOUR_MS + 1, "too_soon"],
    ["exactly max_days_ahead × 24 h ahead is allowed", 5, 10, START - 10 * DAY_MS, null],
    ["1 ms more than max_days_ahead × 24 h is too_far", 5, 10, START - 10 * DAY_MS - 1, "too_far"],
    ["a start exactly now is past", 0, 10, START, "past"],
    ["a start 1 ms ago is past", 0, 10, START + 1, "past"],
    ["a session that has ended is past", 5, 10, START + 2 * HOUR_MS, "past"],
    ["1 ms ahead is allowed when min_hours_before is 0", 0, 10, START - 1, null],
    ["past wins over too_soon", 5, 10, START + 1, "past"],
  ])("%s", async (_label, minHours, maxDays, now, reason) => {
    const { experienceId, sessionId } = await experienceWithWindow(minHours, maxDays);
    const attempt = services.book(orgId, experienceId, now, { session_id: sessionId });
    if (reason === null) {
      const booking = await attempt;
      expect(booking.start).toBe(new Date(START).toISOString());
      expect(booking.created_at).toBe(new Date(now).toISOString());
    } else {
      expect(await rejectionOf(attempt)).toEqual({
        status: 422,
        code: "outside_booking_window",
        details: { reason },
      });
    }
  });

  it("books a session whose wall time falls in a DST gap at its shifted instant", async () => {
    const { experienceId, recurrenceId } = await createBookableExperience({
      key: await freshKey(orgId),
      experience: {
        scheduling_rules: {
          booking_window: { min_hours_before: 0, max_days_ahead: 60 },
          cancellation_policy: { refundable_until_hours_before: 24 },
        },
      },
      recurrence: {
        timezone: "America/New_York",
        start_date: "2027-03-01",
        cadence: { frequency: "weekly", days_of_week: [0] },
        session_templates: [{ start_time_of_day: "02:30" }],
      },
    });
    const sessionId = sessionIdOf(recurrenceId, "2027-03-14", "02:30");
    const now = Date.UTC(2027, 2, 1);
    const booking = await services.book(orgId, experienceId, now, { session_id: sessionId });
    expect(booking).toMatchObject({
      session_id: sessionId,
      start: "2027-03-14T07:30:00.000Z",
      end: "2027-03-14T08:30:00.000Z",
      timezone: "America/New_York",
      refundable_until: "2027-03-13T07:30:00.000Z",
    });
    const [slot] = await services.slots(orgId, experienceId, now, {
      from: "2027-03-14",
      to: "2027-03-14",
      timezone: "America/New_York",
    });
    expect(slot).toMatchObject({
      session_id: sessionId,
      local_start: "2027-03-14T03:30:00.000-04:00",
      seats_booked: 1,
    });
  });
});
