import { describe, expect, it } from "vitest";
import { admin, callJson } from "../helpers/http";
import { createApiKey, createOrganization, type Level } from "../helpers/tenants";

describe("§3 authentication", () => {
  it("answers 401 missing_api_key without a key", async () => {
    const { status, body } = await callJson("GET", "/v1/spaces");
    expect(status).toBe(401);
    expect(body.code).toBe("missing_api_key");
  });

  it("answers 401 invalid_api_key for an unknown key", async () => {
    const { status, body } = await callJson("GET", "/v1/spaces", { key: "bk_live_nope" });
    expect(status).toBe(401);
    expect(body.code).toBe("invalid_api_key");
  });

  it("accepts Authorization: Bearer as well as X-API-KEY", async () => {
    const org = await createOrganization();
    const { key } = await createApiKey(org.id, { spaces: "read" });
    const { status } = await callJson("GET", "/v1/spaces", {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(status).toBe(200);
  });

  it("stops a revoked key on the very next request", async () => {
    const org = await createOrganization();
    const apiKey = await createApiKey(org.id, { spaces: "read" });
    expect((await callJson("GET", "/v1/spaces", { key: apiKey.key })).status).toBe(200);
    const revoke = await admin("DELETE", `/organizations/${org.id}/api-keys/${apiKey.id}`);
    expect(revoke.status).toBe(204);
    const after = await callJson("GET", "/v1/spaces", { key: apiKey.key });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("invalid_api_key");
  });

  it("issues keys of at least 32 base-62 characters after a readable prefix", async () => {
    const org = await createOrganization();
    const { key, prefix } = await createApiKey(org.id, {});
    expect(key).toMatch(/^bk_live_[0-9A-Za-z]{32,}$/);
    expect(key.startsWith(prefix)).toBe(true);
  });
});

describe("§3 scope matrix", () => {
  const cases: Array<[Level, "GET" | "POST", number]> = [
    ["none", "GET", 403],
    ["none", "POST", 403],
    ["read", "GET", 200],
    ["read", "POST", 403],
    ["write", "GET", 200],
    ["write", "POST", 201],
  ];

  it.each(cases)("spaces:%s → %s /v1/spaces answers %i", async (level, method, expected) => {
    const org = await createOrganization();
    const { key } = await createApiKey(org.id, { spaces: level });
    const body = method === "POST" ? { name: "Studio B" } : undefined;
    const res = await callJson(method, "/v1/spaces", { key, body });
    expect(res.status).toBe(expected);
    if (expected === 403) {
      expect(res.body.code).toBe("insufficient_scope");
      expect(res.body.details.required).toBe(`spaces:${method === "GET" ? "read" : "write"}`);
    }
  });

  it("treats an omitted resource as none", async () => {
    const org = await createOrganization();
    const { key } = await createApiKey(org.id, { experiences: "write" });
    const res = await callJson("GET", "/v1/spaces", { key });
    expect(res.status).toBe(403);
    expect(res.body.details.required).toBe("spaces:read");
  });
});
