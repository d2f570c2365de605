import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createExperience, createRecurrence, createSpace } from "../helpers/experiences";
import { callJson } from "../helpers/http";
import { createApiKey, createTenant } from "../helpers/tenants";

interface Listed {
  id: string;
  name: string;
  space_id: string;
  status: string;
  created_at: string;
}

/** §5 order: created_at descending, then id descending (two creations may share a millisecond). */
const newestFirst = (a: Listed, b: Listed) =>
  b.created_at.localeCompare(a.created_at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const idsOf = (experiences: Listed[]) => experiences.map((e) => e.id);

describe("GET /v1/experiences", () => {
  let key: string;
  let spaceId: string;
  let all: Listed[]; // A (GENERAL, active), B (space, inactive), C (GENERAL, active), newest first

  beforeAll(async () => {
    ({ key } = await createTenant());
    spaceId = await createSpace(key, "Loft");
    all = [
      await createExperience(key, { name: "A" }),
      await createExperience(key, { name: "B", space_id: spaceId, status: "inactive" }),
      await createExperience(key, { name: "C" }),
    ].sort(newestFirst);
  });

  const list = async (query = "") => callJson("GET", `/v1/experiences${query}`, { key });

  it("lists newest first with pagination", async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(idsOf(body.data)).toEqual(idsOf(all));
    expect(body.pagination).toEqual({ total: 3, page: 1, page_size: 50, total_pages: 1 });
  });

  it("pages with page and page_size", async () => {
    const { body } = await list("?page=2&page_size=2");
    expect(idsOf(body.data)).toEqual(idsOf(all.slice(2)));
    expect(body.pagination).toEqual({ total: 3, page: 2, page_size: 2, total_pages: 2 });
  });

  it.each([
    ["?status=active", (e: Listed) => e.status === "active"],
    ["?status=inactive", (e: Listed) => e.status === "inactive"],
    ["?status=active,inactive", () => true],
    ["?status=inactive&space_id=GENERAL", () => false],
    ["?space_id=GENERAL", (e: Listed) => e.space_id === "GENERAL"],
    ["?space_id=spc_unknown00000000000000", () => false],
  ])("filters %s", async (query, keep) => {
    const { status, body } = await list(query);
    expect(status).toBe(200);
    expect(idsOf(body.data)).toEqual(idsOf(all.filter(keep)));
    expect(body.pagination.total).toBe(all.filter(keep).length);
  });

  it("filters by a custom space", async () => {
    const { body } = await list(`?space_id=${spaceId}`);
    expect(body.data.map((e: Listed) => e.name)).toEqual(["B"]);
  });

  it.each(["?status=archived", "?status=active,", "?status="])(
    "refuses the status filter %s",
    async (query) => {
      const { status, body } = await list(query);
      expect(status).toBe(400);
      expect(Object.keys(body.details.fieldErrors)).toEqual(["status"]);
    },
  );

  it.each(["?page=0", "?page_size=201", "?page=x"])("refuses %s", async (query) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body.error).toBe("Invalid pagination parameters");
  });

  it("lists only the caller's organization", async () => {
    const other = await createTenant();
    await createExperience(other.key);
    const { body } = await list();
    expect(body.pagination.total).toBe(3);
  });
});

describe("GET /v1/experiences/{id}", () => {
  it("returns the experience, 404 for unknown and foreign IDs", async () => {
    const { key } = await createTenant();
    const other = await createTenant();
    const mine = await createExperience(key);
    const foreign = await createExperience(other.key);
    const ok = await callJson("GET", `/v1/experiences/${mine.id}`, { key });
    expect(ok.status).toBe(200);
    expect(ok.body.data.id).toBe(mine.id);
    for (const id of [foreign.id, "exp_doesnotexist00000000"]) {
      const { status, body } = await callJson("GET", `/v1/experiences/${id}`, { key });
      expect(status).toBe(404);
      expect(body.code).toBe("not_found");
    }
  });

  it("lists active and paused recurrences oldest first in recurrence_ids", async () => {
    const { key } = await createTenant();
    const experience = await createExperience(key);
    const first = await createRecurrence(key, experience.id);
    const paused = await createRecurrence(key, experience.id, { status: "paused" });
    const { body } = await callJson("GET", `/v1/experiences/${experience.id}`, { key });
    expect(body.data.recurrence_ids).toEqual([first.id, paused.id]);
  });

  it("counts confirmed bookings only in bookings_count", async () => {
    const { key, orgId } = await createTenant();
    const experience = await createExperience(key);
    const other = await createExperience(key);
    const insert = env.DB.prepare(
      `INSERT INTO bookings (id, organization_id, experience_id, session_id, recurrence_id,
        start_at, end_at, timezone, quantity, status, contact, price, refundable_until,
        created_at, updated_at)
       VALUES (?, ?, ?, 'ses_x_20261201_0700', 'rec_x', 0, 0, 'UTC', 2, ?, '{}', '{}', 0, 0, 0)`,
    );
    await env.DB.batch([
      insert.bind(`bkg_${orgId}_1`, orgId, experience.id, "confirmed"),
      insert.bind(`bkg_${orgId}_2`, orgId, experience.id, "confirmed"),
      insert.bind(`bkg_${orgId}_3`, orgId, experience.id, "cancelled"),
      insert.bind(`bkg_${orgId}_4`, orgId, other.id, "confirmed"),
    ]);
    const one = await callJson("GET", `/v1/experiences/${experience.id}`, { key });
    expect(one.body.data.bookings_count).toBe(2);
    const { body } = await callJson("GET", "/v1/experiences", { key });
    const counts = Object.fromEntries(
      body.data.map((e: { id: string; bookings_count: number }) => [e.id, e.bookings_count]),
    );
    expect(counts).toEqual({ [experience.id]: 2, [other.id]: 1 });
  });
});

describe("experience scopes", () => {
  let orgId: string;
  let experienceId: string;
  let readKey: string;
  let noneKey: string;

  beforeAll(async () => {
    const tenant = await createTenant();
    orgId = tenant.orgId;
    experienceId = (await createExperience(tenant.key)).id;
    readKey = (await createApiKey(orgId, { experiences: "read" })).key;
    noneKey = (await createApiKey(orgId, { spaces: "write", bookings: "write" })).key;
  });

  it("lets a read key list and get", async () => {
    expect((await callJson("GET", "/v1/experiences", { key: readKey })).status).toBe(200);
    const one = await callJson("GET", `/v1/experiences/${experienceId}`, { key: readKey });
    expect(one.status).toBe(200);
  });

  it.each([
    ["POST", "/v1/experiences", { name: "x", duration_minutes: 5, default_capacity: 1 }],
    ["PATCH", "/v1/experiences/{id}", { name: "Renamed" }],
  ])("refuses %s %s to a read key with experiences:write", async (method, path, body) => {
    const res = await callJson(method, path.replace("{id}", experienceId), { key: readKey, body });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("insufficient_scope");
    expect(res.body.details.required).toBe("experiences:write");
  });

  it.each(["/v1/experiences", "/v1/experiences/{id}"])(
    "refuses GET %s without the experiences scope",
    async (path) => {
      const res = await callJson("GET", path.replace("{id}", experienceId), { key: noneKey });
      expect(res.status).toBe(403);
      expect(res.body.details.required).toBe("experiences:read");
    },
  );
});

describe("OpenAPI document", () => {
  it("documents every experience and recurrence operation with its schemas", async () => {
    const { status, body } = await callJson("GET", "/openapi.json");
    expect(status).toBe(200);
    const operations = {
      "/v1/experiences": ["get", "post"],
      "/v1/experiences/{id}": ["get", "patch"],
      "/v1/experiences/{id}/recurrences": ["get", "post"],
      "/v1/experiences/{id}/recurrences/{rec_id}": ["delete", "get", "patch"],
    };
    for (const [path, methods] of Object.entries(operations)) {
      expect(Object.keys(body.paths[path] ?? {}).sort(), path).toEqual(methods);
      for (const method of methods) expect(body.paths[path][method].summary).toBeTruthy();
    }
    const schemas = Object.keys(body.components.schemas);
    for (const name of [
      "CreateExperienceBody",
      "Experience",
      "CreateRecurrenceBody",
      "Recurrence",
    ]) {
      expect(schemas).toContain(name);
    }
  });
});
