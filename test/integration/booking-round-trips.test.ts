import { runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { RoundTrip } from "../helpers/bound-parameter-guard";
import { type Counted, countedPost } from "../helpers/counted-request";
import { storeFor } from "../helpers/idempotency";
import { newClientIp } from "../helpers/public";
import {
  bookingBody,
  bookOk,
  createBookableExperience,
  futureSessionId,
} from "../helpers/scheduling";
import { createApiKey, createTenant } from "../helpers/tenants";

// Issue #10: a booking costs one D1 read batch and one write batch (the Idempotency-Key's
// crash-safety row is read in the read batch). Counted on the binding: every batch, exec and
// statement first/all/run/raw the Worker sends through env.DB is one round trip.

/** The trips' shapes, for a failure message that says which read was added. */
const shapes = (trips: RoundTrip[]) =>
  trips.map((trip) => `${trip.call}: ${trip.sql.map((s) => s.slice(0, 60)).join(" | ")}`);

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

async function bookable(experience: Record<string, unknown> = {}) {
  const { key, id: keyId } = await createApiKey(orgId);
  const { experienceId, recurrenceId } = await createBookableExperience({ key, experience });
  return { key, keyId, experienceId, recurrenceId, sessionId: futureSessionId(recurrenceId, 3) };
}

function v1Booking(key: string, experienceId: string, body: unknown, idempotencyKey: string) {
  return post(`/v1/experiences/${experienceId}/bookings`, key, body, idempotencyKey);
}

/** Pins the route's round trips exactly: one more read anywhere fails, naming the trips. */
function expectTrips(res: Counted, expected: RoundTrip["call"][]) {
  expect(
    res.trips.map((trip) => trip.call),
    shapes(res.trips).join("\n"),
  ).toEqual(expected);
}

/** The first trip is the read batch, and it carries the Idempotency-Key's row (§7). */
function expectKeyReadFolded(res: Counted) {
  expect(res.trips[0]?.sql[0]).toContain('from "idempotency_keys"');
}

function post(path: string, key: string, body: unknown, idempotencyKey: string) {
  return countedPost(path, body, { "X-API-KEY": key, "Idempotency-Key": idempotencyKey });
}

describe("D1 round trips of a booking (issue #10: at most 3; the /v1 key lookup not counted)", () => {
  it("a /v1 booking with an Idempotency-Key: one read batch, one write batch (was 6)", async () => {
    const { key, experienceId, sessionId } = await bookable();
    const res = await v1Booking(key, experienceId, bookingBody(sessionId), "rt-book-1");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({ session_id: sessionId, status: "confirmed" });
    expectTrips(res, ["batch", "batch"]);
    expectKeyReadFolded(res);
    expect(res.authTrips).toBeLessThanOrEqual(1);
  });

  it("a booking answered session_full takes its details from the write batch (was 8)", async () => {
    const { key, experienceId, sessionId } = await bookable({ default_capacity: 1 });
    await bookOk(key, experienceId, bookingBody(sessionId));
    const res = await v1Booking(key, experienceId, bookingBody(sessionId), "rt-full-1");
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.details).toEqual({ seats_available: 0, waitlist_available: false });
    expectTrips(res, ["batch", "batch"]);
  });

  it("a waitlisted booking reads its position in the write batch (was 7)", async () => {
    const { key, experienceId, sessionId } = await bookable({
      default_capacity: 1,
      waitlist: { enabled: true, max_size: 5 },
    });
    await bookOk(key, experienceId, bookingBody(sessionId));
    const body = bookingBody(sessionId, { join_waitlist: true });
    const res = await v1Booking(key, experienceId, body, "rt-wait-1");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({ status: "waitlisted", waitlist_position: 1 });
    expectTrips(res, ["batch", "batch"]);
  });

  it("a replay costs no D1 trip; a retry whose replay record was lost costs two", async () => {
    const { key, keyId, experienceId, sessionId } = await bookable();
    const first = await v1Booking(key, experienceId, bookingBody(sessionId), "rt-replay-1");
    expect(first.status).toBe(201);
    const replay = await v1Booking(key, experienceId, bookingBody(sessionId), "rt-replay-1");
    expect(replay.status).toBe(201);
    expectTrips(replay, []);

    await runInDurableObject(storeFor(keyId, "rt-replay-1"), (_i, state) =>
      state.storage.deleteAll(),
    );
    const retry = await v1Booking(key, experienceId, bookingBody(sessionId), "rt-replay-1");
    expect(retry.status).toBe(201);
    expect(retry.body.data.id).toBe(first.body.data.id);
    // The read batch finds the key's row; then the original booking is read (was 2 as well).
    expectTrips(retry, ["batch", "raw"]);
    expectKeyReadFolded(retry);
  });

  it("a public booking: the route's experience lookup, then the same two batches (was 7)", async () => {
    const { experienceId, sessionId } = await bookable();
    const res = await countedPost(
      `/public/experiences/${experienceId}/bookings`,
      bookingBody(sessionId),
      { "cf-connecting-ip": newClientIp(), "Idempotency-Key": "rt-public-1" },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expectTrips(res, ["raw", "batch", "batch"]);
  });

  it("a hold, and its conversion into a booking (were 6 and 7)", async () => {
    const { key, experienceId, sessionId } = await bookable();
    const held = await post(
      `/v1/experiences/${experienceId}/holds`,
      key,
      { session_id: sessionId },
      "rt-hold-1",
    );
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expectTrips(held, ["batch", "batch"]);
    const body = { hold_id: held.body.data.id, contact: { name: "Jo Doe" } };
    const converted = await v1Booking(key, experienceId, body, "rt-convert-1");
    expect(converted.status, JSON.stringify(converted.body)).toBe(201);
    expectTrips(converted, ["batch", "batch"]);
  });

  it("a cancellation: two trips, a third when it promotes (were 7 and 9)", async () => {
    const { key, experienceId, sessionId } = await bookable({
      default_capacity: 1,
      waitlist: { enabled: true, max_size: 5 },
    });
    const held = await bookOk(key, experienceId, bookingBody(sessionId));
    const res = await post(`/v1/bookings/${held.id}/cancel`, key, {}, "rt-cancel-1");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectTrips(res, ["batch", "batch"]);

    const seated = await bookOk(key, experienceId, bookingBody(sessionId));
    const waiting = await bookOk(
      key,
      experienceId,
      bookingBody(sessionId, { join_waitlist: true }),
    );
    const promoting = await post(`/v1/bookings/${seated.id}/cancel`, key, {}, "rt-cancel-2");
    expect(promoting.status, JSON.stringify(promoting.body)).toBe(200);
    expectTrips(promoting, ["batch", "batch", "batch"]);
    const promoted = await post(`/v1/bookings/${waiting.id}/cancel`, key, {}, "rt-cancel-3");
    expect(promoted.body.data.refund_eligible).toBe(true); // it was confirmed by the promotion
  });

  it("a reschedule, promoting into the seats it frees (was 11)", async () => {
    const { key, experienceId, sessionId, recurrenceId } = await bookable({
      default_capacity: 1,
      waitlist: { enabled: true, max_size: 5 },
    });
    const seated = await bookOk(key, experienceId, bookingBody(sessionId));
    await bookOk(key, experienceId, bookingBody(sessionId, { join_waitlist: true }));
    const body = { session_id: futureSessionId(recurrenceId, 4) };
    const res = await post(`/v1/bookings/${seated.id}/reschedule`, key, body, "rt-move-1");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.session_id).toBe(body.session_id);
    expectTrips(res, ["batch", "batch", "batch"]);
  });
});
