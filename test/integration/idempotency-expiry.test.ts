import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { REPLAY_WINDOW_MS } from "../../src/idempotency/record";
import { HOUR, postSpace, storeFor, travelTo } from "../helpers/idempotency";
import { createTenant } from "../helpers/tenants";

afterEach(() => {
  vi.useRealTimers();
});

describe("Idempotency-Key: expiry", () => {
  it("replays for 24 h after the first response, then runs the request afresh", async () => {
    const { key } = await createTenant();
    const start = Date.now();
    travelTo(start);
    const first = await postSpace(key, "expiring");

    travelTo(start + 24 * HOUR - 60_000);
    const lateReplay = await postSpace(key, "expiring");
    expect(lateReplay.res.headers.get("Idempotent-Replay")).toBe("true");
    expect(lateReplay.body.data.id).toBe(first.body.data.id);

    travelTo(start + 24 * HOUR + 60_000);
    const afresh = await postSpace(key, "expiring", "Another body is fine now");
    expect(afresh.status).toBe(201);
    expect(afresh.res.headers.get("Idempotent-Replay")).toBeNull();
    expect(afresh.body.data.id).not.toBe(first.body.data.id);
  });

  it("arms an alarm for the expiry that reclaims the record", async () => {
    const { key, keyId } = await createTenant();
    const before = Date.now();
    await postSpace(key, "alarmed");
    const store = storeFor(keyId, "alarmed");
    const alarmAt = await runInDurableObject(store, (_i, state) => state.storage.getAlarm());
    expect(alarmAt).toBeGreaterThanOrEqual(before + REPLAY_WINDOW_MS);
    expect(alarmAt).toBeLessThanOrEqual(Date.now() + REPLAY_WINDOW_MS);

    // An early alarm keeps the live record; a due one removes everything.
    expect(await runDurableObjectAlarm(store)).toBe(true);
    expect((await postSpace(key, "alarmed")).res.headers.get("Idempotent-Replay")).toBe("true");
    travelTo(Date.now() + REPLAY_WINDOW_MS + 1000);
    expect(await runDurableObjectAlarm(store)).toBe(true);
    const tables = await runInDurableObject(store, (_i, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray(),
    );
    expect(tables.map((t) => t.name)).not.toContain("idempotency_record");
  });
});
