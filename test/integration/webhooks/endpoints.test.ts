import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, callJson } from "../../helpers/http";
import { createApiKey, createTenant } from "../../helpers/tenants";
import { createEndpoint } from "../../helpers/webhooks";

const URL = "https://hooks.example.com/booking-api";

describe("webhook endpoints (§12)", () => {
  it("creates an endpoint and shows its whsec_ secret of 32 bytes only once", async () => {
    const { key } = await createTenant();
    const res = await callJson("POST", "/v1/webhook-endpoints", {
      key,
      body: { url: URL, events: ["booking.created"], description: "CRM sync" },
    });
    expect(res.status).toBe(201);
    const created = res.body.data;
    expect(created).toMatchObject({
      url: URL,
      events: ["booking.created"],
      description: "CRM sync",
      status: "active",
      disabled_reason: null,
    });
    expect(created.id).toMatch(/^whe_[0-9A-Za-z]{16,}$/);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(atob(created.secret.slice("whsec_".length))).toHaveLength(32);

    const fetched = await callJson("GET", `/v1/webhook-endpoints/${created.id}`, { key });
    expect(fetched.status).toBe(200);
    const { secret: _secret, ...withoutSecret } = created;
    expect(fetched.body.data).toEqual(withoutSecret);
    const listed = await callJson("GET", "/v1/webhook-endpoints", { key });
    expect(listed.body.data).toEqual([withoutSecret]);
    expect(listed.body.pagination).toEqual({ total: 1, page: 1, page_size: 50, total_pages: 1 });
  });

  it("stores the secret encrypted, never in clear text", async () => {
    const { key } = await createTenant();
    const endpoint = await createEndpoint(key, { url: URL, events: ["*"] });
    const row = await env.DB.prepare("SELECT * FROM webhook_endpoints WHERE id = ?")
      .bind(endpoint.id)
      .first<Record<string, unknown>>();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(endpoint.secret);
    expect(stored).not.toContain(endpoint.secret.slice("whsec_".length));
    expect(row?.secret_ciphertext).toMatch(/^v1\./);
  });

  it.each([
    [{ url: URL, events: [] }, "events"],
    [{ url: URL, events: ["booking.exploded"] }, "events.0"],
    [{ url: URL, events: ["*", "booking.created"] }, "events"],
    [{ url: URL, events: ["booking.created", "booking.created"] }, "events"],
    [{ url: URL, events: ["*"], description: "x".repeat(501) }, "description"],
    [{ url: URL, events: ["*"], status: "paused" }, "status"],
    [{ url: URL, events: ["*"], secret: "whsec_mine" }, "secret"],
    [{ url: `https://example.com/${"a".repeat(2048)}`, events: ["*"] }, "url"],
    [{ url: "http://hooks.example.com/", events: ["*"] }, "url"],
    [{ url: "https://192.168.1.1/hook", events: ["*"] }, "url"],
    [{ url: "https://[::1]/hook", events: ["*"] }, "url"],
    [{ url: "http://127.0.0.1:8806/hook", events: ["*"] }, "url"],
  ])("refuses %j with 400 validation_failed on %s", async (body, field) => {
    const { key } = await createTenant();
    const res = await callJson("POST", "/v1/webhook-endpoints", { key, body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    expect(Object.keys(res.body.details.fieldErrors)).toContain(field);
  });

  it("PATCHes fields, refuses an empty or unsafe PATCH, and re-enabling clears disabled_reason", async () => {
    const { key } = await createTenant();
    const endpoint = await createEndpoint(key, { url: URL, events: ["*"] });
    const path = `/v1/webhook-endpoints/${endpoint.id}`;
    const empty = await callJson("PATCH", path, { key, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.details.formErrors).toEqual(["At least one field is required"]);
    const unsafe = await callJson("PATCH", path, { key, body: { url: "https://10.1.1.1/" } });
    expect(unsafe.status).toBe(400);
    expect(unsafe.body.details.fieldErrors.url).toBeDefined();

    await env.DB.prepare(
      "UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'gone' WHERE id = ?",
    )
      .bind(endpoint.id)
      .run();
    const patched = await callJson("PATCH", path, {
      key,
      body: { status: "active", events: ["booking.cancelled"], description: "again" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      status: "active",
      disabled_reason: null,
      events: ["booking.cancelled"],
      description: "again",
    });
    expect(patched.body.data.secret).toBeUndefined();
  });

  it("DELETE answers 204, then the endpoint is gone from GET, PATCH and lists", async () => {
    const { key } = await createTenant();
    const endpoint = await createEndpoint(key, { url: URL, events: ["*"] });
    const path = `/v1/webhook-endpoints/${endpoint.id}`;
    const deleted = await call("DELETE", path, { key });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect((await callJson("GET", path, { key })).status).toBe(404);
    expect((await callJson("PATCH", path, { key, body: { description: "x" } })).status).toBe(404);
    // Gone is 404 even with a URL a live endpoint would be refused (§2: the resource first).
    const badUrl = { url: "http://10.0.0.1/hook" };
    expect((await callJson("PATCH", path, { key, body: badUrl })).status).toBe(404);
    expect((await call("DELETE", path, { key })).status).toBe(404);
    expect((await callJson("GET", "/v1/webhook-endpoints", { key })).body.data).toEqual([]);
  });

  it("rotate-secret returns a new secret once; the endpoint itself is unchanged", async () => {
    const { key } = await createTenant();
    const endpoint = await createEndpoint(key, { url: URL, events: ["*"] });
    const res = await callJson("POST", `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      key,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.secret).toMatch(/^whsec_/);
    expect(res.body.data.secret).not.toBe(endpoint.secret);
    expect(res.body.data.id).toBe(endpoint.id);
    expect(res.body.data.url).toBe(URL);
  });

  it("never shows another organization's endpoints: 404 on every route", async () => {
    const owner = await createTenant();
    const other = await createTenant();
    const endpoint = await createEndpoint(owner.key, { url: URL, events: ["*"] });
    const base = `/v1/webhook-endpoints/${endpoint.id}`;
    const attempts = [
      callJson("GET", base, { key: other.key }),
      callJson("PATCH", base, { key: other.key, body: { description: "mine now" } }),
      callJson("DELETE", base, { key: other.key }),
      callJson("POST", `${base}/rotate-secret`, { key: other.key }),
      callJson("POST", `${base}/test`, { key: other.key }),
      callJson("GET", `${base}/deliveries`, { key: other.key }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("not_found");
    }
    expect((await callJson("GET", "/v1/webhook-endpoints", { key: other.key })).body.data).toEqual(
      [],
    );
    expect((await callJson("GET", base, { key: owner.key })).body.data.description).toBe("");
  });

  it("requires the webhooks scope: read for GET, write for changes", async () => {
    const { orgId, key } = await createTenant();
    const endpoint = await createEndpoint(key, { url: URL, events: ["*"] });
    const base = `/v1/webhook-endpoints/${endpoint.id}`;
    const none = (await createApiKey(orgId, { experiences: "write", bookings: "write" })).key;
    const reader = (await createApiKey(orgId, { webhooks: "read" })).key;

    const denied = await callJson("GET", "/v1/webhook-endpoints", { key: none });
    expect(denied.status).toBe(403);
    expect(denied.body.details.required).toBe("webhooks:read");
    expect((await callJson("GET", "/v1/events", { key: none })).status).toBe(403);

    expect((await callJson("GET", base, { key: reader })).status).toBe(200);
    expect((await callJson("GET", `${base}/deliveries`, { key: reader })).status).toBe(200);
    expect((await callJson("GET", "/v1/events", { key: reader })).status).toBe(200);
    const writes = [
      callJson("POST", "/v1/webhook-endpoints", { key: reader, body: { url: URL, events: ["*"] } }),
      callJson("PATCH", base, { key: reader, body: { description: "x" } }),
      callJson("DELETE", base, { key: reader }),
      callJson("POST", `${base}/rotate-secret`, { key: reader }),
      callJson("POST", `${base}/test`, { key: reader }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(403);
      expect(res.body.details.required).toBe("webhooks:write");
    }
  });

  it("shows the webhooks level on API keys, none when omitted", async () => {
    const { orgId } = await createTenant();
    const key = await createApiKey(orgId, { bookings: "read" });
    expect((key as unknown as { scopes: Record<string, string> }).scopes).toEqual({
      experiences: "none",
      bookings: "read",
      spaces: "none",
      webhooks: "none",
    });
  });

  it("rotate-secret and test take no fields: a stray one is a 400 naming it", async () => {
    const { key } = await createTenant();
    const endpoint = await createEndpoint(key, { url: URL, events: ["*"] });
    for (const action of ["rotate-secret", "test"]) {
      const path = `/v1/webhook-endpoints/${endpoint.id}/${action}`;
      const stray = await callJson("POST", path, { key, body: { secret: "mine" } });
      expect(stray.status, action).toBe(400);
      expect(stray.body.details.fieldErrors, action).toHaveProperty("secret");
      expect((await callJson("POST", path, { key, body: {} })).status, action).toBeLessThan(300);
      expect((await call("POST", path, { key })).status, action).toBeLessThan(300);
    }
  });
});
