import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { callJson, expectError } from "../helpers/http";
import { travelTo } from "../helpers/idempotency";
import {
  asStored,
  bookingBody,
  bookOk,
  cancelOk,
  createBookableExperience,
  freshKey,
  futureSessionId,
  patchExperience,
  patchRecurrence,
  sessionIdOf,
  utcDate,
} from "../helpers/scheduling";
import { cancelSession, reschedule } from "../helpers/sessions";
import { createApiKey, createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

afterEach(() => {
  vi.useRealTimers();
});

/** A fresh experience (capacity 2) with a one-seat booking three days ahead. */
async function fixture(experience: Record<string, unknown> = {}) {
  const key = await freshKey(orgId);
  const { experienceId, recurrenceId } = await createBookableExperience({
    key,
    experience: { default_capacity: 2, max_booking_quantity: 2, ...experience },
  });
  const booking = asStored(
    await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3))),
  );
  return { key, experienceId, recurrenceId, booking };
}

/** The booking is exactly as it was: a refused reschedule leaves no trace. */
async function expectUnchanged(key: string, booking: { id: string }) {
  const read = await callJson("GET", `/v1/bookings/${booking.id}`, { key });
  expect(read.body.data).toEqual(booking);
}

describe("reschedule refusals (§15)", () => {
  it("409 booking_not_reschedulable for a cancelled booking", async () => {
    const { key, recurrenceId, booking } = await fixture();
    const cancelled = await cancelOk(key, booking.id);
    const res = await reschedule(key, booking.id, { session_id: futureSessionId(recurrenceId, 4) });
    expectError(res, 409, "booking_not_reschedulable");
    await expectUnchanged(key, cancelled);
  });

  it("422 session_started once the booking's session has begun", async () => {
    const { key, recurrenceId, booking } = await fixture();
    travelTo(Date.parse(booking.start) + 60_000);
    const res = await reschedule(key, booking.id, { session_id: futureSessionId(recurrenceId, 6) });
    expectError(res, 422, "session_started");
    vi.useRealTimers();
    await expectUnchanged(key, booking);
  });

  it("400 validation_failed for the booking's own session, a missing or unknown field", async () => {
    const { key, recurrenceId, booking } = await fixture();
    const same = await reschedule(key, booking.id, { session_id: booking.session_id });
    expectError(same, 400, "validation_failed");
    expect(same.body.details.fieldErrors.session_id).toEqual([
      "The booking is already in this session",
    ]);
    expectError(await reschedule(key, booking.id, {}), 400, "validation_failed");
    const extra = await reschedule(key, booking.id, {
      session_id: futureSessionId(recurrenceId, 4),
      quantity: 2,
    });
    expectError(extra, 400, "validation_failed");
    await expectUnchanged(key, booking);
  });

  it("404 for an unknown or foreign booking, an unknown session, a session of another experience", async () => {
    const { key, recurrenceId, booking } = await fixture();
    const other = await createBookableExperience({ key });
    const foreign = await createTenant("UTC");
    const theirs = await fixture();
    const target = { session_id: futureSessionId(recurrenceId, 4) };
    expectError(await reschedule(key, "bkg_unknownBooking000000", target), 404, "not_found");
    expectError(await reschedule(foreign.key, theirs.booking.id, target), 404, "not_found");
    const notProduced = sessionIdOf(recurrenceId, utcDate(Date.now() + 4 * 86_400_000), "09:15");
    expectError(await reschedule(key, booking.id, { session_id: notProduced }), 404, "not_found");
    const otherSession = futureSessionId(other.recurrenceId, 4);
    expectError(await reschedule(key, booking.id, { session_id: otherSession }), 404, "not_found");
    await expectUnchanged(key, booking);
  });

  it("422 experience_inactive and registration_closed, checked before the target", async () => {
    const { key, experienceId, recurrenceId, booking } = await fixture();
    const target = { session_id: futureSessionId(recurrenceId, 4) };
    await patchExperience(key, experienceId, { registration_status: "closed" });
    expectError(await reschedule(key, booking.id, target), 422, "registration_closed");
    await patchExperience(key, experienceId, { status: "inactive" });
    expectError(await reschedule(key, booking.id, target), 422, "experience_inactive");
    await expectUnchanged(key, booking);
  });

  it("422 session_unavailable for a cancelled target (reason cancelled) or a paused recurrence (paused)", async () => {
    const { key, experienceId, recurrenceId, booking } = await fixture();
    const cancelledTarget = futureSessionId(recurrenceId, 4);
    expect((await cancelSession(key, experienceId, cancelledTarget)).status).toBe(200);
    const cancelled = await reschedule(key, booking.id, { session_id: cancelledTarget });
    expectError(cancelled, 422, "session_unavailable");
    expect(cancelled.body.details).toEqual({ reason: "cancelled" });
    await patchRecurrence(key, experienceId, recurrenceId, { status: "paused" });
    const paused = await reschedule(key, booking.id, {
      session_id: futureSessionId(recurrenceId, 5),
    });
    expectError(paused, 422, "session_unavailable");
    expect(paused.body.details).toEqual({ reason: "paused" });
    await expectUnchanged(key, booking);
  });

  it("422 outside_booking_window for a target in the past, too soon or too far", async () => {
    const { key, recurrenceId, booking } = await fixture({
      scheduling_rules: {
        booking_window: { min_hours_before: 30, max_days_ahead: 20 },
        cancellation_policy: { refundable_until_hours_before: 24 },
      },
    });
    const yesterday = sessionIdOf(recurrenceId, utcDate(Date.now() - 86_400_000), "18:30");
    // Sessions run at 07:00 and 18:30 daily, so one always starts within the next 30 hours.
    const upcoming = [0, 1].flatMap((days) =>
      ["07:00", "18:30"].map((time) => {
        const date = utcDate(Date.now() + days * 86_400_000);
        return {
          id: sessionIdOf(recurrenceId, date, time),
          start: Date.parse(`${date}T${time}:00Z`),
        };
      }),
    );
    const soon = upcoming.find((s) => s.start > Date.now() + 60_000);
    if (!soon) throw new Error("no session in the next 30 hours");
    const cases: Array<[string, string]> = [
      [yesterday, "past"],
      [soon.id, "too_soon"],
      [futureSessionId(recurrenceId, 25), "too_far"],
    ];
    for (const [sessionId, reason] of cases) {
      const res = await reschedule(key, booking.id, { session_id: sessionId });
      expectError(res, 422, "outside_booking_window");
      expect(res.body.details).toEqual({ reason });
    }
    await expectUnchanged(key, booking);
  });

  it("409 session_full with the seats the target has left", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { default_capacity: 2, max_booking_quantity: 2 },
    });
    const pair = asStored(
      await bookOk(
        key,
        experienceId,
        bookingBody(futureSessionId(recurrenceId, 3), { quantity: 2 }),
      ),
    );
    const target = futureSessionId(recurrenceId, 4);
    await bookOk(key, experienceId, bookingBody(target));
    const res = await reschedule(key, pair.id, { session_id: target });
    expectError(res, 409, "session_full");
    expect(res.body.details).toEqual({ seats_available: 1, waitlist_available: false });
    await expectUnchanged(key, pair);
  });

  it("403 insufficient_scope without bookings:write", async () => {
    const { recurrenceId, booking } = await fixture();
    const reader = await createApiKey(orgId, { experiences: "write", bookings: "read" });
    const res = await reschedule(reader.key, booking.id, {
      session_id: futureSessionId(recurrenceId, 4),
    });
    expectError(res, 403, "insufficient_scope");
    expect(res.body.details.required).toBe("bookings:write");
  });
});
