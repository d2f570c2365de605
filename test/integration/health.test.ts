import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { callJson, expectError, readJson } from "../helpers/http";

/** A binding that fails the way an outage does: every call rejects. */
function downBinding(what: string): never {
  return new Proxy(
    {},
    {
      get: () => () => {
        throw new Error(`${what} is down`);
      },
    },
  ) as never;
}

async function readyWith(overrides: Partial<Env>) {
  const res = await createApp().request("/health/ready", {}, { ...env, ...overrides });
  return { status: res.status, body: await readJson(res) };
}

describe("§16 health", () => {
  it("GET /health answers without touching a dependency", async () => {
    const res = await createApp().request(
      "/health",
      {},
      {
        ...env,
        DB: downBinding("D1"),
        IDEMPOTENCY: downBinding("Durable Objects"),
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("GET /health/ready checks D1 and the Durable Object namespace for real", async () => {
    const { status, body } = await callJson("GET", "/health/ready");
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, checks: { d1: "ok", durable_objects: "ok" } });
  });

  it.each([
    ["d1", { DB: downBinding("D1") }, { d1: "failed", durable_objects: "ok" }],
    [
      "durable_objects",
      { IDEMPOTENCY: downBinding("Durable Objects") },
      { d1: "ok", durable_objects: "failed" },
    ],
  ])("answers 503 naming %s when it is down", async (part, overrides, checks) => {
    const res = await readyWith(overrides as Partial<Env>);
    expectError(res, 503, "service_unavailable");
    expect(res.body.error).toBe(`Not ready: ${part} unavailable`);
    expect(res.body.details).toEqual({ failed: [part], checks });
    expect(JSON.stringify(res.body)).not.toContain("is down");
  });

  it("names both parts when both are down", async () => {
    const res = await readyWith({ DB: downBinding("D1"), IDEMPOTENCY: downBinding("DO") });
    expectError(res, 503, "service_unavailable");
    expect(res.body.details.failed).toEqual(["d1", "durable_objects"]);
  });

  it("documents both health routes in the OpenAPI document", async () => {
    const { body } = await callJson("GET", "/openapi.json");
    expect(Object.keys(body.paths["/health/ready"].get.responses).sort()).toEqual([
      "200",
      "500",
      "503",
    ]);
    expect(body.paths["/health"].get.security).toEqual([]);
  });
});
