import { beforeAll, describe, expect, it } from "vitest";
import { call, callJson, readJson } from "../helpers/http";
import {
  book,
  bookingBody,
  bookOk,
  cancelOk,
  createBookableExperience,
  DAY_MS,
  freshKey,
  futureSessionId,
  HOUR_MS,
  rejectionOf,
  services,
  sessionIdOf,
  slotsOf,
  utcDate,
} from "../helpers/scheduling";
import { createApiKey, createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

async function experience(key: string, extra: Record<string, unknown> = {}, refundHours = 24) {
  return createBookableExperience({
    key,
    experience: {
      scheduling_rules: {
        booking_window: { min_hours_before: 0, max_days_ahead: 60 },
        cancellation_policy: { refundable_until_hours_before: refundHours },
      },
      ...extra,
    },
  });
}

describe("POST /v1/bookings/{id}/cancel", () => {
  it("answers 200 with status cancelled, cancelled_at and refund_eligible true before refundable_until", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await experience(key);
    const booking = await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3)));
    const before = Date.now();
    const cancelled = await cancelOk(key, booking.id);
    expect(cancelled).toMatchObject({
      ...booking,
      status: "cancelled",
      refund_eligible: true,
      cancelled_at: expect.any(String),
      updated_at: cancelled.cancelled_at,
    });
    expect(Date.parse(cancelled.cancelled_at)).toBeGreaterThanOrEqual(before - 1);
    const read = await callJson("GET", `/v1/bookings/${booking.id}`, { key });
    expect(read.body.data).toEqual(cancelled);
  });

  it("sets refund_eligible false after refundable_until", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await experience(key, {}, 200);
    const booking = await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3)));
    expect(Date.parse(booking.refundable_until)).toBeLessThan(Date.now());
    expect(await cancelOk(key, booking.id)).toMatchObject({
      status: "cancelled",
      refund_eligible: false,
    });
  });

  it("frees the seats: a full session becomes bookable again", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await experience(key, { default_capacity: 2 });
    const sessionId = futureSessionId(recurrenceId, 3);
    const day = utcDate(Date.now() + 3 * DAY_MS);
    const query = { from: day, to: day, timezone: "UTC", include_unbookable: "true" };
    const slotOf = async () =>
      (await slotsOf(key, experienceId, query)).find((s) => s.session_id === sessionId);
    const booking = await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 2 }));
    expect(await slotOf()).toMatchObject({ seats_available: 0, unbookable_reason: "full" });
    expect((await book(key, experienceId, bookingBody(sessionId))).status).toBe(409);
    await cancelOk(key, booking.id);
    expect(await slotOf()).toMatchObject({
      seats_booked: 0,
      seats_available: 2,
      bookable: true,
      unbookable_reason: null,
    });
    await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 2 }));
  });

  it("answers 409 booking_not_cancellable to a second cancel", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await experience(key);
    const booking = await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3)));
    const first = await cancelOk(key, booking.id);
    const second = await callJson("POST", `/v1/bookings/${booking.id}/cancel`, { key });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe("booking_not_cancellable");
    expect((await callJson("GET", `/v1/bookings/${booking.id}`, { key })).body.data).toEqual(first);
  });

  it.each<[string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, number]>(
    [
      ["no body at all", {}, 200],
      ["an empty JSON body", { rawBody: "", headers: { "content-type": "application/json" } }, 200],
      ["{}", { body: {} }, 200],
      ["a reason", { body: { reason: "Cannot make it" } }, 200],
      ["an unknown field", { body: { why: "Cannot make it" } }, 400],
      ["a reason over 2000 characters", { body: { reason: "x".repeat(2001) } }, 400],
    ],
  )("accepts or refuses %s", async (_label, options, status) => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await experience(key);
    const booking = await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3)));
    const res = await call("POST", `/v1/bookings/${booking.id}/cancel`, { key, ...options });
    const body = await readJson(res);
    expect(res.status, JSON.stringify(body)).toBe(status);
    if (status === 400) {
      expect(body.code).toBe("validation_failed");
      expect(Object.keys(body.details.fieldErrors)).toEqual([
        Object.keys(options.body as object)[0],
      ]);
    }
  });

  it("answers 404 for an unknown booking and for one of another organization", async () => {
    const key = await freshKey(orgId);
    const foreign = await createTenant("UTC");
    const other = await experience(foreign.key);
    const theirs = await bookOk(
      foreign.key,
      other.experienceId,
      bookingBody(futureSessionId(other.recurrenceId)),
    );
    for (const id of ["bkg_unknownBooking00000", theirs.id]) {
      const res = await callJson("POST", `/v1/bookings/${id}/cancel`, { key });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("not_found");
    }
    const still = await callJson("GET", `/v1/bookings/${theirs.id}`, { key: foreign.key });
    expect(still.body.data.status).toBe("confirmed");
  });

  it("requires bookings:write", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await experience(key);
    const booking = await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3)));
    const reader = await createApiKey(orgId, { experiences: "write", bookings: "read" });
    const res = await callJson("POST", `/v1/bookings/${booking.id}/cancel`, { key: reader.key });
    expect(res.status).toBe(403);
    expect(res.body.details.required).toBe("bookings:write");
  });
});

describe("cancel edges (controlled clock)", () => {
  const START = Date.UTC(2030, 0, 7, 7);
  const REFUNDABLE_UNTIL = START - 24 * HOUR_MS;

  async function bookedAt2030() {
    const { experienceId, recurrenceId } = await createBookableExperience({
      key: await freshKey(orgId),
      recurrence: { start_date: "2030-01-01" },
    });
    const sessionId = sessionIdOf(recurrenceId, "2030-01-07", "07:00");
    const booking = await services.book(orgId, experienceId, START - 10 * DAY_MS, {
      session_id: sessionId,
    });
    expect(booking.refundable_until).toBe(new Date(REFUNDABLE_UNTIL).toISOString());
    return booking;
  }

  it.each<[string, number, boolean]>([
    ["1 ms before refundable_until", REFUNDABLE_UNTIL - 1, true],
    ["exactly at refundable_until", REFUNDABLE_UNTIL, true],
    ["1 ms after refundable_until", REFUNDABLE_UNTIL + 1, false],
    ["1 ms before the start", START - 1, false],
  ])("cancelled %s: refund_eligible %s", async (_label, now, eligible) => {
    const booking = await bookedAt2030();
    const cancelled = await services.cancel(orgId, booking.id, now);
    expect(cancelled).toMatchObject({
      status: "cancelled",
      refund_eligible: eligible,
      cancelled_at: new Date(now).toISOString(),
    });
  });

  it.each<[string, number]>([
    ["at the start", START],
    ["1 ms after the start", START + 1],
    ["after the end", START + 2 * HOUR_MS],
  ])(
    "refuses %s with 422 session_started and leaves the booking confirmed",
    async (_label, now) => {
      const booking = await bookedAt2030();
      expect(await rejectionOf(services.cancel(orgId, booking.id, now))).toMatchObject({
        status: 422,
        code: "session_started",
      });
      const read = await callJson("GET", `/v1/bookings/${booking.id}`, {
        key: await freshKey(orgId),
      });
      expect(read.body.data).toMatchObject({
        status: "confirmed",
        cancelled_at: null,
        refund_eligible: null,
      });
    },
  );
});
