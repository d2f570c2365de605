import { describe, expect, it } from "vitest";
import { SCALAR_BUNDLE_PATH } from "../../src/docs/docs-page";
import { call, callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

/**
 * The binding counts in fixed 10 s windows, so a burst that straddles a window edge may need up
 * to 2 × 60 requests before it is refused; 130 tries keep these tests deterministic.
 */
const MAX_TRIES = 130;

async function sendUntilLimited(path: string, options: Parameters<typeof call>[2]) {
  const statuses: number[] = [];
  for (let i = 0; i < MAX_TRIES; i++) {
    const res = await call("GET", path, options);
    statuses.push(res.status);
    if (res.status === 429) return { statuses, limited: res };
  }
  return { statuses, limited: undefined };
}

describe("§11 rate limit", () => {
  it("answers 429 rate_limited with Retry-After once a key passes 60 requests in 10 s", async () => {
    const { key } = await createTenant();
    const { statuses, limited } = await sendUntilLimited("/v1/spaces", { key });
    expect(statuses.length).toBeGreaterThan(60);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(limited).toBeDefined();
    expect(limited?.headers.get("retry-after")).toBe("10");
    const body = await limited?.json<{ code: string }>();
    expect(body?.code).toBe("rate_limited");
  });

  it("limits each API key separately", async () => {
    const busy = await createTenant();
    const quiet = await createTenant();
    const { limited } = await sendUntilLimited("/v1/spaces", { key: busy.key });
    expect(limited?.status).toBe(429);
    expect((await call("GET", "/v1/spaces", { key: quiet.key })).status).toBe(200);
  });

  it("limits a flood of wrong keys too: 401 until the limit, then 429 (asked before the lookup counts)", async () => {
    const wrong = `bk_live_wrong_${crypto.randomUUID()}`;
    const { statuses, limited } = await sendUntilLimited("/v1/spaces", { key: wrong });
    expect(statuses.length).toBeGreaterThan(60);
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    expect(limited?.headers.get("retry-after")).toBe("10");
  });

  it("limits public routes per client IP", async () => {
    const headers = { "cf-connecting-ip": "203.0.113.77" };
    const { limited } = await sendUntilLimited("/public/nothing", { headers });
    expect(limited?.status).toBe(429);
    const other = await call("GET", "/public/nothing", {
      headers: { "cf-connecting-ip": "203.0.113.78" },
    });
    expect(other.status).toBe(404);
  });
});

describe("§11 health, OpenAPI and docs", () => {
  it("answers /health with ok", async () => {
    const { status, body } = await callJson("GET", "/health");
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true });
  });

  it("serves an OpenAPI 3.1 document listing every route", async () => {
    const { status, body } = await callJson("GET", "/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    const operations = Object.entries(body.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        "GET /v1/spaces",
        "POST /v1/spaces",
        "GET /v1/spaces/{space_id}/members",
        "POST /v1/spaces/{space_id}/members",
        "POST /admin/organizations",
        "POST /admin/organizations/{org_id}/api-keys",
        "GET /admin/organizations/{org_id}/api-keys",
        "DELETE /admin/organizations/{org_id}/api-keys/{key_id}",
      ]),
    );
    expect(body.components.securitySchemes.ApiKey).toEqual({
      type: "apiKey",
      in: "header",
      name: "X-API-KEY",
    });
  });

  it("renders an HTML reference at /docs", async () => {
    const res = await call("GET", "/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const page = await res.text();
    expect(page).toContain("/openapi.json");
    expect(page).toContain("/v1/spaces/{space_id}/members");
    // The interactive reference is the pinned Scalar bundle, from this origin (no CDN).
    expect(page).toContain(`<script src="${SCALAR_BUNDLE_PATH}"></script>`);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).toContain('<main id="fallback">');
    // wrangler serves the bundle itself ([assets]), before the Worker: the browser test loads it.
  });
});
