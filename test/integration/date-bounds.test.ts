import { beforeAll, describe, expect, it } from "vitest";
import { createExperience, keyRotation, weeklyRecurrence } from "../helpers/experiences";
import { call, callJson } from "../helpers/http";
import { publicClient } from "../helpers/public";
import { createTenant } from "../helpers/tenants";

// One rule for every date the API accepts or computes: years 2000–2199 (README).
let nextKey: () => Promise<string>;
let experienceId: string;

beforeAll(async () => {
  const { orgId, key } = await createTenant("UTC");
  nextKey = keyRotation(orgId);
  experienceId = (await createExperience(key)).id;
});

async function postRecurrence(overrides: Record<string, unknown>) {
  return callJson("POST", `/v1/experiences/${experienceId}/recurrences`, {
    key: await nextKey(),
    body: weeklyRecurrence(overrides),
  });
}

function expectValidationError(res: Awaited<ReturnType<typeof callJson>>, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.code).toBe("validation_failed");
  expect(Object.keys(res.body.details.fieldErrors)).toContain(field);
}

describe("dates the API stores stay within 2000-01-01 … 2199-12-31", () => {
  it.each([
    ["9999-12-31T23:00:00-14:00"],
    ["9999-12-31"],
    ["1999-12-31"],
    ["2200-01-01"],
    ["+02026-12-01"],
    ["12026-12-01"],
    ["1999-12-31T23:59:59Z"],
  ])("rejects the start_date %s with 400 on start_date", async (startDate) => {
    expectValidationError(await postRecurrence({ start_date: startDate }), "start_date");
  });

  it("rejects a date-time whose calendar date in the zone falls outside (2200-01-01 in Kiritimati)", async () => {
    const res = await postRecurrence({
      timezone: "Pacific/Kiritimati",
      start_date: "2199-12-31T12:00:00Z",
    });
    expectValidationError(res, "start_date");
    expect(res.body.details.fieldErrors.start_date[0]).toContain("2199-12-31");
  });

  it("accepts the first and the last date of the bounds", async () => {
    expect((await postRecurrence({ start_date: "2000-01-01" })).status).toBe(201);
    const last = await postRecurrence({
      start_date: "2199-12-31",
      end_condition: { type: "date", until: "2199-12-31" },
      excluded_dates: ["2000-01-01"],
    });
    expect(last.status, JSON.stringify(last.body)).toBe(201);
    expect(last.body.data.start_date).toBe("2199-12-31");
  });

  it("rejects an until, an excluded date or a PATCHed start_date outside", async () => {
    const until = await postRecurrence({ end_condition: { type: "date", until: "2200-01-01" } });
    expectValidationError(until, "end_condition.until");
    expectValidationError(
      await postRecurrence({ excluded_dates: ["9999-12-31"] }),
      "excluded_dates.0",
    );
    const created = await postRecurrence({});
    const patched = await callJson(
      "PATCH",
      `/v1/experiences/${experienceId}/recurrences/${created.body.data.id}`,
      { key: await nextKey(), body: { start_date: "9999-12-31T23:00:00-14:00" } },
    );
    expectValidationError(patched, "start_date");
  });

  it("rejects a default_recurrence outside under default_recurrence.start_date", async () => {
    const res = await callJson("POST", "/v1/experiences", {
      key: await nextKey(),
      body: {
        name: "Far future",
        duration_minutes: 30,
        default_capacity: 4,
        default_recurrence: weeklyRecurrence({ start_date: "9999-12-31T23:00:00-14:00" }),
      },
    });
    expectValidationError(res, "default_recurrence.start_date");
  });

  it("keeps slots, public slots and the booking page working for a recurrence at the last date", async () => {
    const key = await nextKey();
    const experience = await createExperience(key, {
      default_recurrence: {
        timezone: "Pacific/Kiritimati",
        start_date: "2199-12-25",
        cadence: { frequency: "daily" },
        session_templates: [{ start_time_of_day: "23:30" }],
      },
    });
    const slots = await callJson(
      "GET",
      `/v1/experiences/${experience.id}/slots?from=2199-12-05&to=2199-12-31&include_unbookable=true&timezone=Pacific/Kiritimati`,
      { key },
    );
    expect(slots.status, JSON.stringify(slots.body)).toBe(200);
    expect(slots.body.data).toHaveLength(7);
    expect(slots.body.data.at(-1).local_start).toBe("2199-12-31T23:30:00.000+14:00");
    const client = publicClient();
    const publicSlots = await client.json("GET", `/public/experiences/${experience.id}/slots`);
    expect(publicSlots.status).toBe(200);
    expect((await client.raw("GET", `/book/${experience.id}`)).status).toBe(200);
  });
});

describe("ranges that would step outside the bounds are 400", () => {
  it.each([
    ["from=9999-12-31&to=9999-12-31", "from"],
    ["from=9999-12-04", "from"],
    ["from=2199-12-20", "to"],
    ["from=2199-12-31&to=2200-01-01", "to"],
    ["from=1999-12-31&to=2000-01-02", "from"],
  ])("GET slots?%s → 400 on %s", async (query, field) => {
    const key = await nextKey();
    const res = await callJson("GET", `/v1/experiences/${experienceId}/slots?${query}`, { key });
    expectValidationError(res, field);
    const client = publicClient();
    const publicRes = await client.json(
      "GET",
      `/public/experiences/${experienceId}/slots?${query}`,
    );
    expectValidationError(publicRes, field);
  });

  it.each([
    ["to=9999-12-31", "to"],
    ["from=1999-12-31", "from"],
    ["to=2200-01-01T00:00:00Z", "to"],
    ["from=9999-12-31T23:00:00-14:00", "from"],
  ])("GET /v1/bookings?%s → 400 on %s", async (query, field) => {
    expectValidationError(
      await callJson("GET", `/v1/bookings?${query}`, { key: await nextKey() }),
      field,
    );
  });

  it("GET /v1/bookings accepts the last date and the last instant", async () => {
    const key = await nextKey();
    expect((await call("GET", "/v1/bookings?to=2199-12-31", { key })).status).toBe(200);
    const instant = encodeURIComponent("2199-12-31T23:59:59.999Z");
    expect((await call("GET", `/v1/bookings?to=${instant}`, { key })).status).toBe(200);
  });
});
