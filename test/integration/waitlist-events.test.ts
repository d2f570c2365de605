import { beforeAll, describe, expect, it } from "vitest";
import { holdOk, releaseHold, sessionFixture } from "../helpers/holds";
import { callJson } from "../helpers/http";
import { book, bookingBody, bookOk, cancelOk } from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

// §12 × §14: the events of waitlists and hold conversions, each written in the batch of its
// change, with data.object exactly as the API returned (or would return) the booking.

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

// biome-ignore lint/suspicious/noExplicitAny: wire payloads are asserted field by field
type Json = any;

/** The organization's events of a type about bookings of one experience (tests share the org). */
async function eventsOf(f: { key: string; experienceId: string }, type: string): Promise<Json[]> {
  const res = await callJson("GET", `/v1/events?type=${type}&page_size=100`, { key: f.key });
  expect(res.status).toBe(200);
  return res.body.data.filter((e: Json) => e.data.object.experience_id === f.experienceId);
}

/** The 201's booking as events carry it: the cancel_token is shown once, in the 201 only (§12). */
function withoutToken({ cancel_token, ...booking }: Json) {
  expect(cancel_token).toEqual(expect.any(String));
  return booking;
}

async function bookingOf(key: string, id: string) {
  const res = await callJson("GET", `/v1/bookings/${id}`, { key });
  expect(res.status).toBe(200);
  return res.body.data;
}

const fixture = (capacity: number) =>
  sessionFixture(orgId, { default_capacity: capacity, waitlist: { enabled: true } });

async function joinOk(f: Awaited<ReturnType<typeof fixture>>, quantity = 1) {
  const res = await book(
    f.key,
    f.experienceId,
    bookingBody(f.sessionId, { quantity, join_waitlist: true }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

describe("booking.waitlisted", () => {
  it("is written for each waitlisted booking, with the position the 201 showed", async () => {
    const f = await fixture(1);
    const confirmed = await joinOk(f);
    const first = await joinOk(f);
    const second = await joinOk(f, 1);
    expect([confirmed.status, first.waitlist_position, second.waitlist_position]).toEqual([
      "confirmed",
      1,
      2,
    ]);
    const waitlisted = await eventsOf(f, "booking.waitlisted");
    expect(waitlisted.map((e) => e.data.object).reverse()).toEqual(
      [first, second].map(withoutToken),
    );
    // The confirmed one is a booking.created, never also waitlisted.
    const created = await eventsOf(f, "booking.created");
    expect(created.map((e) => e.data.object)).toEqual([withoutToken(confirmed)]);
  });

  it("is not written when the request is refused (waitlist full)", async () => {
    const f = await sessionFixture(orgId, {
      default_capacity: 1,
      waitlist: { enabled: true, max_size: 1 },
    });
    await joinOk(f);
    await joinOk(f);
    const refused = await book(
      f.key,
      f.experienceId,
      bookingBody(f.sessionId, { join_waitlist: true }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.details.waitlist_available).toBe(false);
    expect(await eventsOf(f, "booking.waitlisted")).toHaveLength(1);
  });
});

describe("booking.promoted", () => {
  it("is written once per promotion, with the booking as GET returns it after", async () => {
    const f = await fixture(2);
    const a = await bookOk(f.key, f.experienceId, bookingBody(f.sessionId, { quantity: 2 }));
    const w1 = await joinOk(f);
    const w2 = await joinOk(f);
    const w3 = await joinOk(f);
    await cancelOk(f.key, a.id);
    const promoted = await eventsOf(f, "booking.promoted");
    const ids = promoted.map((e) => e.data.object.id).sort();
    expect(ids).toEqual([w1.id, w2.id].sort());
    for (const event of promoted) {
      const current = await bookingOf(f.key, event.data.object.id);
      expect(current.status).toBe("confirmed");
      expect(current.promoted_at).not.toBeNull();
      expect(event.data.object).toEqual(current);
    }
    // w3 stays waitlisted, now first in line; no event for it.
    expect((await bookingOf(f.key, w3.id)).waitlist_position).toBe(1);
    // The cancellation itself has its event, the booking as the cancel answered it.
    const cancelled = await eventsOf(f, "booking.cancelled");
    expect(cancelled.map((e) => e.data.object.id)).toEqual([a.id]);
  });

  it("is written when a released hold frees the seats", async () => {
    const f = await fixture(1);
    const held = await holdOk(f.key, f.experienceId, { session_id: f.sessionId });
    const waiting = await joinOk(f);
    expect(waiting.status).toBe("waitlisted");
    const released = await releaseHold(f.key, held.id);
    expect(released.status).toBe(204);
    const promoted = await eventsOf(f, "booking.promoted");
    expect(promoted.map((e) => e.data.object)).toEqual([await bookingOf(f.key, waiting.id)]);
  });
});

describe("booking.created on a hold's conversion", () => {
  it("is written in the conversion's batch, once, even when retried with the same key", async () => {
    const f = await fixture(3);
    const held = await holdOk(f.key, f.experienceId, { session_id: f.sessionId, quantity: 2 });
    const body = { hold_id: held.id, contact: { name: "Ada", email: "ada@example.com" } };
    const first = await callJson("POST", `/v1/experiences/${f.experienceId}/bookings`, {
      key: f.key,
      body,
      headers: { "Idempotency-Key": "convert-once" },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await callJson("POST", `/v1/experiences/${f.experienceId}/bookings`, {
      key: f.key,
      body,
      headers: { "Idempotency-Key": "convert-once" },
    });
    expect(again.body.data.id).toBe(first.body.data.id);
    const created = await eventsOf(f, "booking.created");
    expect(created.map((e) => e.data.object)).toEqual([withoutToken(first.body.data)]);
  });

  it("is not written when the conversion loses (hold released first)", async () => {
    const f = await fixture(3);
    const held = await holdOk(f.key, f.experienceId, { session_id: f.sessionId });
    expect((await releaseHold(f.key, held.id)).status).toBe(204);
    const lost = await callJson("POST", `/v1/experiences/${f.experienceId}/bookings`, {
      key: f.key,
      body: { hold_id: held.id, contact: { name: "Ada", email: "ada@example.com" } },
    });
    expect(lost.status).toBe(409);
    expect(lost.body.code).toBe("hold_not_active");
    expect(await eventsOf(f, "booking.created")).toEqual([]);
  });
});
