import { describe, expect, it } from "vitest";
import { eventsOf } from "../helpers/events";
import { slotOf } from "../helpers/holds";
import { callJson } from "../helpers/http";
import {
  asStored,
  book,
  bookingBody,
  bookOk,
  cancelOk,
  createBookableExperience,
  freshKey,
  futureSessionId,
  HOUR_MS,
  patchExperience,
} from "../helpers/scheduling";
import { reschedule } from "../helpers/sessions";
import { createTenant } from "../helpers/tenants";

describe("POST /v1/bookings/{id}/reschedule", () => {
  it("moves the seats, keeps price and policy snapshots, and moves refundable_until with the start", async () => {
    const { key } = await createTenant("UTC");
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { pricing: { model: "per_session", currency: "EUR", amount: 15 } },
    });
    const source = futureSessionId(recurrenceId, 3);
    const target = futureSessionId(recurrenceId, 5, "18:30");
    const booking = asStored(await bookOk(key, experienceId, bookingBody(source, { quantity: 2 })));
    // Later edits of price and policy apply to new bookings only.
    await patchExperience(key, experienceId, {
      pricing: { model: "per_session", currency: "EUR", amount: 40 },
      scheduling_rules: {
        booking_window: { min_hours_before: 0, max_days_ahead: 60 },
        cancellation_policy: { refundable_until_hours_before: 48 },
      },
    });
    const targetSlot = await slotOf(key, experienceId, target);

    const res = await reschedule(key, booking.id, { session_id: target });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const moved = res.body.data;
    expect(moved).toEqual({
      ...booking,
      session_id: target,
      start: targetSlot.start,
      end: targetSlot.end,
      refundable_until: new Date(Date.parse(targetSlot.start) - 24 * HOUR_MS).toISOString(),
      rescheduled_from: source,
      rescheduled_at: moved.updated_at,
      updated_at: moved.updated_at,
    });
    expect(moved.price).toEqual({
      model: "per_session",
      currency: "eur",
      amount_per_seat: 15,
      total: 30,
    });
    expect(Date.parse(moved.updated_at)).toBeGreaterThanOrEqual(Date.parse(booking.updated_at));
    expect((await callJson("GET", `/v1/bookings/${booking.id}`, { key })).body.data).toEqual(moved);
    expect(await slotOf(key, experienceId, source)).toMatchObject({ seats_booked: 0 });
    expect(await slotOf(key, experienceId, target)).toMatchObject({ seats_booked: 2 });

    const [event, ...more] = await eventsOf(key, "booking.rescheduled");
    expect(more).toEqual([]);
    expect(event.data).toEqual({ object: moved, previous_session_id: source });

    const again = await reschedule(key, booking.id, { session_id: source });
    expect(again.body.data).toMatchObject({ session_id: source, rescheduled_from: target });
    const cancelled = await cancelOk(key, booking.id);
    expect(cancelled).toMatchObject({ status: "cancelled", refund_eligible: true });
  });

  it("reschedules racing bookings for the last seats of the target never oversell it", async () => {
    const { orgId, key } = await createTenant("UTC");
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { default_capacity: 5 },
    });
    const target = futureSessionId(recurrenceId, 10);
    for (let i = 0; i < 3; i++) await bookOk(key, experienceId, bookingBody(target));
    const movers = [];
    for (let day = 2; day <= 5; day++) {
      movers.push(await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, day))));
    }
    const burstKey = await freshKey(orgId);
    const results = await Promise.all([
      ...movers.map((b) => reschedule(burstKey, b.id, { session_id: target })),
      ...movers.map(() => book(burstKey, experienceId, bookingBody(target))),
    ]);
    const won = results.filter((r) => r.status === 200 || r.status === 201);
    expect(won).toHaveLength(2);
    for (const lost of results.filter((r) => r.status !== 200 && r.status !== 201)) {
      expect(lost.status).toBe(409);
      expect(lost.body).toMatchObject({ code: "session_full", details: { seats_available: 0 } });
    }
    expect(await slotOf(key, experienceId, target)).toMatchObject({
      seats_booked: 5,
      seats_available: 0,
    });
    for (const [index, mover] of movers.entries()) {
      const read = (await callJson("GET", `/v1/bookings/${mover.id}`, { key })).body.data;
      const movedHere = results[index]?.status === 200;
      expect(read.session_id).toBe(movedHere ? target : mover.session_id);
      expect(read.status).toBe("confirmed");
    }
    const moves = results.slice(0, movers.length).filter((r) => r.status === 200).length;
    expect(await eventsOf(key, "booking.rescheduled")).toHaveLength(moves);
  });

  it("replays an idempotent retry without moving twice; the key cannot be reused for another target", async () => {
    const { key } = await createTenant("UTC");
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const booking = asStored(
      await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3))),
    );
    const headers = { "Idempotency-Key": `move-${booking.id}` };
    const target = futureSessionId(recurrenceId, 4);
    const first = await reschedule(key, booking.id, { session_id: target }, headers);
    const replay = await reschedule(key, booking.id, { session_id: target }, headers);
    expect(first.status).toBe(200);
    expect(first.res.headers.get("Idempotent-Replay")).toBeNull();
    expect(replay.status).toBe(200);
    expect(replay.res.headers.get("Idempotent-Replay")).toBe("true");
    expect(replay.body).toEqual(first.body);
    const other = futureSessionId(recurrenceId, 6);
    const reused = await reschedule(key, booking.id, { session_id: other }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe("idempotency_key_reused");
    const read = await callJson("GET", `/v1/bookings/${booking.id}`, { key });
    expect(read.body.data).toEqual(first.body.data);
    expect(await eventsOf(key, "booking.rescheduled")).toHaveLength(1);
  });

  it("a refused reschedule changes nothing and writes no event", async () => {
    const { key } = await createTenant("UTC");
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { default_capacity: 1 },
    });
    const booking = asStored(
      await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3))),
    );
    const target = futureSessionId(recurrenceId, 4);
    await bookOk(key, experienceId, bookingBody(target));
    const full = await reschedule(key, booking.id, { session_id: target });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ code: "session_full", details: { seats_available: 0 } });
    const read = await callJson("GET", `/v1/bookings/${booking.id}`, { key });
    expect(read.body.data).toEqual(booking);
    expect(await eventsOf(key, "booking.rescheduled")).toEqual([]);
  });
});
