import { describe, expect, it } from "vitest";
import { callJson, expectError } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

describe("§4 spaces", () => {
  it("lists GENERAL first, then spaces in creation order", async () => {
    const { key } = await createTenant();
    const a = await callJson("POST", "/v1/spaces", { key, body: { name: "Annex" } });
    const b = await callJson("POST", "/v1/spaces", { key, body: { name: "Basement" } });
    expect(a.status).toBe(201);
    expect(a.body.data.id).toMatch(/^spc_[0-9A-Za-z]{16,}$/);
    const list = await callJson("GET", "/v1/spaces", { key });
    expect(list.body.data.map((s: { id: string }) => s.id)).toEqual([
      "GENERAL",
      a.body.data.id,
      b.body.data.id,
    ]);
  });

  it("keeps organizations apart", async () => {
    const one = await createTenant();
    const two = await createTenant();
    await callJson("POST", "/v1/spaces", { key: one.key, body: { name: "Private" } });
    const list = await callJson("GET", "/v1/spaces", { key: two.key });
    expect(list.body.data).toHaveLength(1);
  });
});

describe("§4 members", () => {
  it("adds a member with and without email", async () => {
    const { key } = await createTenant();
    const withEmail = await callJson("POST", "/v1/spaces/GENERAL/members", {
      key,
      body: { name: "Ada", email: "ada@example.com" },
    });
    expect(withEmail.status).toBe(201);
    expect(withEmail.body.data).toEqual({
      id: expect.stringMatching(/^sm_[0-9A-Za-z]{16,}$/),
      space_id: "GENERAL",
      name: "Ada",
      email: "ada@example.com",
      created_at: expect.any(String),
    });
    const without = await callJson("POST", "/v1/spaces/GENERAL/members", {
      key,
      body: { name: "Grace" },
    });
    expect(without.body.data.email).toBeNull();
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "x".repeat(121) }, "name"],
    [{ name: "Ok", email: "not-an-email" }, "email"],
    [{}, "name"],
  ])("rejects member %j on %s", async (payload, field) => {
    const { key } = await createTenant();
    const res = await callJson("POST", "/v1/spaces/GENERAL/members", { key, body: payload });
    expectError(res, 400, "validation_failed");
    expect(res.body.details.fieldErrors[field]).toEqual([expect.any(String)]);
  });

  it("answers 404 for members of an unknown or foreign space", async () => {
    const one = await createTenant();
    const two = await createTenant();
    const space = await callJson("POST", "/v1/spaces", { key: one.key, body: { name: "S" } });
    for (const path of [
      `/v1/spaces/${space.body.data.id}/members`,
      "/v1/spaces/spc_nope/members",
    ]) {
      const list = await callJson("GET", path, { key: two.key });
      expectError(list, 404, "not_found");
      const add = await callJson("POST", path, { key: two.key, body: { name: "X" } });
      expectError(add, 404, "not_found");
    }
    // Nothing was added to organization one's space by the foreign POST.
    const members = await callJson("GET", `/v1/spaces/${space.body.data.id}/members`, {
      key: one.key,
    });
    expect(members.body.data).toEqual([]);
  });
});

describe("§1 pagination", () => {
  it("paginates members with totals", async () => {
    const { key } = await createTenant();
    for (const name of ["A", "B", "C"]) {
      await callJson("POST", "/v1/spaces/GENERAL/members", { key, body: { name } });
    }
    const page2 = await callJson("GET", "/v1/spaces/GENERAL/members?page=2&page_size=2", { key });
    expect(page2.status).toBe(200);
    expect(page2.body.data.map((m: { name: string }) => m.name)).toEqual(["C"]);
    expect(page2.body.pagination).toEqual({ total: 3, page: 2, page_size: 2, total_pages: 2 });
    const defaults = await callJson("GET", "/v1/spaces/GENERAL/members", { key });
    expect(defaults.body.pagination).toEqual({ total: 3, page: 1, page_size: 50, total_pages: 1 });
    const beyond = await callJson("GET", "/v1/spaces/GENERAL/members?page=9", { key });
    expect(beyond.body.data).toEqual([]);
  });

  it("accepts page_size 1 and 200", async () => {
    const { key } = await createTenant();
    for (const name of ["A", "B"]) {
      await callJson("POST", "/v1/spaces/GENERAL/members", { key, body: { name } });
    }
    const one = await callJson("GET", "/v1/spaces/GENERAL/members?page_size=1", { key });
    expect(one.status).toBe(200);
    expect(one.body.data.map((m: { name: string }) => m.name)).toEqual(["A"]);
    expect(one.body.pagination).toEqual({ total: 2, page: 1, page_size: 1, total_pages: 2 });
    const all = await callJson("GET", "/v1/spaces/GENERAL/members?page_size=200", { key });
    expect(all.status).toBe(200);
    expect(all.body.data.map((m: { name: string }) => m.name)).toEqual(["A", "B"]);
    expect(all.body.pagination).toEqual({ total: 2, page: 1, page_size: 200, total_pages: 1 });
  });

  it.each([
    "page=0",
    "page=-1",
    "page_size=0",
    "page_size=201",
    "page=abc",
    "page_size=2.5",
    "page=",
  ])("rejects %s with Invalid pagination parameters", async (query) => {
    const { key } = await createTenant();
    const res = await callJson("GET", `/v1/spaces/GENERAL/members?${query}`, { key });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    expect(res.body.error).toBe("Invalid pagination parameters");
  });
});

describe("§4 member emails", () => {
  it("trims the email and treats null as no email", async () => {
    const { key } = await createTenant();
    const trimmed = await callJson("POST", "/v1/spaces/GENERAL/members", {
      key,
      body: { name: "Ada", email: "  ada@example.com " },
    });
    expect(trimmed.status).toBe(201);
    expect(trimmed.body.data.email).toBe("ada@example.com");
    const none = await callJson("POST", "/v1/spaces/GENERAL/members", {
      key,
      body: { name: "Grace", email: null },
    });
    expect(none.status).toBe(201);
    expect(none.body.data.email).toBeNull();
  });
});
