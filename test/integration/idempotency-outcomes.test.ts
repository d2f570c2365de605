import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { apiKeyScope, idempotencyObjectName } from "../../src/idempotency/scope";
import { call, callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

/** Whether the key's Durable Object holds a record: a released key leaves nothing behind. */
async function holdsRecord(keyId: string, key: string): Promise<boolean> {
  const name = idempotencyObjectName({ scope: apiKeyScope(keyId), key });
  return runInDurableObject(env.IDEMPOTENCY.getByName(name), (_instance, state) => {
    const tables = state.storage.sql
      .exec("SELECT name FROM sqlite_master WHERE name = 'idempotency_record'")
      .toArray();
    return tables.length > 0;
  });
}

describe("Idempotency-Key: what is stored", () => {
  it("does not store a 400 validation failure: the corrected retry runs (201)", async () => {
    const { key, keyId } = await createTenant();
    const headers = { "Idempotency-Key": "fix-and-retry" };
    const invalid = await callJson("POST", "/v1/spaces", { key, headers, body: { name: "" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe("validation_failed");
    expect(await holdsRecord(keyId, "fix-and-retry")).toBe(false);

    const fixed = await callJson("POST", "/v1/spaces", { key, headers, body: { name: "Fixed" } });
    expect(fixed.status).toBe(201);
    expect(fixed.res.headers.get("Idempotent-Replay")).toBeNull();
  });

  it("does not store invalid JSON, which is refused before the key is looked at", async () => {
    const { key } = await createTenant();
    const headers = { "Idempotency-Key": "broken-json", "content-type": "application/json" };
    expect((await call("POST", "/v1/spaces", { key, headers, rawBody: "{" })).status).toBe(400);
    const fixed = await callJson("POST", "/v1/spaces", { key, headers, body: { name: "Ok" } });
    expect(fixed.status).toBe(201);
  });

  it("does not store a 403 insufficient_scope", async () => {
    const { key, keyId } = await createTenant("UTC", { spaces: "read" });
    const headers = { "Idempotency-Key": "no-scope" };
    const res = await callJson("POST", "/v1/spaces", { key, headers, body: { name: "X" } });
    expect(res.body.code).toBe("insufficient_scope");
    expect(await holdsRecord(keyId, "no-scope")).toBe(false);
  });

  it("does not store the 404 of an unknown route", async () => {
    const { key, keyId } = await createTenant();
    const headers = { "Idempotency-Key": "no-route" };
    const res = await callJson("POST", "/v1/nowhere", { key, headers, body: {} });
    expect(res.status).toBe(404);
    expect(await holdsRecord(keyId, "no-route")).toBe(false);
  });

  it("replays a stored business 404 even after the condition has changed", async () => {
    const { key, orgId } = await createTenant();
    const path = "/v1/spaces/spc_AddedLater0000000000/members";
    const headers = { "Idempotency-Key": "missing-parent" };
    const first = await call("POST", path, { key, headers, body: { name: "Ada" } });
    const firstBody = await first.text();
    expect(first.status).toBe(404);

    // The space appears afterwards (written straight to D1: IDs are not chosen through the API).
    await env.DB.prepare(
      "INSERT INTO spaces (organization_id, id, name, created_at) VALUES (?, ?, ?, ?)",
    )
      .bind(orgId, "spc_AddedLater0000000000", "Added later", Date.now())
      .run();
    const withoutKey = await callJson("POST", path, { key, body: { name: "Ada" } });
    expect(withoutKey.status).toBe(201);

    const replay = await call("POST", path, { key, headers, body: { name: "Ada" } });
    expect(replay.status).toBe(404);
    expect(replay.headers.get("Idempotent-Replay")).toBe("true");
    expect(await replay.text()).toBe(firstBody);
  });
});
