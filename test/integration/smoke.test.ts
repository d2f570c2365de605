import { describe, expect, it } from "vitest";
import { call, callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

describe("smoke", () => {
  it("answers /health", async () => {
    const res = await call("GET", "/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("lists GENERAL for a new organization", async () => {
    const { key } = await createTenant();
    const { status, body } = await callJson("GET", "/v1/spaces", { key });
    expect(status).toBe(200);
    expect(body.data[0].id).toBe("GENERAL");
  });
});
