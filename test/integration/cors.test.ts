import { describe, expect, it } from "vitest";
import { call, callJson } from "../helpers/http";
import { publicFixture } from "../helpers/public";

const ORIGIN = { origin: "https://studio.example" };

function preflight(path: string, method = "POST") {
  return call("OPTIONS", path, {
    headers: {
      ...ORIGIN,
      "access-control-request-method": method,
      "access-control-request-headers": "content-type, idempotency-key",
    },
  });
}

describe("§16 CORS on the public routes", () => {
  it("answers a preflight with 204, any origin, the methods and headers, and no credentials", async () => {
    const { experienceId } = await publicFixture();
    const res = await preflight(`/public/experiences/${experienceId}/bookings`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, HEAD, POST, OPTIONS");
    expect(res.headers.get("access-control-allow-headers")).toBe("content-type, idempotency-key");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("allows any origin on answers and errors of /public, and exposes the useful headers", async () => {
    const { experienceId } = await publicFixture();
    const ok = await callJson("GET", `/public/experiences/${experienceId}`, { headers: ORIGIN });
    expect(ok.status).toBe(200);
    const missing = await callJson("GET", "/public/experiences/exp_nope0000000000000", {
      headers: ORIGIN,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("not_found");
    for (const { res } of [ok, missing]) {
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
      expect(res.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
    }
  });

  it("covers the calendar feeds under /public as well", async () => {
    const res = await preflight("/public/calendars/abc.ics", "GET");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("sends no CORS header on /v1, preflight or not", async () => {
    const pre = await preflight("/v1/spaces");
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    expect(pre.headers.get("access-control-allow-methods")).toBeNull();
    const get = await callJson("GET", "/v1/spaces", { headers: ORIGIN });
    expect(get.status).toBe(401);
    expect(get.res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
