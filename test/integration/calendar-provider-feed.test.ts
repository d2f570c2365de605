import { describe, expect, it } from "vitest";
import {
  createExperience,
  createMember,
  createRecurrence,
  createSpace,
} from "../helpers/experiences";
import { call, callJson } from "../helpers/http";
import { parseFeed } from "../helpers/ical-expansion";
import { publicClient } from "../helpers/public";
import { bookingBody, bookOk, DAY_MS, sessionIdOf, utcDate } from "../helpers/scheduling";
import { createApiKey, createTenant } from "../helpers/tenants";

const feedRoute = (spaceId: string, memberId: string) =>
  `/v1/spaces/${spaceId}/members/${memberId}/calendar-feed`;

async function issueFeed(key: string, memberId: string, headers?: Record<string, string>) {
  const res = await callJson("POST", feedRoute("GENERAL", memberId), { key, headers });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res;
}

const unfold = (body: string) => body.replaceAll("\r\n ", "");

/** Two providers in GENERAL, each with booked sessions of one daily UTC recurrence. */
async function providerFixture() {
  const tenant = await createTenant();
  const ada = await createMember(tenant.key, "GENERAL", "Ada Teacher");
  const grace = await createMember(tenant.key, "GENERAL", "Grace Teacher");
  const experience = await createExperience(tenant.key, {
    providers: [ada],
    required_contact_method: "none",
    scheduling_rules: {
      booking_window: { min_hours_before: 0, max_days_ahead: 730 },
      cancellation_policy: { refundable_until_hours_before: 0 },
    },
  });
  const recurrence = await createRecurrence(tenant.key, experience.id, {
    timezone: "UTC",
    start_date: utcDate(Date.now()),
    cadence: { frequency: "daily" },
    session_templates: [
      { start_time_of_day: "07:00" },
      { start_time_of_day: "18:30", provider_id: grace },
    ],
  });
  const session = (days: number, time: string) =>
    sessionIdOf(recurrence.id, utcDate(Date.now() + days * DAY_MS), time);
  const book = (sessionId: string, name: string, quantity = 1) =>
    bookOk(tenant.key, experience.id, bookingBody(sessionId, { quantity, contact: { name } }));
  return { ...tenant, ada, grace, experienceId: experience.id as string, session, book };
}

describe("§13 provider feed", () => {
  it("lists the member's booked sessions of the next 92 days with seats and attendee names", async () => {
    const f = await providerFixture();
    const taught = f.session(3, "07:00");
    await f.book(taught, "Jo Student", 2);
    await f.book(taught, "Sam Student");
    await f.book(f.session(3, "18:30"), "Other Provider's Student");
    const cancelled = await f.book(f.session(5, "07:00"), "Cancelled Student");
    expect(
      (await callJson("POST", `/v1/bookings/${cancelled.id}/cancel`, { key: f.key })).status,
    ).toBe(200);
    await f.book(f.session(100, "07:00"), "Far Future Student");

    const { body } = await issueFeed(f.key, f.ada);
    expect(body.data.url).toMatch(/^\/public\/calendars\/[0-9A-Za-z]{43}\.ics$/);
    expect(body.data.created_at).toEqual(expect.any(String));
    const res = await publicClient().raw("GET", body.data.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    const text = unfold(await res.text());
    expect(text).toContain("X-WR-CALNAME:Ada Teacher: teaching schedule\r\n");
    expect(text).toContain(
      "DESCRIPTION:3 seats confirmed.\\nAttendees:\\nJo Student (2 seats)\\nSam Student (1 seat)\r\n",
    );
    expect(text).not.toContain("Other Provider");
    expect(text).not.toContain("Cancelled Student");
    expect(text).not.toContain("Far Future");
    const instances = parseFeed(text).instancesBetween(0, Number.MAX_SAFE_INTEGER);
    const start = Date.parse(`${utcDate(Date.now() + 3 * DAY_MS)}T07:00:00Z`);
    expect(instances).toEqual([
      { uid: `${taught}@api.test`, start, end: start + 3_600_000, status: "CONFIRMED" },
    ]);
  });

  it("replaces the token on a new POST and revokes it on DELETE: old URLs are 404", async () => {
    const f = await providerFixture();
    const first = (await issueFeed(f.key, f.ada)).body.data.url;
    const second = (await issueFeed(f.key, f.ada)).body.data.url;
    expect(second).not.toBe(first);
    const client = publicClient();
    expect((await client.json("GET", first)).status).toBe(404);
    expect((await client.raw("GET", second)).status).toBe(200);
    const revoked = await call("DELETE", feedRoute("GENERAL", f.ada), { key: f.key });
    expect(revoked.status).toBe(204);
    expect(await revoked.text()).toBe("");
    const gone = await client.json("GET", second);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe("not_found");
  });

  it("is 404 for malformed tokens, unknown members and members of another space", async () => {
    const f = await providerFixture();
    const client = publicClient();
    for (const path of ["/public/calendars/short.ics", `/public/calendars/${"a".repeat(43)}`]) {
      expect((await client.json("GET", path)).status).toBe(404);
    }
    const studio = await createSpace(f.key);
    for (const path of [feedRoute(studio, f.ada), feedRoute("GENERAL", "sm_unknown0000000000")]) {
      const res = await callJson("POST", path, { key: f.key });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("not_found");
    }
  });

  it("needs spaces:write, and replays a POST under the same Idempotency-Key", async () => {
    const f = await providerFixture();
    const reader = await createApiKey(f.orgId, { spaces: "read" });
    const refused = await callJson("POST", feedRoute("GENERAL", f.ada), { key: reader.key });
    expect(refused.status).toBe(403);
    expect(refused.body.details.required).toBe("spaces:write");
    const headers = { "idempotency-key": "feed-1" };
    const first = await issueFeed(f.key, f.ada, headers);
    const replay = await issueFeed(f.key, f.ada, headers);
    expect(replay.res.headers.get("idempotent-replay")).toBe("true");
    expect(replay.body).toEqual(first.body);
    expect((await publicClient().raw("GET", first.body.data.url)).status).toBe(200);
  });
});
