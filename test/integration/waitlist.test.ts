import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { promoteOpenWaitlists } from "../../src/features/waitlist/waitlist-sweeps";
import { bookingsOf, holdOk, releaseHold, sessionFixture, slotOf } from "../helpers/holds";
import { callJson } from "../helpers/http";
import { travelTo } from "../helpers/idempotency";
import {
  book,
  bookingBody,
  bookOk,
  cancelOk,
  createBookableExperience,
  freshKey,
  patchExperience,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});
afterEach(() => {
  vi.useRealTimers();
});

const fixture = (capacity: number, waitlist: Record<string, unknown> = { enabled: true }) =>
  sessionFixture(orgId, { default_capacity: capacity, waitlist });

type Fixture = Awaited<ReturnType<typeof fixture>>;

function join({ key, experienceId, sessionId }: Fixture, quantity = 1) {
  return book(key, experienceId, bookingBody(sessionId, { quantity, join_waitlist: true }));
}

async function joinOk(f: Fixture, quantity = 1) {
  const res = await join(f, quantity);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

async function getBooking(key: string, id: string) {
  const res = await callJson("GET", `/v1/bookings/${id}`, { key });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe("the experience's waitlist settings", () => {
  it("defaults to disabled with max_size 50; PATCH replaces the object whole", async () => {
    const key = await freshKey(orgId);
    const { experienceId } = await createBookableExperience({ key });
    const read = await callJson("GET", `/v1/experiences/${experienceId}`, { key });
    expect(read.body.data.waitlist).toEqual({ enabled: false, max_size: 50 });
    expect(
      (await patchExperience(key, experienceId, { waitlist: { enabled: true, max_size: 3 } }))
        .waitlist,
    ).toEqual({ enabled: true, max_size: 3 });
    expect(
      (await patchExperience(key, experienceId, { waitlist: { max_size: 7 } })).waitlist,
    ).toEqual({ enabled: false, max_size: 7 });
  });

  it.each([{ max_size: 0 }, { max_size: 1001 }, { enabled: "yes" }, { enabled: true, size: 2 }])(
    "rejects waitlist %j with 400 validation_failed",
    async (waitlist) => {
      const key = await freshKey(orgId);
      const { experienceId } = await createBookableExperience({ key });
      const res = await callJson("PATCH", `/v1/experiences/${experienceId}`, {
        key,
        body: { waitlist },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("validation_failed");
    },
  );
});

describe("join_waitlist", () => {
  it("waitlists a booking that finds too few seats, FIFO positions, no seat taken", async () => {
    const f = await fixture(2);
    await bookOk(f.key, f.experienceId, bookingBody(f.sessionId, { quantity: 2 }));
    const first = await joinOk(f);
    const second = await joinOk(f, 2);
    expect(first).toMatchObject({
      status: "waitlisted",
      waitlist_position: 1,
      refund_eligible: null,
      promoted_at: null,
    });
    expect(second).toMatchObject({ status: "waitlisted", waitlist_position: 2, quantity: 2 });
    expect(await slotOf(f.key, f.experienceId, f.sessionId)).toMatchObject({
      seats_booked: 2,
      seats_available: 0,
      waitlist_size: 2,
    });
    const read = await callJson("GET", `/v1/experiences/${f.experienceId}`, { key: f.key });
    expect(read.body.data.bookings_count).toBe(1);
    const listed = await bookingsOf(f.key, f.sessionId, "waitlisted");
    expect(listed.map((b) => b.id).sort()).toEqual([first.id, second.id].sort());
  });

  it("confirms a join_waitlist booking that fits", async () => {
    const f = await fixture(2);
    expect((await joinOk(f)).status).toBe("confirmed");
  });

  it("answers 409 session_full with waitlist_available true without join_waitlist", async () => {
    const f = await fixture(1);
    await bookOk(f.key, f.experienceId, bookingBody(f.sessionId));
    const res = await book(f.key, f.experienceId, bookingBody(f.sessionId));
    expect(res.status).toBe(409);
    expect(res.body.details).toEqual({ seats_available: 0, waitlist_available: true });
  });

  it("stays 409 session_full when the waitlist is disabled, full, or the quantity never fits", async () => {
    const disabled = await fixture(1, { enabled: false });
    await bookOk(disabled.key, disabled.experienceId, bookingBody(disabled.sessionId));
    const refused = await join(disabled);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toEqual({ seats_available: 0, waitlist_available: false });

    const small = await fixture(2, { enabled: true, max_size: 1 });
    await bookOk(small.key, small.experienceId, bookingBody(small.sessionId, { quantity: 2 }));
    await joinOk(small);
    const full = await join(small);
    expect(full.status).toBe(409);
    expect(full.body.details).toEqual({ seats_available: 0, waitlist_available: false });
    const tooBig = await join(small, 3);
    expect(tooBig.status).toBe(409);
    expect(await bookingsOf(small.key, small.sessionId, "waitlisted")).toHaveLength(1);
  });

  it("cancels a waitlisted booking with refund_eligible null; the ones behind move up", async () => {
    const f = await fixture(1);
    await bookOk(f.key, f.experienceId, bookingBody(f.sessionId));
    const first = await joinOk(f);
    const second = await joinOk(f);
    const cancelled = await cancelOk(f.key, first.id);
    expect(cancelled).toMatchObject({
      status: "cancelled",
      refund_eligible: null,
      waitlist_position: null,
    });
    expect(await getBooking(f.key, second.id)).toMatchObject({
      status: "waitlisted",
      waitlist_position: 1,
    });
    expect(await slotOf(f.key, f.experienceId, f.sessionId)).toMatchObject({
      seats_booked: 1,
      waitlist_size: 1,
    });
  });
});

describe("promotion", () => {
  it("confirms waitlisted bookings in FIFO order when a cancellation frees seats", async () => {
    const f = await fixture(2);
    const a = await bookOk(f.key, f.experienceId, bookingBody(f.sessionId, { quantity: 2 }));
    const w1 = await joinOk(f);
    const w2 = await joinOk(f);
    const w3 = await joinOk(f);
    await cancelOk(f.key, a.id);
    const [p1, p2, p3] = await Promise.all([w1, w2, w3].map((w) => getBooking(f.key, w.id)));
    expect(p1).toMatchObject({ status: "confirmed", waitlist_position: null });
    expect(p2).toMatchObject({ status: "confirmed" });
    expect(Date.parse(p1.promoted_at)).toBeGreaterThanOrEqual(Date.parse(w1.created_at));
    expect(p3).toMatchObject({ status: "waitlisted", waitlist_position: 1, promoted_at: null });
    expect(await slotOf(f.key, f.experienceId, f.sessionId)).toMatchObject({
      seats_booked: 2,
      seats_available: 0,
      waitlist_size: 1,
    });
  });

  it("never lets a smaller booking overtake a head that does not fit", async () => {
    const f = await fixture(4);
    const a = await bookOk(f.key, f.experienceId, bookingBody(f.sessionId, { quantity: 2 }));
    const b = await bookOk(f.key, f.experienceId, bookingBody(f.sessionId, { quantity: 2 }));
    const big = await joinOk(f, 3);
    const small = await joinOk(f, 1);
    await cancelOk(f.key, a.id);
    expect((await getBooking(f.key, big.id)).status).toBe("waitlisted");
    expect(await getBooking(f.key, small.id)).toMatchObject({
      status: "waitlisted",
      waitlist_position: 2,
    });
    expect(await slotOf(f.key, f.experienceId, f.sessionId)).toMatchObject({ seats_available: 2 });
    await cancelOk(f.key, b.id);
    expect((await getBooking(f.key, big.id)).status).toBe("confirmed");
    expect((await getBooking(f.key, small.id)).status).toBe("confirmed");
  });

  it("promotes into the seats of a released hold", async () => {
    const f = await fixture(2);
    const held = await holdOk(f.key, f.experienceId, { session_id: f.sessionId, quantity: 2 });
    const waiting = await joinOk(f, 2);
    expect(waiting.status).toBe("waitlisted");
    expect((await releaseHold(f.key, held.id)).status).toBe(204);
    expect((await getBooking(f.key, waiting.id)).status).toBe("confirmed");
  });

  it("promotes after a hold expires by the sweep, with a controlled clock", async () => {
    const f = await fixture(1);
    const held = await holdOk(f.key, f.experienceId, { session_id: f.sessionId, ttl_seconds: 60 });
    const waiting = await joinOk(f);
    const expiresAt = Date.parse(held.expires_at);
    await promoteOpenWaitlists(env, expiresAt - 1);
    expect((await getBooking(f.key, waiting.id)).status).toBe("waitlisted");
    await promoteOpenWaitlists(env, expiresAt);
    travelTo(expiresAt + 1);
    const promoted = await getBooking(f.key, waiting.id);
    expect(promoted).toMatchObject({
      status: "confirmed",
      promoted_at: new Date(expiresAt).toISOString(),
    });
    expect(await slotOf(f.key, f.experienceId, f.sessionId)).toMatchObject({
      seats_booked: 1,
      seats_held: 0,
    });
  });
});
