import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { admin, callJson, expectError } from "../helpers/http";
import { createOrganization } from "../helpers/tenants";

describe("§3 operator API", () => {
  it("creates an organization with defaults and its GENERAL space", async () => {
    const { status, body } = await admin("POST", "/organizations", { name: "  Yoga Loft  " });
    expect(status).toBe(201);
    expect(body.data).toEqual({
      id: expect.stringMatching(/^org_[0-9A-Za-z]{16,}$/),
      name: "Yoga Loft",
      timezone: "UTC",
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const key = await admin("POST", `/organizations/${body.data.id}/api-keys`, {
      name: "k",
      scopes: { spaces: "read" },
    });
    const spaces = await callJson("GET", "/v1/spaces", { key: key.body.data.key });
    expect(spaces.body.data).toEqual([
      { id: "GENERAL", name: "General", created_at: expect.any(String) },
    ]);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "x".repeat(121) }, "name"],
    [{ name: "Ok", timezone: "Mars/Olympus" }, "timezone"],
    [{ name: "Ok", timezone: "+01:00" }, "timezone"],
  ])("rejects an invalid organization %j on %s", async (payload, field) => {
    const res = await admin("POST", "/organizations", payload);
    expectError(res, 400, "validation_failed");
    expect(res.body.details.fieldErrors[field]).toEqual([expect.any(String)]);
  });

  it("creates a key whose secret appears only once", async () => {
    const org = await createOrganization();
    const created = await admin("POST", `/organizations/${org.id}/api-keys`, {
      name: "Integration",
      scopes: { experiences: "read" },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.scopes).toEqual({
      experiences: "read",
      bookings: "none",
      spaces: "none",
      webhooks: "none",
    });
    const list = await admin("GET", `/organizations/${org.id}/api-keys`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].id).toBe(created.body.data.id);
    expect(list.body.data[0]).not.toHaveProperty("key");
    expect(JSON.stringify(list.body)).not.toContain(created.body.data.key);
  });

  it("rejects an unknown scope resource or level", async () => {
    const org = await createOrganization();
    const bad = await admin("POST", `/organizations/${org.id}/api-keys`, {
      name: "k",
      scopes: { payments: "write", bookings: "admin" },
    });
    expectError(bad, 400, "validation_failed");
    expect(Object.keys(bad.body.details.fieldErrors).sort()).toEqual([
      "scopes.bookings",
      "scopes.payments",
    ]);
  });

  it("answers 404 for keys of an unknown organization", async () => {
    const res = await admin("POST", "/organizations/org_doesnotexist000000/api-keys", {
      name: "k",
      scopes: {},
    });
    expectError(res, 404, "not_found");
    const rows = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM api_keys WHERE organization_id = ?",
    )
      .bind("org_doesnotexist000000")
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("answers 404 when revoking a key through another organization", async () => {
    const a = await createOrganization();
    const b = await createOrganization();
    const key = await admin("POST", `/organizations/${a.id}/api-keys`, { name: "k", scopes: {} });
    const res = await admin("DELETE", `/organizations/${b.id}/api-keys/${key.body.data.id}`);
    expectError(res, 404, "not_found");
    // The key of organization a still works: the foreign DELETE changed nothing.
    const list = await admin("GET", `/organizations/${a.id}/api-keys`);
    expect(list.body.data.map((k: { id: string }) => k.id)).toEqual([key.body.data.id]);
    const stillWorks = await callJson("GET", "/v1/spaces", { key: key.body.data.key });
    expectError(stillWorks, 403, "insufficient_scope");
  });

  it("answers 401 without a token and with a wrong one", async () => {
    const missing = await callJson("POST", "/admin/organizations", { body: { name: "X" } });
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe("missing_api_key");
    const wrong = await callJson("POST", "/admin/organizations", {
      body: { name: "X" },
      headers: { authorization: "Bearer not-the-token" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe("invalid_api_key");
  });

  it("answers 404 on every /admin route when ADMIN_TOKEN is not configured", async () => {
    const unconfigured = { ...env, ADMIN_TOKEN: "" };
    for (const path of ["/admin/organizations", "/admin/anything"]) {
      const res = await worker.fetch(
        new Request(`https://api.test${path}`, {
          method: "POST",
          headers: { authorization: "Bearer ", "content-type": "application/json" },
          body: JSON.stringify({ name: "X" }),
        }),
        unconfigured,
        {} as ExecutionContext,
      );
      expect(res.status).toBe(404);
      expect((await res.json<{ code: string }>()).code).toBe("not_found");
    }
    expect(exports.default).toBeDefined();
  });
});

describe("§1 time zone names", () => {
  it("stores an organization's zone in its canonical IANA spelling", async () => {
    const { status, body } = await admin("POST", "/organizations", {
      name: "Casing",
      timezone: "america/new_york",
    });
    expect(status).toBe(201);
    expect(body.data.timezone).toBe("America/New_York");
  });
});
