import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/scheduling/calendar-date";
import { calendarDateInZone, todayInZone } from "../../src/scheduling/time-zone";
import { callJson } from "../helpers/http";
import {
  createBookableExperience,
  freshKey,
  getSlots,
  sessionIdOf,
  slotsOf,
} from "../helpers/scheduling";
import { createApiKey, createTenant } from "../helpers/tenants";

const SLOT_FIELDS = [
  "session_id",
  "recurrence_id",
  "start",
  "end",
  "local_start",
  "timezone",
  "provider_id",
  "capacity",
  "seats_booked",
  "seats_held",
  "seats_available",
  "waitlist_size",
  "bookable",
  "unbookable_reason",
].sort();

let orgId: string;
let nextKey: () => Promise<string>;
beforeAll(async () => {
  const tenant = await createTenant("Europe/Berlin");
  orgId = tenant.orgId;
  nextKey = () => freshKey(orgId);
});

describe("GET /v1/experiences/{id}/slots: the date range", () => {
  it("defaults to today in the organization's zone through today + 27 days", async () => {
    const key = await nextKey();
    const { experienceId } = await createBookableExperience({ key });
    const today = todayInZone("Europe/Berlin", Date.now());
    const slots = await slotsOf(key, experienceId, { include_unbookable: "true" });
    const localDates = slots.map((s) => calendarDateInZone(Date.parse(s.start), "Europe/Berlin"));
    // Two sessions a day (07:00 and 18:30 UTC), both on the same Berlin date, for 28 dates.
    expect(slots).toHaveLength(56);
    expect(localDates[0]).toBe(today);
    expect(localDates.at(-1)).toBe(addDays(today, 27));
    expect(Object.keys(slots[0] ?? {}).sort()).toEqual(SLOT_FIELDS);
  });

  it("lists only bookable slots unless include_unbookable=true", async () => {
    const key = await nextKey();
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const yesterday = todayInZone("UTC", Date.now() - 86_400_000);
    const query = { timezone: "UTC", from: yesterday, to: addDays(yesterday, 3) };
    const bookable = await slotsOf(key, experienceId, query);
    const all = await slotsOf(key, experienceId, { ...query, include_unbookable: "true" });
    const pastSession = sessionIdOf(recurrenceId, yesterday, "07:00");
    expect(all).toHaveLength(8);
    expect(all.find((s) => s.session_id === pastSession)).toMatchObject({
      bookable: false,
      unbookable_reason: "past",
    });
    expect(bookable.every((s) => s.bookable && s.unbookable_reason === null)).toBe(true);
    expect(bookable.map((s) => s.session_id)).toEqual(
      all.filter((s) => s.bookable).map((s) => s.session_id),
    );
    expect(await slotsOf(key, experienceId, { ...query, include_unbookable: "false" })).toEqual(
      bookable,
    );
  });

  it.each([
    ["UTC", "2027-02-10"],
    ["Asia/Kolkata", "2027-02-09"],
    ["America/Los_Angeles", "2027-02-10"],
  ])(
    "with timezone=%s, a 23:30 UTC session on 2027-02-10 in range is the one of %s",
    async (timezone, utcDate) => {
      const key = await nextKey();
      const { experienceId, recurrenceId } = await createBookableExperience({
        key,
        recurrence: {
          start_date: "2027-02-01",
          session_templates: [{ start_time_of_day: "23:30" }],
        },
      });
      const slots = await slotsOf(key, experienceId, {
        from: "2027-02-10",
        to: "2027-02-10",
        timezone,
        include_unbookable: "true",
      });
      expect(slots.map((s) => s.session_id)).toEqual([sessionIdOf(recurrenceId, utcDate, "23:30")]);
      expect(slots[0]).toMatchObject({ start: `${utcDate}T23:30:00.000Z`, timezone: "UTC" });
    },
  );

  it.each<[string, Record<string, string>, number]>([
    ["92 dates", { from: "2027-01-01", to: "2027-04-02" }, 200],
    ["1 date", { from: "2027-01-01", to: "2027-01-01" }, 200],
    ["93 dates", { from: "2027-01-01", to: "2027-04-03" }, 400],
    ["to before from", { from: "2027-01-02", to: "2027-01-01" }, 400],
    ["to before the default from (today)", { to: "2020-01-01" }, 400],
    ["an impossible date", { from: "2027-02-30" }, 400],
    ["a date without dashes", { from: "20270101" }, 400],
    ["a relative date", { to: "tomorrow" }, 400],
    ["an unknown zone", { timezone: "Mars/Olympus_Mons" }, 400],
    ["include_unbookable=yes", { include_unbookable: "yes" }, 400],
  ])("answers %s with %i", async (_label, query, status) => {
    const key = await nextKey();
    const { experienceId } = await createBookableExperience({
      key,
      recurrence: { start_date: "2026-12-01" },
    });
    const res = await getSlots(key, experienceId, { include_unbookable: "true", ...query });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status === 400) {
      expect(res.body.code).toBe("validation_failed");
      expect(Object.keys(res.body.details.fieldErrors).length).toBeGreaterThan(0);
    } else if (query.from === "2027-01-01" && query.to === "2027-04-02") {
      expect(res.body.data).toHaveLength(92 * 2);
    }
  });
});

describe("GET /v1/experiences/{id}/slots: order and daylight saving", () => {
  it("orders slots of two recurrences by start, then session_id", async () => {
    const key = await nextKey();
    const { experienceId, recurrenceId: first } = await createBookableExperience({
      key,
      recurrence: { start_date: "2027-03-01" },
    });
    const second = await callJson("POST", `/v1/experiences/${experienceId}/recurrences`, {
      key,
      body: {
        timezone: "UTC",
        start_date: "2027-03-01",
        cadence: { frequency: "daily" },
        session_templates: [{ start_time_of_day: "07:00" }, { start_time_of_day: "12:00" }],
      },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const secondId = second.body.data.id as string;
    const slots = await slotsOf(key, experienceId, {
      from: "2027-03-02",
      to: "2027-03-02",
      timezone: "UTC",
      include_unbookable: "true",
    });
    const at7 = [
      sessionIdOf(first, "2027-03-02", "07:00"),
      sessionIdOf(secondId, "2027-03-02", "07:00"),
    ].sort();
    expect(slots.map((s) => s.session_id)).toEqual([
      ...at7,
      sessionIdOf(secondId, "2027-03-02", "12:00"),
      sessionIdOf(first, "2027-03-02", "18:30"),
    ]);
    expect(slots.map((s) => s.recurrence_id)).toContain(secondId);
  });

  it.each([
    // Spring forward: 02:30 does not exist and moves forward by the gap; 01:30 is still EST.
    ["2027-03-14", "01:30", "2027-03-14T06:30:00.000Z", "2027-03-14T01:30:00.000-05:00"],
    ["2027-03-14", "02:30", "2027-03-14T07:30:00.000Z", "2027-03-14T03:30:00.000-04:00"],
    // Fall back: 01:30 exists twice and takes the first (EDT) instant; 02:30 is EST again.
    ["2027-11-07", "01:30", "2027-11-07T05:30:00.000Z", "2027-11-07T01:30:00.000-04:00"],
    ["2027-11-07", "02:30", "2027-11-07T07:30:00.000Z", "2027-11-07T02:30:00.000-05:00"],
  ])(
    "in America/New_York on %s, template %s starts at %s (%s)",
    async (date, time, start, localStart) => {
      const key = await nextKey();
      const { experienceId, recurrenceId } = await createBookableExperience({
        key,
        recurrence: {
          timezone: "America/New_York",
          start_date: "2027-03-01",
          cadence: { frequency: "weekly", days_of_week: [0] },
          session_templates: [{ start_time_of_day: "01:30" }, { start_time_of_day: "02:30" }],
        },
      });
      const slots = await slotsOf(key, experienceId, {
        from: date,
        to: date,
        timezone: "America/New_York",
        include_unbookable: "true",
      });
      expect(slots).toHaveLength(2);
      const slot = slots.find((s) => s.session_id === sessionIdOf(recurrenceId, date, time));
      expect(slot).toMatchObject({
        start,
        end: new Date(Date.parse(start) + 3_600_000).toISOString(),
        local_start: localStart,
        timezone: "America/New_York",
      });
    },
  );
});

describe("GET /v1/experiences/{id}/slots: access", () => {
  it("answers 404 for an unknown experience and for one of another organization", async () => {
    const key = await nextKey();
    const other = await createTenant("UTC");
    const { experienceId: foreignId } = await createBookableExperience({ key: other.key });
    for (const id of ["exp_doesNotExist0000000", foreignId]) {
      const res = await getSlots(key, id);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("not_found");
    }
  });

  it("requires experiences:read: a bookings-only key gets 403, a read key 200", async () => {
    const key = await nextKey();
    const { experienceId } = await createBookableExperience({ key });
    const bookingsOnly = await createApiKey(orgId, { bookings: "write" });
    const readOnly = await createApiKey(orgId, { experiences: "read" });
    const refused = await getSlots(bookingsOnly.key, experienceId);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: "insufficient_scope",
      details: { required: "experiences:read" },
    });
    expect((await getSlots(readOnly.key, experienceId)).status).toBe(200);
  });
});
