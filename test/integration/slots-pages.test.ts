import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/scheduling/calendar-date";
import { todayInZone } from "../../src/scheduling/time-zone";
import { createExperience, createRecurrence, keyRotation } from "../helpers/experiences";
import { callJson } from "../helpers/http";
import { publicClient } from "../helpers/public";
import { createBookableExperience, getSlots, services, utcDate } from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

// 288 templates: a session every 5 minutes of the day.
const EVERY_FIVE_MINUTES = Array.from({ length: 288 }, (_, i) => ({
  start_time_of_day: `${String(Math.floor(i / 12)).padStart(2, "0")}:${String((i % 12) * 5).padStart(2, "0")}`,
}));

let orgId: string;
let nextKey: () => Promise<string>;
let denseId: string;
const today = todayInZone("UTC", Date.now());

beforeAll(async () => {
  const tenant = await createTenant("UTC");
  orgId = tenant.orgId;
  nextKey = keyRotation(orgId);
  const dense = await createBookableExperience({
    key: tenant.key,
    experience: {
      scheduling_rules: { booking_window: { min_hours_before: 0, max_days_ahead: 60 } },
    },
    recurrence: { session_templates: EVERY_FIVE_MINUTES },
  });
  denseId = dense.experienceId;
});

const unpadded = (text: string) => btoa(text).replace(/=+$/, "");

/** Follows next_cursor from the first page to the last; returns the pages' sizes and slots. */
async function walkPages(path: string, query: Record<string, string>, get = v1Get) {
  const sizes: number[] = [];
  const slots: { session_id: string; start: string }[] = [];
  let cursor: string | null = null;
  do {
    const search = new URLSearchParams(cursor ? { ...query, cursor } : query);
    const { status, body } = await get(`${path}?${search}`);
    expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
    sizes.push(body.data.length);
    slots.push(...body.data);
    cursor = body.next_cursor;
  } while (cursor !== null);
  return { sizes, slots };
}

async function v1Get(path: string) {
  return callJson("GET", path, { key: await nextKey() });
}

describe("slots answers carry at most 2000 sessions, continued by next_cursor", () => {
  it("pages 2,304 sessions as 2,000 + 304, in the order and with the content of the whole range", async () => {
    const range = { from: addDays(today, 1), to: addDays(today, 8), timezone: "UTC" };
    const query = { ...range, include_unbookable: "true" };
    const { sizes, slots } = await walkPages(`/v1/experiences/${denseId}/slots`, query);
    expect(sizes).toEqual([2000, 304]);
    const whole = await services.slots(orgId, denseId, Date.now(), range);
    expect(slots.map((s) => s.session_id)).toEqual(whole.map((s) => s.session_id));
  });

  it("answers next_cursor null when the range fits, and honours a smaller limit", async () => {
    const key = await nextKey();
    const day = addDays(today, 2);
    const one = await getSlots(key, denseId, { from: day, to: day, timezone: "UTC" });
    expect(one.body.data).toHaveLength(288);
    expect(one.body.next_cursor).toBeNull();
    const { sizes, slots } = await walkPages(`/v1/experiences/${denseId}/slots`, {
      from: day,
      to: day,
      timezone: "UTC",
      limit: "100",
    });
    expect(sizes).toEqual([100, 100, 88]);
    expect(slots.map((s) => s.session_id)).toEqual(
      one.body.data.map((s: { session_id: string }) => s.session_id),
    );
  });

  it("breaks ties of equal start by session_id across pages", async () => {
    const key = await nextKey();
    const experience = await createExperience(key);
    const recurrence = {
      timezone: "UTC",
      start_date: addDays(today, 1),
      cadence: { frequency: "daily" },
      session_templates: [{ start_time_of_day: "09:00" }, { start_time_of_day: "10:00" }],
    };
    await createRecurrence(key, experience.id, recurrence);
    await createRecurrence(key, experience.id, recurrence);
    const range = { from: addDays(today, 1), to: addDays(today, 2), timezone: "UTC" };
    const { sizes, slots } = await walkPages(`/v1/experiences/${experience.id}/slots`, {
      ...range,
      include_unbookable: "true",
      limit: "3",
    });
    expect(sizes).toEqual([3, 3, 2]);
    const whole = await services.slots(orgId, experience.id, Date.now(), range, "UTC");
    expect(slots.map((s) => s.session_id)).toEqual(whole.map((s) => s.session_id));
    expect(new Set(slots.map((s) => s.start)).size).toBe(4);
  });

  it.each([
    ["cursor", "not-a-cursor"],
    ["cursor", unpadded("s1|2026-13-01T00:00:00.000Z|ses_x")],
    ["cursor", unpadded("s1|9999-12-31T00:00:00.000Z|ses_abc")],
    ["cursor", unpadded("s1|2026-12-01T00:00:00.000Z|ses_abc|extra")],
    ["cursor", ""],
    ["limit", "0"],
    ["limit", "2001"],
    ["limit", "ten"],
  ])("rejects %s=%s with 400 validation_failed on that field", async (field, value) => {
    const { status, body } = await getSlots(await nextKey(), denseId, { [field]: value });
    expect(status).toBe(400);
    expect(body.code).toBe("validation_failed");
    expect(Object.keys(body.details.fieldErrors)).toEqual([field]);
  });

  it("bounds the public slots the same way", async () => {
    const client = publicClient();
    const from = addDays(today, 1);
    const { status, body } = await client.json(
      "GET",
      `/public/experiences/${denseId}/slots?timezone=UTC&from=${from}&to=${addDays(from, 9)}`,
    );
    expect(status).toBe(200);
    expect(body.data).toHaveLength(2000);
    const next = await client.json(
      "GET",
      `/public/experiences/${denseId}/slots?timezone=UTC&from=${from}&to=${addDays(from, 9)}&cursor=${body.next_cursor}`,
    );
    expect(next.body.data).toHaveLength(880);
    expect(next.body.next_cursor).toBeNull();
  });

  it("renders the booking page with the whole dates of one page and continues after them", async () => {
    const res = await publicClient().raw("GET", `/book/${denseId}?tz=UTC`);
    expect(res.status).toBe(200);
    const page = await res.text();
    // 2,000 sessions from today hold today and 5 more whole dates (6 × 288 = 1,728).
    expect(page).toContain(`data-from="${today}"`);
    expect(page).toContain(`data-to="${addDays(today, 5)}"`);
    const pickable = page.match(/name="session_id"/g) ?? [];
    const pastToday =
      Math.floor((Date.now() - Date.parse(`${utcDate(Date.now())}T00:00:00Z`)) / 300_000) + 1;
    expect(pickable.length).toBeLessThanOrEqual(1728);
    expect(pickable.length).toBeGreaterThanOrEqual(1728 - pastToday - 1);
    expect(page.length).toBeLessThan(2_000_000);
  });
});
