import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { CreateExperienceBodySchema } from "../../src/features/experiences/experiences.schemas";
import { createExperience as createExperienceService } from "../../src/features/experiences/experiences.service";
import { CreateRecurrenceBodySchema } from "../../src/features/recurrences/recurrences.schemas";
import { createRecurrence as createRecurrenceService } from "../../src/features/recurrences/recurrences.service";
import {
  createExperience,
  createMember,
  createSpace,
  MINIMAL_EXPERIENCE,
  weeklyRecurrence,
} from "../helpers/experiences";
import { callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

const ORG_ZONE = "Pacific/Kiritimati"; // UTC+14: its "today" is often not the UTC date

function todayIn(timeZone: string): string {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return format.format(new Date());
}

async function countExperiences(key: string) {
  const { body } = await callJson("GET", "/v1/experiences", { key });
  return body.pagination.total as number;
}

describe("POST /v1/experiences: the recurrence attached at creation", () => {
  let key: string;
  let orgId: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    ({ key, orgId } = await createTenant(ORG_ZONE));
    first = await createMember(key, "GENERAL", "First");
    second = await createMember(key, "GENERAL", "Second");
  });

  it("creates default_recurrence (and no auto-default) when it is given", async () => {
    const data = await createExperience(key, {
      providers: [first],
      default_recurrence: weeklyRecurrence({ provider_id: second }),
    });
    expect(data.recurrence_ids).toHaveLength(1);
    expect(data).not.toHaveProperty("auto_recurrence");
    expect(data).not.toHaveProperty("recurrence_required");
    const { body } = await callJson("GET", `/v1/experiences/${data.id}/recurrences`, { key });
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      id: data.recurrence_ids[0],
      experience_id: data.id,
      provider_id: second,
      timezone: "Europe/Berlin",
      start_date: "2026-12-01",
      cadence: { frequency: "weekly", interval: 1, days_of_week: [1, 3] },
      end_condition: { type: "never" },
      status: "active",
    });
  });

  it("attaches the auto-default recurrence when providers are given", async () => {
    const data = await createExperience(key, { default_capacity: 7, providers: [first, second] });
    expect(data.auto_recurrence).toBe(true);
    expect(data).not.toHaveProperty("recurrence_required");
    expect(data.recurrence_ids).toHaveLength(1);
    const path = `/v1/experiences/${data.id}/recurrences/${data.recurrence_ids[0]}`;
    const { body } = await callJson("GET", path, { key });
    expect(body.data).toMatchObject({
      provider_id: first,
      timezone: ORG_ZONE,
      start_date: todayIn(ORG_ZONE),
      cadence: { frequency: "weekly", interval: 1, days_of_week: [1, 2, 3, 4, 5] },
      session_templates: [
        { start_time_of_day: "09:00", capacity: 7, provider_id: null, days_of_week: null },
      ],
      end_condition: { type: "never" },
      excluded_dates: [],
      status: "active",
    });
  });

  it("attaches nothing without providers and says how to attach a recurrence", async () => {
    const data = await createExperience(key);
    expect(data.recurrence_ids).toEqual([]);
    expect(data.recurrence_required).toBe(true);
    expect(data).not.toHaveProperty("auto_recurrence");
    expect(data.hint).toContain(`/v1/experiences/${data.id}/recurrences`);
    expect(data.hint).toContain("default_recurrence");
  });

  it.each([
    [
      "a field error",
      { session_templates: [{ start_time_of_day: "25:00" }] },
      "default_recurrence.session_templates.0.start_time_of_day",
    ],
    [
      "a cross-field rule",
      { end_condition: { type: "date", until: "2026-11-30" } },
      "default_recurrence.end_condition.until",
    ],
    [
      "an unknown provider",
      {
        session_templates: [
          { start_time_of_day: "07:00" },
          { start_time_of_day: "08:00", provider_id: "sm_unknown0000000000000" },
        ],
      },
      "default_recurrence.session_templates.1.provider_id",
    ],
    ["an unknown field", { colour: "blue" }, "default_recurrence.colour"],
    ["a missing field", { timezone: undefined }, "default_recurrence.timezone"],
  ])(
    "refuses a default_recurrence with %s and creates no experience",
    async (_case, fields, field) => {
      const { key: freshKey } = await createTenant();
      const { status, body } = await callJson("POST", "/v1/experiences", {
        key: freshKey,
        body: { ...MINIMAL_EXPERIENCE, default_recurrence: weeklyRecurrence(fields) },
      });
      expect(status).toBe(400);
      expect(body.code).toBe("validation_failed");
      expect(Object.keys(body.details.fieldErrors)).toContain(field);
      expect(await countExperiences(freshKey)).toBe(0);
    },
  );

  it("checks default_recurrence providers against the experience's space", async () => {
    const spaceId = await createSpace(key, "Loft");
    const otherSpace = await createSpace(key, "Garden");
    const outsider = await createMember(key, otherSpace);
    const { status, body } = await callJson("POST", "/v1/experiences", {
      key,
      body: {
        ...MINIMAL_EXPERIENCE,
        space_id: spaceId,
        default_recurrence: weeklyRecurrence({ provider_id: outsider }),
      },
    });
    expect(status).toBe(400);
    expect(Object.keys(body.details.fieldErrors)).toEqual(["default_recurrence.provider_id"]);
  });

  it("writes experience and recurrence once under an Idempotency-Key", async () => {
    const headers = { "idempotency-key": `exp-${orgId}` };
    const body = { ...MINIMAL_EXPERIENCE, providers: [first] };
    const one = await callJson("POST", "/v1/experiences", { key, body, headers });
    const two = await callJson("POST", "/v1/experiences", { key, body, headers });
    expect(one.status).toBe(201);
    expect(two.status).toBe(201);
    expect(two.body.data.id).toBe(one.body.data.id);
  });
});

describe("idempotency crash safety in the create services (§7)", () => {
  const db = () => createDb(env.DB);

  it("returns the experience an earlier run under the same key created", async () => {
    const { orgId, key } = await createTenant();
    const caller = { organizationId: orgId, organizationTimezone: "UTC" };
    const input = CreateExperienceBodySchema.parse({
      ...MINIMAL_EXPERIENCE,
      default_recurrence: weeklyRecurrence(),
    });
    const scope = { scope: `test:${orgId}`, key: "crash-1" };
    const create = () =>
      createExperienceService(db(), {
        ...caller,
        body: input,
        idempotency: scope,
        now: Date.now(),
      });
    const first = await create();
    const retry = await create();
    expect(retry.id).toBe(first.id);
    expect(retry.recurrence_ids).toEqual(first.recurrence_ids);
    expect(await countExperiences(key)).toBe(1);
  });

  it("returns the recurrence an earlier run under the same key created", async () => {
    const { orgId, key } = await createTenant();
    const experience = await createExperience(key);
    const input = CreateRecurrenceBodySchema.parse(weeklyRecurrence());
    const scope = { scope: `test:${orgId}`, key: "crash-2" };
    const create = () =>
      createRecurrenceService(db(), {
        organizationId: orgId,
        experienceId: experience.id,
        body: input,
        idempotency: scope,
        now: Date.now(),
      });
    const first = await create();
    const retry = await create();
    expect(retry.id).toBe(first.id);
    const { body } = await callJson("GET", `/v1/experiences/${experience.id}/recurrences`, { key });
    expect(body.data).toHaveLength(1);
  });
});
