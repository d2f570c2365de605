import { beforeAll, describe, expect, it } from "vitest";
import {
  createExperience,
  createMember,
  createRecurrence,
  weeklyRecurrence,
} from "../helpers/experiences";
import { call, callJson } from "../helpers/http";
import { createApiKey, createTenant } from "../helpers/tenants";

const ISO_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const recurrencesOf = (experienceId: string) => `/v1/experiences/${experienceId}/recurrences`;

describe("POST /v1/experiences/{id}/recurrences", () => {
  let key: string;
  let experienceId: string;

  beforeAll(async () => {
    ({ key } = await createTenant());
    experienceId = (await createExperience(key)).id;
  });

  it("creates a recurrence with every default and the §6 object", async () => {
    const { status, body } = await callJson("POST", recurrencesOf(experienceId), {
      key,
      body: weeklyRecurrence(),
    });
    expect(status).toBe(201);
    expect(body.data).toEqual({
      id: expect.stringMatching(/^rec_[0-9A-Za-z]{16,}$/),
      experience_id: experienceId,
      provider_id: null,
      timezone: "Europe/Berlin",
      start_date: "2026-12-01",
      cadence: { frequency: "weekly", interval: 1, days_of_week: [1, 3] },
      end_condition: { type: "never" },
      session_templates: [
        { start_time_of_day: "07:00", capacity: null, provider_id: null, days_of_week: null },
      ],
      excluded_dates: [],
      status: "active",
      created_at: expect.stringMatching(ISO_MS_UTC),
      updated_at: expect.stringMatching(ISO_MS_UTC),
    });
  });

  it("stores every given field", async () => {
    const member = await createMember(key);
    const data = await createRecurrence(key, experienceId, {
      provider_id: member,
      timezone: "America/New_York",
      start_date: "2027-01-04",
      cadence: { frequency: "daily", interval: 2, days_of_week: [1, 2] },
      end_condition: { type: "count", count: 10 },
      session_templates: [
        { start_time_of_day: "06:30", capacity: 4, provider_id: member, days_of_week: [1] },
        { start_time_of_day: "06:30", days_of_week: [2] },
      ],
      excluded_dates: ["2027-02-01", "2027-01-05", "2027-02-01"],
      status: "paused",
    });
    expect(data).toMatchObject({
      provider_id: member,
      timezone: "America/New_York",
      start_date: "2027-01-04",
      cadence: { frequency: "daily", interval: 2, days_of_week: [1, 2] },
      end_condition: { type: "count", count: 10 },
      session_templates: [
        { start_time_of_day: "06:30", capacity: 4, provider_id: member, days_of_week: [1] },
        { start_time_of_day: "06:30", capacity: null, provider_id: null, days_of_week: [2] },
      ],
      // A set of dates: sorted, without repeats.
      excluded_dates: ["2027-01-05", "2027-02-01"],
      status: "paused",
    });
  });

  it.each([
    ["2026-12-01T23:30:00-05:00", "Europe/Berlin", "2026-12-02"],
    ["2026-12-01T01:00:00+09:00", "America/New_York", "2026-11-30"],
    ["2026-12-01T12:00:00Z", "UTC", "2026-12-01"],
    ["2026-12-01T23:59:59.999+00:00", "Pacific/Kiritimati", "2026-12-02"],
  ])("takes the start_date %s as its calendar date in %s", async (start, timezone, expected) => {
    const data = await createRecurrence(key, experienceId, { start_date: start, timezone });
    expect(data.start_date).toBe(expected);
  });

  it.each([
    [
      "monthly",
      { frequency: "monthly" },
      { frequency: "monthly", interval: 1, day_of_month: null },
    ],
    ["daily", { frequency: "daily" }, { frequency: "daily", interval: 1, days_of_week: null }],
  ])("defaults a %s cadence", async (_case, cadence, stored) => {
    const data = await createRecurrence(key, experienceId, { cadence });
    expect(data.cadence).toEqual(stored);
  });

  it("answers 404 for an unknown or foreign experience", async () => {
    const foreign = await createExperience((await createTenant()).key);
    for (const id of [foreign.id, "exp_doesnotexist00000000"]) {
      const res = await callJson("POST", recurrencesOf(id), { key, body: weeklyRecurrence() });
      expect(res.status).toBe(404);
    }
  });
});

describe("reading, updating and deleting recurrences", () => {
  let orgId: string;

  beforeAll(async () => {
    ({ orgId } = await createTenant());
  });

  /** An experience with two recurrences (the second paused), under a key with a fresh budget. */
  async function setup() {
    const { key } = await createApiKey(orgId);
    const experience = await createExperience(key);
    const first = await createRecurrence(key, experience.id);
    const second = await createRecurrence(key, experience.id, { status: "paused" });
    const path = (rec: { id: string }) => `${recurrencesOf(experience.id)}/${rec.id}`;
    return { key, experience, first, second, path };
  }

  it("lists active and paused recurrences oldest first and gets each", async () => {
    const { key, experience, first, second, path } = await setup();
    const list = await callJson("GET", recurrencesOf(experience.id), { key });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ data: [first, second] });
    const one = await callJson("GET", path(second), { key });
    expect(one.body).toEqual({ data: second });
  });

  it("soft-deletes: 204 with an empty body, then gone from every read and write", async () => {
    const { key, experience, first, second, path } = await setup();
    const res = await call("DELETE", path(first), { key });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect((await callJson("GET", path(first), { key })).status).toBe(404);
    const patched = await callJson("PATCH", path(first), { key, body: { status: "active" } });
    expect(patched.status).toBe(404);
    expect((await callJson("DELETE", path(first), { key })).status).toBe(404);
    const list = await callJson("GET", recurrencesOf(experience.id), { key });
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([second.id]);
    const parent = await callJson("GET", `/v1/experiences/${experience.id}`, { key });
    expect(parent.body.data.recurrence_ids).toEqual([second.id]);
  });

  it("answers 404 for a real recurrence under another experience of the organization", async () => {
    const { key, first } = await setup();
    const other = await createExperience(key);
    const path = `${recurrencesOf(other.id)}/${first.id}`;
    expect((await callJson("GET", path, { key })).status).toBe(404);
    const patched = await callJson("PATCH", path, { key, body: { status: "paused" } });
    expect(patched.status).toBe(404);
    expect((await callJson("DELETE", path, { key })).status).toBe(404);
  });

  it("answers 404 to another organization for every recurrence route", async () => {
    const { experience, first, path } = await setup();
    const { key: foreignKey } = await createTenant();
    const attempts = [
      ["GET", recurrencesOf(experience.id), undefined],
      ["POST", recurrencesOf(experience.id), weeklyRecurrence()],
      ["GET", path(first), undefined],
      ["PATCH", path(first), { status: "paused" }],
      ["DELETE", path(first), undefined],
    ] as const;
    for (const [method, url, body] of attempts) {
      const res = await callJson(method, url, { key: foreignKey, body });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.code).toBe("not_found");
    }
  });

  it.each([
    ["status", { status: "paused" }, { status: "paused" }],
    ["timezone", { timezone: "Asia/Tokyo" }, { timezone: "Asia/Tokyo", start_date: "2026-12-01" }],
    [
      "start_date with an offset, in the stored timezone",
      { start_date: "2026-12-05T23:30:00-02:00" },
      { start_date: "2026-12-06" },
    ],
    [
      "start_date with an offset, in the new timezone",
      { start_date: "2026-12-05T23:30:00Z", timezone: "America/Los_Angeles" },
      { start_date: "2026-12-05", timezone: "America/Los_Angeles" },
    ],
    [
      "cadence replaced whole",
      { cadence: { frequency: "monthly", day_of_month: 15 } },
      { cadence: { frequency: "monthly", interval: 1, day_of_month: 15 } },
    ],
    [
      "end_condition replaced whole",
      { end_condition: { type: "count", count: 3 } },
      { end_condition: { type: "count", count: 3 } },
    ],
    [
      "session_templates replaced whole",
      { session_templates: [{ start_time_of_day: "20:00", capacity: 3 }] },
      {
        session_templates: [
          { start_time_of_day: "20:00", capacity: 3, provider_id: null, days_of_week: null },
        ],
      },
    ],
    [
      "excluded_dates replaced whole",
      { excluded_dates: ["2027-01-01"] },
      { excluded_dates: ["2027-01-01"] },
    ],
  ])("PATCH replaces %s and keeps the rest", async (_case, patch, expected) => {
    const { key, first, path } = await setup();
    await callJson("PATCH", path(first), { key, body: { excluded_dates: ["2026-12-24"] } });
    const { status, body } = await callJson("PATCH", path(first), { key, body: patch });
    expect(status, JSON.stringify(body)).toBe(200);
    const kept = { ...first, excluded_dates: ["2026-12-24"] };
    expect(body.data).toEqual({ ...kept, ...expected, updated_at: body.data.updated_at });
    expect((await callJson("GET", path(first), { key })).body.data).toEqual(body.data);
  });

  it("PATCH sets and clears provider_id", async () => {
    const { key, first, path } = await setup();
    const member = await createMember(key);
    const set = await callJson("PATCH", path(first), { key, body: { provider_id: member } });
    expect(set.body.data.provider_id).toBe(member);
    const cleared = await callJson("PATCH", path(first), { key, body: { provider_id: null } });
    expect(cleared.body.data.provider_id).toBeNull();
  });

  it.each([
    ["an empty body", {}, null],
    ["an empty template list", { session_templates: [] }, "session_templates"],
    ["an unknown field", { colour: "red" }, "colour"],
    ["an unknown time zone", { timezone: "Mars/Olympus" }, "timezone"],
    ["a status outside active|paused", { status: "deleted" }, "status"],
    ["an unknown provider", { provider_id: "sm_unknown0000000000000" }, "provider_id"],
    [
      "a start_date after the stored until",
      { end_condition: { type: "date", until: "2027-01-31" }, start_date: "2027-02-01" },
      "end_condition.until",
    ],
    [
      "a cadence that no longer holds a template's days",
      { cadence: { frequency: "weekly", days_of_week: [2] } },
      "session_templates.0.days_of_week",
    ],
  ])("PATCH refuses %s, judging the merged recurrence", async (_case, patch, field) => {
    const { key, experience, path } = await setup();
    const withDays = await createRecurrence(key, experience.id, {
      session_templates: [{ start_time_of_day: "07:00", days_of_week: [1] }],
    });
    const { status, body } = await callJson("PATCH", path(withDays), { key, body: patch });
    expect(status).toBe(400);
    expect(body.code).toBe("validation_failed");
    if (field === null) expect(body.error).toBe("At least one field is required");
    else expect(Object.keys(body.details.fieldErrors)).toContain(field);
    expect((await callJson("GET", path(withDays), { key })).body.data).toEqual(withDays);
  });
});

describe("recurrence scopes", () => {
  it("lets a read key read and refuses it every write with experiences:write", async () => {
    const { key, orgId } = await createTenant();
    const experience = await createExperience(key);
    const recurrence = await createRecurrence(key, experience.id);
    const readKey = (await createApiKey(orgId, { experiences: "read" })).key;
    const path = `${recurrencesOf(experience.id)}/${recurrence.id}`;
    expect((await callJson("GET", recurrencesOf(experience.id), { key: readKey })).status).toBe(
      200,
    );
    expect((await callJson("GET", path, { key: readKey })).status).toBe(200);
    const writes = [
      ["POST", recurrencesOf(experience.id), weeklyRecurrence()],
      ["PATCH", path, { status: "paused" }],
      ["DELETE", path, undefined],
    ] as const;
    for (const [method, url, body] of writes) {
      const res = await callJson(method, url, { key: readKey, body });
      expect(res.status, method).toBe(403);
      expect(res.body.code).toBe("insufficient_scope");
      expect(res.body.details.required).toBe("experiences:write");
    }
    const noneKey = (await createApiKey(orgId, { bookings: "write" })).key;
    const denied = await callJson("GET", path, { key: noneKey });
    expect(denied.status).toBe(403);
    expect(denied.body.details.required).toBe("experiences:read");
  });
});
