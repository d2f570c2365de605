import { beforeAll, describe, expect, it } from "vitest";
import { callJson } from "../helpers/http";
import { createBookableExperience, freshKey, services, sessionIdOf } from "../helpers/scheduling";
import { createApiKey, createTenant } from "../helpers/tenants";

// The organization's zone is New York, so 02:00 UTC belongs to the previous local date.
let orgId: string;
const ids: Record<string, string> = {};
let experienceA: string;
let experienceB: string;
let sharedSession: string;

beforeAll(async () => {
  ({ orgId } = await createTenant("America/New_York"));
  const key = await freshKey(orgId);
  const recurrence = {
    start_date: "2030-01-01",
    session_templates: [{ start_time_of_day: "02:00" }, { start_time_of_day: "18:00" }],
  };
  const a = await createBookableExperience({ key, recurrence });
  const b = await createBookableExperience({ key, recurrence });
  experienceA = a.experienceId;
  experienceB = b.experienceId;
  sharedSession = sessionIdOf(a.recurrenceId, "2030-01-07", "18:00");
  const plan: Array<[string, typeof a, string, string]> = [
    ["b1", a, "2030-01-07", "02:00"], // New York: 2030-01-06 21:00
    ["b2", a, "2030-01-07", "18:00"], // New York: 2030-01-07 13:00
    ["b3", a, "2030-01-08", "02:00"], // New York: 2030-01-07 21:00 (cancelled below)
    ["b4", b, "2030-01-08", "18:00"], // New York: 2030-01-08 13:00
    ["b5", a, "2030-01-07", "18:00"], // same session as b2
  ];
  const T0 = Date.UTC(2030, 0, 1);
  for (const [index, [name, experience, date, time]] of plan.entries()) {
    const booking = await services.book(orgId, experience.experienceId, T0 + index, {
      session_id: sessionIdOf(experience.recurrenceId, date, time),
    });
    ids[name] = booking.id;
  }
  await services.cancel(orgId, ids.b3 ?? "", T0 + 10);
});

async function list(query: string) {
  return callJson("GET", `/v1/bookings${query ? `?${query}` : ""}`, { key: await freshKey(orgId) });
}

async function namesOf(query: string) {
  const res = await list(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return (res.body.data as Array<{ id: string }>).map((b) => byId[b.id] ?? b.id);
}

describe("GET /v1/bookings", () => {
  it("lists the organization's bookings newest first with pagination", async () => {
    const res = await list("");
    expect(res.body.pagination).toEqual({ total: 5, page: 1, page_size: 50, total_pages: 1 });
    expect(await namesOf("")).toEqual(["b5", "b4", "b3", "b2", "b1"]);
    const page2 = await list("page_size=2&page=2");
    expect(page2.body.pagination).toEqual({ total: 5, page: 2, page_size: 2, total_pages: 3 });
    expect(await namesOf("page_size=2&page=2")).toEqual(["b3", "b2"]);
    expect(await namesOf("page_size=2&page=3")).toEqual(["b1"]);
    expect(await namesOf("page_size=2&page=4")).toEqual([]);
  });

  it.each([
    ["experience_id=A", () => `experience_id=${experienceA}`, ["b5", "b3", "b2", "b1"]],
    ["experience_id=B", () => `experience_id=${experienceB}`, ["b4"]],
    ["session_id", () => `session_id=${sharedSession}`, ["b5", "b2"]],
    ["status=cancelled", () => "status=cancelled", ["b3"]],
    ["status=confirmed", () => "status=confirmed", ["b5", "b4", "b2", "b1"]],
    [
      "status=confirmed,cancelled",
      () => "status=confirmed,cancelled",
      ["b5", "b4", "b3", "b2", "b1"],
    ],
    [
      "one local date (org zone), to inclusive",
      () => "from=2030-01-07&to=2030-01-07",
      ["b5", "b3", "b2"],
    ],
    ["from a local date", () => "from=2030-01-08", ["b4"]],
    ["to a local date", () => "to=2030-01-06", ["b1"]],
    [
      "ISO instants, both ends inclusive",
      () => "from=2030-01-07T18:00:00.000Z&to=2030-01-08T02:00:00.000Z",
      ["b5", "b3", "b2"],
    ],
    ["an ISO instant 1 ms later", () => "from=2030-01-07T18:00:00.001Z", ["b4", "b3"]],
    [
      "ISO instants with an offset",
      () =>
        `from=${encodeURIComponent("2030-01-07T13:00:00-05:00")}&to=${encodeURIComponent("2030-01-07T13:00:00-05:00")}`,
      ["b5", "b2"],
    ],
    [
      "combined filters",
      () => `experience_id=${experienceA}&status=confirmed&from=2030-01-07`,
      ["b5", "b2"],
    ],
  ])("filters by %s", async (_label, query, expected) => {
    expect(await namesOf(query())).toEqual(expected);
  });

  it.each([
    ["page=0", "Invalid pagination parameters"],
    ["page_size=201", "Invalid pagination parameters"],
    ["status=pending", undefined],
    ["status=", undefined],
    ["from=2030-02-30", undefined],
    ["to=yesterday", undefined],
  ])("answers 400 validation_failed to %s", async (query, message) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    if (message) expect(res.body.error).toBe(message);
  });

  it("shows nothing of other organizations", async () => {
    const other = await createTenant("UTC");
    const res = await callJson("GET", "/v1/bookings", { key: other.key });
    expect(res.body).toMatchObject({ data: [], pagination: { total: 0 } });
  });
});

describe("GET /v1/bookings/{id}", () => {
  it("returns the booking, and 404 for unknown and foreign IDs", async () => {
    const res = await callJson("GET", `/v1/bookings/${ids.b2}`, { key: await freshKey(orgId) });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: ids.b2, session_id: sharedSession });
    const other = await createTenant("UTC");
    for (const id of [ids.b2, "bkg_unknownBooking00000"]) {
      const foreign = await callJson("GET", `/v1/bookings/${id}`, { key: other.key });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe("not_found");
    }
  });
});

describe("bookings scopes", () => {
  it("an experiences-only key gets 403 with details.required bookings:read / bookings:write", async () => {
    const { key } = await createApiKey(orgId, { experiences: "write" });
    const cases: Array<[string, string, string]> = [
      ["GET", "/v1/bookings", "bookings:read"],
      ["GET", `/v1/bookings/${ids.b1}`, "bookings:read"],
      ["POST", `/v1/bookings/${ids.b1}/cancel`, "bookings:write"],
      ["POST", `/v1/experiences/${experienceA}/bookings`, "bookings:write"],
    ];
    for (const [method, path, required] of cases) {
      const res = await callJson(method, path, { key, body: method === "POST" ? {} : undefined });
      expect(res.status, path).toBe(403);
      expect(res.body).toMatchObject({ code: "insufficient_scope", details: { required } });
    }
    const reader = await createApiKey(orgId, { bookings: "read" });
    expect((await callJson("GET", "/v1/bookings", { key: reader.key })).status).toBe(200);
  });
});
