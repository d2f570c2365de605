import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../../src/db/client";
import { WriteBatch } from "../../src/db/write-batch";
import { insertSpaceStatement } from "../../src/features/spaces/spaces.repository";
import { createSpace } from "../../src/features/spaces/spaces.service";
import { fingerprintOf } from "../../src/idempotency/fingerprint";
import { recordIdempotencyKey } from "../../src/idempotency/idempotent-write";
import { LEASE_MS, REPLAY_WINDOW_MS } from "../../src/idempotency/record";
import { apiKeyScope } from "../../src/idempotency/scope";
import { callJson } from "../helpers/http";
import { HOUR, postSpace, storeFor, travelTo } from "../helpers/idempotency";
import { createTenant } from "../helpers/tenants";

afterEach(() => {
  vi.useRealTimers();
});

describe("Idempotency-Key: crash safety", () => {
  it("returns the original resource when the replay record was lost after the D1 write", async () => {
    const { key, keyId } = await createTenant();
    const first = await postSpace(key, "lost-record");
    await runInDurableObject(storeFor(keyId, "lost-record"), (_i, state) =>
      state.storage.deleteAll(),
    );

    const retry = await postSpace(key, "lost-record");
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const spaces = await callJson("GET", "/v1/spaces", { key });
    expect(spaces.body.data).toHaveLength(2);
  });

  it("re-runs an attempt whose Worker died after the D1 batch without a duplicate", async () => {
    const { key, keyId, orgId } = await createTenant();
    const body = new TextEncoder().encode(JSON.stringify({ name: "Studio" }));
    const fingerprint = await fingerprintOf("POST", "/v1/spaces", body);
    // The dead attempt: it claimed the key, wrote its rows and key in D1, and never completed.
    const claimedAt = Date.now() - LEASE_MS - 1;
    await storeFor(keyId, "dead-worker").begin(fingerprint, claimedAt);
    const scope = { scope: apiKeyScope(keyId), key: "dead-worker" };
    const original = await createSpace(createDb(env.DB), {
      organizationId: orgId,
      body: { name: "Studio" },
      now: claimedAt,
      idempotency: scope,
    });

    const retry = await postSpace(key, "dead-worker");
    expect(retry.status).toBe(201);
    expect(retry.body.data.id).toBe(original.id);
    expect(retry.body.data.created_at).toBe(original.created_at);
    const spaces = await callJson("GET", "/v1/spaces", { key });
    expect(spaces.body.data).toHaveLength(2);
    expect((await postSpace(key, "dead-worker")).res.headers.get("Idempotent-Replay")).toBe("true");
  });

  it("answers 409 while a dead attempt's lease is still running", async () => {
    const { key, keyId } = await createTenant();
    const body = new TextEncoder().encode(JSON.stringify({ name: "Studio" }));
    const fingerprint = await fingerprintOf("POST", "/v1/spaces", body);
    await storeFor(keyId, "fresh-lease").begin(fingerprint, Date.now());
    const retry = await postSpace(key, "fresh-lease");
    expect(retry.status).toBe(409);
    expect(retry.res.headers.get("Retry-After")).toBe("1");
  });

  it("replaces the D1 key row of an expired key instead of failing", async () => {
    const { key, keyId } = await createTenant();
    const start = Date.now();
    travelTo(start);
    await postSpace(key, "reused-after-expiry", "First");
    travelTo(start + REPLAY_WINDOW_MS + HOUR);
    const second = await postSpace(key, "reused-after-expiry", "Second");
    expect(second.status).toBe(201);
    const row = await env.DB.prepare(
      "SELECT resource_id FROM idempotency_keys WHERE scope = ? AND key = ?",
    )
      .bind(apiKeyScope(keyId), "reused-after-expiry")
      .first<{ resource_id: string }>();
    expect(row?.resource_id).toBe(second.body.data.id);
  });

  it("rolls back a second create under a live key even when the lookup was skipped", async () => {
    const { key, keyId, orgId } = await createTenant();
    const db = createDb(env.DB);
    const scope = { scope: apiKeyScope(keyId), key: "raced" };
    const write = (id: string) => {
      const now = Date.now();
      const batch = new WriteBatch(db).add(
        insertSpaceStatement(db, { organizationId: orgId, id, name: id, createdAt: now }),
      );
      recordIdempotencyKey(
        batch,
        { now, idempotency: scope },
        { resourceType: "space", resourceId: id },
      );
      return batch.commit();
    };
    await write("spc_RaceWinner000000000");
    await expect(write("spc_RaceLoser0000000000")).rejects.toThrow();
    const spaces = await callJson("GET", "/v1/spaces", { key });
    expect(spaces.body.data.map((s: { id: string }) => s.id)).toEqual([
      "GENERAL",
      "spc_RaceWinner000000000",
    ]);
  });
});
