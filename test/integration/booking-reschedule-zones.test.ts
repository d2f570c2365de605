import { beforeAll, describe, expect, it } from "vitest";
import {
  createBookableExperience,
  DAY_MS,
  freshKey,
  HOUR_MS,
  services,
  sessionIdOf,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

interface ZoneCase {
  zone: string;
  time: string;
  from: string;
  to: string;
  /** The instants of both sessions, worked out by hand from the zone's rules. */
  fromStart: string;
  toStart: string;
}

// Each move crosses a transition (or, in Kolkata, a half-hour offset without one): the new
// refundable_until is the new start minus the policy's hours of elapsed time, never wall time.
const CASES: ZoneCase[] = [
  // Berlin springs forward 2030-03-31 02:00 → 03:00 (CET +1 → CEST +2).
  {
    zone: "Europe/Berlin",
    time: "07:00",
    from: "2030-03-30",
    to: "2030-03-31",
    fromStart: "2030-03-30T06:00:00.000Z",
    toStart: "2030-03-31T05:00:00.000Z",
  },
  // ... and falls back 2030-10-27 03:00 → 02:00.
  {
    zone: "Europe/Berlin",
    time: "07:00",
    from: "2030-10-26",
    to: "2030-10-27",
    fromStart: "2030-10-26T05:00:00.000Z",
    toStart: "2030-10-27T06:00:00.000Z",
  },
  // Sydney (south) falls back 2030-04-07 03:00 → 02:00 (AEDT +11 → AEST +10).
  {
    zone: "Australia/Sydney",
    time: "07:00",
    from: "2030-04-06",
    to: "2030-04-07",
    fromStart: "2030-04-05T20:00:00.000Z",
    toStart: "2030-04-06T21:00:00.000Z",
  },
  // Kolkata: +05:30 all year.
  {
    zone: "Asia/Kolkata",
    time: "07:00",
    from: "2030-03-30",
    to: "2030-03-31",
    fromStart: "2030-03-30T01:30:00.000Z",
    toStart: "2030-03-31T01:30:00.000Z",
  },
  // Havana skips midnight 2030-03-10 00:00 → 01:00: the 00:30 session moves to 01:30 CDT (-4).
  {
    zone: "America/Havana",
    time: "00:30",
    from: "2030-03-09",
    to: "2030-03-10",
    fromStart: "2030-03-09T05:30:00.000Z",
    toStart: "2030-03-10T05:30:00.000Z",
  },
];

describe("reschedule across time-zone transitions", () => {
  it.each(CASES)("$zone $from → $to", async (c) => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: {
        scheduling_rules: {
          booking_window: { min_hours_before: 0, max_days_ahead: 60 },
          cancellation_policy: { refundable_until_hours_before: 36 },
        },
      },
      recurrence: {
        timezone: c.zone,
        start_date: "2030-01-01",
        session_templates: [{ start_time_of_day: c.time }],
      },
    });
    const now = Date.parse(c.fromStart) - 5 * DAY_MS;
    const source = sessionIdOf(recurrenceId, c.from, c.time);
    const target = sessionIdOf(recurrenceId, c.to, c.time);
    const booking = await services.book(orgId, experienceId, now, { session_id: source });
    expect(booking.start).toBe(c.fromStart);
    const moved = await services.reschedule(orgId, booking.id, target, now + 1);
    expect(moved).toMatchObject({
      session_id: target,
      timezone: c.zone,
      start: c.toStart,
      end: new Date(Date.parse(c.toStart) + HOUR_MS).toISOString(),
      refundable_until: new Date(Date.parse(c.toStart) - 36 * HOUR_MS).toISOString(),
      rescheduled_from: source,
      rescheduled_at: new Date(now + 1).toISOString(),
    });
  });
});
