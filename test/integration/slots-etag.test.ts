import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { holdOk } from "../helpers/holds";
import { call } from "../helpers/http";
import { travelTo } from "../helpers/idempotency";
import {
  bookingBody,
  bookOk,
  createBookableExperience,
  DAY_MS,
  freshKey,
  HOUR_MS,
  patchExperience,
  sessionIdOf,
  utcDate,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  orgId = (await createTenant("UTC")).orgId;
});

afterEach(() => {
  vi.useRealTimers();
});

/** A fixed range (so "today" moving does not change it), unbookable slots included. */
function slotsPath(experienceId: string, from: string, to: string) {
  return `/v1/experiences/${experienceId}/slots?from=${from}&to=${to}&include_unbookable=true`;
}

async function fetchSlots(key: string, path: string, ifNoneMatch?: string) {
  const headers: Record<string, string> = ifNoneMatch ? { "If-None-Match": ifNoneMatch } : {};
  const res = await call("GET", path, { key, headers });
  return { res, status: res.status, etag: res.headers.get("etag"), text: await res.text() };
}

async function setUp() {
  const key = await freshKey(orgId);
  const { experienceId, recurrenceId } = await createBookableExperience({ key });
  const from = utcDate(Date.now() + 2 * DAY_MS);
  return { key, experienceId, recurrenceId, from, path: slotsPath(experienceId, from, from) };
}

describe("GET /v1/experiences/{id}/slots: ETag and 304", () => {
  it("sends a strong ETag and must-revalidate, and 304 with no body when If-None-Match matches", async () => {
    const { key, path } = await setUp();
    const first = await fetchSlots(key, path);
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.res.headers.get("cache-control")).toBe("private, max-age=0, must-revalidate");
    expect(first.res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(first.text).data).toHaveLength(2);

    const etag = first.etag as string;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const again = await fetchSlots(key, path, header);
      expect(again.status, header).toBe(304);
      expect(again.text).toBe("");
      expect(again.etag).toBe(etag);
      expect(again.res.headers.get("cache-control")).toBe("private, max-age=0, must-revalidate");
    }
    const other = await fetchSlots(key, path, '"0123456789abcdef0123456789abcdef"');
    expect(other.status).toBe(200);
    expect(other.text).toBe(first.text);
    expect(other.etag).toBe(etag);
  });

  it("changes after a booking", async () => {
    const { key, experienceId, recurrenceId, from, path } = await setUp();
    const before = await fetchSlots(key, path);
    await bookOk(key, experienceId, bookingBody(sessionIdOf(recurrenceId, from, "07:00")));
    const after = await fetchSlots(key, path, before.etag as string);
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    expect(JSON.parse(after.text).data[0].seats_booked).toBe(1);
  });

  it("changes after an edit that changes the slots", async () => {
    const { key, experienceId, path } = await setUp();
    const before = await fetchSlots(key, path);
    await patchExperience(key, experienceId, { default_capacity: 7 });
    const after = await fetchSlots(key, path, before.etag as string);
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    expect(JSON.parse(after.text).data[0].capacity).toBe(7);
  });

  it("changes when the clock crosses a bookability boundary, and not before", async () => {
    const { key, experienceId } = await setUp();
    await patchExperience(key, experienceId, {
      scheduling_rules: { booking_window: { min_hours_before: 2, max_days_ahead: 60 } },
    });
    const day = utcDate(Date.now() + 2 * DAY_MS);
    const path = slotsPath(experienceId, day, day);
    const sevenOClock = Date.parse(`${day}T07:00:00.000Z`);

    travelTo(sevenOClock - 2 * HOUR_MS - 60_000); // 07:00 is still bookable
    const early = await fetchSlots(key, path);
    expect(JSON.parse(early.text).data[0].unbookable_reason).toBeNull();
    travelTo(sevenOClock - 2 * HOUR_MS); // exactly min_hours_before ahead: still allowed
    expect((await fetchSlots(key, path, early.etag as string)).status).toBe(304);

    travelTo(sevenOClock - 2 * HOUR_MS + 1); // now too soon
    const late = await fetchSlots(key, path, early.etag as string);
    expect(late.status).toBe(200);
    expect(late.etag).not.toBe(early.etag);
    expect(JSON.parse(late.text).data[0].unbookable_reason).toBe("too_soon");
  });
});

// Slot pages are kept in the isolate's memory between requests (src/lib/inputs-memo.ts), keyed
// by the rows read on every request: whatever changes those rows or the clock shows at once.
describe("GET /v1/experiences/{id}/slots: answers kept between requests", () => {
  it("shows a hold at once, and its seats again the moment it expires", async () => {
    const { key, experienceId, recurrenceId, from, path } = await setUp();
    const before = await fetchSlots(key, path);
    const sessionId = sessionIdOf(recurrenceId, from, "07:00");
    const held = await holdOk(key, experienceId, { session_id: sessionId, quantity: 2 });
    const during = await fetchSlots(key, path);
    expect(JSON.parse(during.text).data[0]).toMatchObject({ seats_held: 2, seats_available: 8 });

    travelTo(Date.parse(held.expires_at) + 1);
    const after = await fetchSlots(key, path);
    expect(JSON.parse(after.text).data[0]).toMatchObject({ seats_held: 0, seats_available: 10 });
    expect(after.text).toBe(before.text);
    expect(after.etag).toBe(before.etag);
  });

  it("shows a change another Worker wrote straight to D1", async () => {
    const { key, experienceId, path } = await setUp();
    const before = await fetchSlots(key, path);
    expect(JSON.parse(before.text).data[0].capacity).toBe(10);
    await env.DB.prepare("UPDATE experiences SET default_capacity = 9 WHERE id = ?")
      .bind(experienceId)
      .run();
    const after = await fetchSlots(key, path, before.etag as string);
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text).data[0].capacity).toBe(9);
  });

  it("answers as computed afresh when the clock goes back across a boundary", async () => {
    const { key, experienceId } = await setUp();
    await patchExperience(key, experienceId, {
      scheduling_rules: { booking_window: { min_hours_before: 2, max_days_ahead: 60 } },
    });
    const day = utcDate(Date.now() + 2 * DAY_MS);
    const path = slotsPath(experienceId, day, day);
    const boundary = Date.parse(`${day}T07:00:00.000Z`) - 2 * HOUR_MS;
    travelTo(boundary + 1);
    const late = await fetchSlots(key, path);
    expect(JSON.parse(late.text).data[0].unbookable_reason).toBe("too_soon");
    travelTo(boundary - 60_000);
    const early = await fetchSlots(key, path);
    expect(JSON.parse(early.text).data[0].unbookable_reason).toBeNull();
    expect(early.etag).not.toBe(late.etag);
  });
});
