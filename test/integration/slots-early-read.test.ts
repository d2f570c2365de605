import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { RoundTrip } from "../helpers/bound-parameter-guard";
import { countedRequest } from "../helpers/counted-request";
import { createBookableExperience, DAY_MS, sessionIdOf, utcDate } from "../helpers/scheduling";
import { createApiKey, createTenant } from "../helpers/tenants";

// GET …/slots reads its rows in one D1 batch with the API key lookup (src/http/early-reads.ts),
// for a key this isolate saw authenticate before, and uses them only if the lookup confirms what
// they assumed. Counted on the D1 binding, in the order the trips were sent.

/** A trip as the statements it carried: the key lookup and/or the slots' reads. */
const kindOf = (trip: RoundTrip) =>
  trip.sql
    .map((sql) =>
      sql.includes('"api_keys"')
        ? "key"
        : sql.includes('from "experiences"')
          ? "experience"
          : "rows",
    )
    .join("+");

async function setUp() {
  const { orgId } = await createTenant("UTC");
  const { key, id: keyId } = await createApiKey(orgId);
  const { experienceId, recurrenceId } = await createBookableExperience({ key });
  const day = utcDate(Date.now() + 3 * DAY_MS);
  const path = `/v1/experiences/${experienceId}/slots?from=${day}&to=${day}`;
  return { orgId, key, keyId, experienceId, recurrenceId, day, path };
}

async function getSlots(path: string, key: string) {
  const res = await countedRequest(path, { headers: { "X-API-KEY": key } });
  return { ...res, kinds: res.all.map(kindOf) };
}

const idsOf = (body: { data: Array<{ session_id: string }> }) =>
  body.data.map((slot) => slot.session_id);

describe("GET …/slots read in one batch with the key lookup", () => {
  it("a key seen before: one round trip carries the lookup and the slots' reads", async () => {
    const { orgId, path } = await setUp();
    const { key } = await createApiKey(orgId); // never used yet: nothing to assume
    const first = await getSlots(path, key);
    expect(first.status).toBe(200);
    expect(first.kinds).toEqual(["key", "experience+rows+rows"]);
    const second = await getSlots(path, key);
    expect(second.status).toBe(200);
    expect(second.kinds).toEqual(["key+experience+rows+rows"]);
    expect(second.body).toEqual(first.body);
  });

  it("a key revoked since is 401, whatever was read early", async () => {
    const { key, keyId, path } = await setUp();
    expect((await getSlots(path, key)).status).toBe(200);
    await env.DB.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ?")
      .bind(Date.now(), keyId)
      .run();
    const after = await getSlots(path, key);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("invalid_api_key");
  });

  it("an organization whose zone changed since: the early rows are dropped and read again", async () => {
    const { orgId, key, recurrenceId, day, path } = await setUp();
    const before = await getSlots(path, key);
    expect(idsOf(before.body)).toEqual([
      sessionIdOf(recurrenceId, day, "07:00"),
      sessionIdOf(recurrenceId, day, "18:30"),
    ]);
    await env.DB.prepare("UPDATE organizations SET timezone = 'Asia/Kolkata' WHERE id = ?")
      .bind(orgId)
      .run();
    const after = await getSlots(path, key);
    expect(after.kinds).toEqual(["key+experience+rows+rows", "experience+rows+rows"]);
    // 18:30 UTC the day before is 00:00 on `day` in Kolkata (+05:30).
    const dayBefore = utcDate(Date.parse(`${day}T00:00:00Z`) - DAY_MS);
    expect(idsOf(after.body)).toEqual([
      sessionIdOf(recurrenceId, dayBefore, "18:30"),
      sessionIdOf(recurrenceId, day, "07:00"),
    ]);
  });

  it("a query the early read cannot parse starts nothing: its 400 follows the lookup alone", async () => {
    const { key, path } = await setUp();
    expect((await getSlots(path, key)).status).toBe(200);
    const bad = await getSlots(`${path}&limit=0`, key);
    expect(bad.status).toBe(400);
    expect(bad.kinds).toEqual(["key"]);
  });
});
