import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { idempotencyKeys } from "../../src/db/schema";
import worker from "../../src/index";

const HOUR = 3_600_000;

describe("§7 D1 idempotency rows are reclaimed by the cron trigger", () => {
  it("deletes rows older than 24 h and keeps younger ones", async () => {
    const db = createDb(env.DB);
    const now = Date.UTC(2027, 0, 10, 12);
    const row = (key: string, createdAt: number) => ({
      scope: "key:key_cleanup",
      key,
      resourceType: "space",
      resourceId: `spc_${key}`,
      createdAt,
    });
    await db
      .insert(idempotencyKeys)
      .values([
        row("old", now - 25 * HOUR),
        row("edge", now - 24 * HOUR),
        row("young", now - HOUR),
      ]);

    await worker.scheduled(
      createScheduledController({ scheduledTime: now, cron: "17 * * * *" }),
      env,
    );

    const left = await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys);
    expect(left.map((r) => r.key)).toEqual(["young"]);
  });
});
