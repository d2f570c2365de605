import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { LEASE_MS, REPLAY_WINDOW_MS, type StoredResponse } from "../../src/idempotency/record";

const FINGERPRINT = "POST /v1/spaces sha256:aaaa";
const OTHER_FINGERPRINT = "POST /v1/spaces sha256:bbbb";
// Relative to the real clock: the store's alarm and cleanup read Date.now(), so a fixed date
// turned these tests red once it was more than 24 h in the past.
const T0 = Math.floor(Date.now() / 1000) * 1000;

function freshStore() {
  return env.IDEMPOTENCY.getByName(`test:${crypto.randomUUID()}`);
}

function storedResponse(text: string, location: string | null = null): StoredResponse {
  return {
    status: 201,
    contentType: "application/json",
    location,
    body: new TextEncoder().encode(text).buffer as ArrayBuffer,
  };
}

/** Whether the object still holds its table: after a reclaim nothing at all is left. */
async function hasRecordTable(store: ReturnType<typeof freshStore>): Promise<boolean> {
  return runInDurableObject(store, (_instance, state) => {
    const rows = state.storage.sql
      .exec("SELECT name FROM sqlite_master WHERE name = 'idempotency_record'")
      .toArray();
    return rows.length > 0;
  });
}

describe("IdempotencyStore: begin", () => {
  it("lets the first request run and answers in_progress to a duplicate", async () => {
    const store = freshStore();
    expect(await store.begin(FINGERPRINT, T0)).toEqual({ outcome: "new" });
    expect(await store.begin(FINGERPRINT, T0 + 10)).toEqual({ outcome: "in_progress" });
  });

  it("answers mismatch to another fingerprint, running or completed", async () => {
    const store = freshStore();
    await store.begin(FINGERPRINT, T0);
    expect(await store.begin(OTHER_FINGERPRINT, T0)).toEqual({ outcome: "mismatch" });
    await store.complete(FINGERPRINT, storedResponse("{}"), T0);
    expect(await store.begin(OTHER_FINGERPRINT, T0)).toEqual({ outcome: "mismatch" });
  });

  it("treats a method change as another fingerprint", async () => {
    const store = freshStore();
    await store.begin("POST /v1/spaces sha256:aaaa", T0);
    expect(await store.begin("PUT /v1/spaces sha256:aaaa", T0)).toEqual({ outcome: "mismatch" });
  });

  it("replays the stored status, bytes, content type and location", async () => {
    const store = freshStore();
    await store.begin(FINGERPRINT, T0);
    const body = '{"data":{"id":"spc_1"}}';
    expect(await store.complete(FINGERPRINT, storedResponse(body, "/v1/spaces/spc_1"), T0)).toBe(
      true,
    );
    const result = await store.begin(FINGERPRINT, T0 + 1000);
    if (result.outcome !== "replay") throw new Error(`expected replay, got ${result.outcome}`);
    expect(result.response.status).toBe(201);
    expect(result.response.contentType).toBe("application/json");
    expect(result.response.location).toBe("/v1/spaces/spc_1");
    expect(new TextDecoder().decode(result.response.body)).toBe(body);
  });
});

describe("IdempotencyStore: complete and release", () => {
  it("keeps the first completion when an attempt completes twice", async () => {
    const store = freshStore();
    await store.begin(FINGERPRINT, T0);
    await store.complete(FINGERPRINT, storedResponse("first"), T0);
    expect(await store.complete(FINGERPRINT, storedResponse("second"), T0)).toBe(false);
    const result = await store.begin(FINGERPRINT, T0);
    expect(result.outcome === "replay" && new TextDecoder().decode(result.response.body)).toBe(
      "first",
    );
  });

  it("ignores complete and release for a key that is not running", async () => {
    const store = freshStore();
    expect(await store.complete(FINGERPRINT, storedResponse("{}"), T0)).toBe(false);
    expect(await store.release(FINGERPRINT)).toBe(false);
    await store.begin(FINGERPRINT, T0);
    expect(await store.release(OTHER_FINGERPRINT)).toBe(false);
    expect(await store.begin(FINGERPRINT, T0)).toEqual({ outcome: "in_progress" });
  });

  it("frees the key on release, leaving no storage behind", async () => {
    const store = freshStore();
    await store.begin(FINGERPRINT, T0);
    expect(await hasRecordTable(store)).toBe(true);
    expect(await store.release(FINGERPRINT)).toBe(true);
    expect(await hasRecordTable(store)).toBe(false);
    expect(await store.begin(OTHER_FINGERPRINT, T0)).toEqual({ outcome: "new" });
  });
});

describe("IdempotencyStore: lease and expiry", () => {
  it("lets a retry re-run an attempt abandoned for the 30 s lease", async () => {
    const store = freshStore();
    await store.begin(FINGERPRINT, T0);
    expect(await store.begin(FINGERPRINT, T0 + LEASE_MS - 1)).toEqual({ outcome: "in_progress" });
    expect(await store.begin(FINGERPRINT, T0 + LEASE_MS)).toEqual({ outcome: "new" });
    expect(await store.begin(FINGERPRINT, T0 + LEASE_MS + 1)).toEqual({ outcome: "in_progress" });
  });

  it("keeps an abandoned attempt's body bound to the key", async () => {
    const store = freshStore();
    await store.begin(FINGERPRINT, T0);
    expect(await store.begin(OTHER_FINGERPRINT, T0 + LEASE_MS + 1)).toEqual({
      outcome: "mismatch",
    });
  });

  it("replays until 24 h after the response, then frees the key", async () => {
    const store = freshStore();
    await store.begin(FINGERPRINT, T0);
    await store.complete(FINGERPRINT, storedResponse("{}"), T0 + 500);
    const lastReplay = await store.begin(FINGERPRINT, T0 + 500 + REPLAY_WINDOW_MS - 1);
    expect(lastReplay.outcome).toBe("replay");
    expect(await store.begin(OTHER_FINGERPRINT, T0 + 500 + REPLAY_WINDOW_MS)).toEqual({
      outcome: "new",
    });
  });
});

describe("IdempotencyStore: alarm", () => {
  it("reclaims an expired record's storage, and is safe to run twice", async () => {
    const store = freshStore();
    const now = Date.now();
    await store.begin(FINGERPRINT, now);
    await store.complete(FINGERPRINT, storedResponse("{}"), now);
    // The alarm reads Date; fake only Date so the record is past its 24 h when it runs. The
    // real alarm stays 24 h away, so nothing runs it behind the test's back.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(now + REPLAY_WINDOW_MS + 60_000);
    try {
      expect(await runDurableObjectAlarm(store)).toBe(true);
      expect(await hasRecordTable(store)).toBe(false);
      await runInDurableObject(store, async (instance, state) => {
        await instance.alarm();
        await instance.alarm();
        expect(await state.storage.getAlarm()).toBeNull();
      });
      expect(await hasRecordTable(store)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
    expect(await store.begin(FINGERPRINT, Date.now())).toEqual({ outcome: "new" });
  });

  it("keeps a live record and re-arms for its expiry", async () => {
    const store = freshStore();
    const now = Date.now();
    await store.begin(FINGERPRINT, now);
    await store.complete(FINGERPRINT, storedResponse("{}"), now);
    expect(await runDurableObjectAlarm(store)).toBe(true);
    expect((await store.begin(FINGERPRINT, now + 1)).outcome).toBe("replay");
    const alarmAt = await runInDurableObject(store, (_i, state) => state.storage.getAlarm());
    expect(alarmAt).toBe(now + REPLAY_WINDOW_MS);
  });

  it("keeps an abandoned attempt until its 24 h are over", async () => {
    const store = freshStore();
    await store.begin(FINGERPRINT, Date.now() - LEASE_MS - 1);
    expect(await runDurableObjectAlarm(store)).toBe(true);
    expect(await store.begin(OTHER_FINGERPRINT, Date.now())).toEqual({ outcome: "mismatch" });
  });
});
