import { beforeAll, describe, expect, it } from "vitest";
import { eventsOf } from "../helpers/events";
import { getHoldOk, hold, holdOk, sessionFixture, slotOf } from "../helpers/holds";
import { callJson, expectError } from "../helpers/http";
import { book, bookingBody, bookOk, futureSessionId } from "../helpers/scheduling";
import { cancelSession, reschedule, sessionPath } from "../helpers/sessions";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

const waitlisting = (capacity: number) =>
  sessionFixture(orgId, { default_capacity: capacity, waitlist: { enabled: true } });

async function joinWaitlist(key: string, experienceId: string, sessionId: string) {
  const res = await book(key, experienceId, bookingBody(sessionId, { join_waitlist: true }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.data.status).toBe("waitlisted");
  return res.body.data;
}

describe("session operations with holds and waitlists (§14, §15)", () => {
  it("a cancellation cancels confirmed and waitlisted bookings refund-eligible and releases the holds", async () => {
    const { key, experienceId, sessionId } = await waitlisting(2);
    const confirmed = await bookOk(key, experienceId, bookingBody(sessionId));
    const held = await holdOk(key, experienceId, { session_id: sessionId });
    const waitlisted = await joinWaitlist(key, experienceId, sessionId);
    const before = await callJson("GET", sessionPath(experienceId, sessionId), { key });
    expect(before.body.data).toMatchObject({ seats_booked: 1, seats_held: 1, waitlist_size: 1 });

    const res = await cancelSession(key, experienceId, sessionId, { reason: "Closed" });
    expect(res.body.data.bookings_cancelled).toBe(2);
    for (const id of [confirmed.id, waitlisted.id]) {
      const read = await callJson("GET", `/v1/bookings/${id}`, { key });
      expect(read.body.data).toMatchObject({
        status: "cancelled",
        refund_eligible: true,
        cancel_reason: "Closed",
        waitlist_position: null,
      });
    }
    expect((await getHoldOk(key, held.id)).status).toBe("released");
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      seats_booked: 0,
      seats_held: 0,
      waitlist_size: 0,
      unbookable_reason: "cancelled",
    });
    // Neither a hold nor a waitlist place can be taken in it afterwards.
    const refusedHold = await hold(key, experienceId, { session_id: sessionId });
    expectError(refusedHold, 422, "session_unavailable");
    expect(refusedHold.body.details).toEqual({ reason: "cancelled" });
    const refusedWait = await book(
      key,
      experienceId,
      bookingBody(sessionId, { join_waitlist: true }),
    );
    expect(refusedWait.body.details).toEqual({ reason: "cancelled" });
    expect(await eventsOf(key, "booking.promoted")).toEqual([]);
  });

  it("a target's unexpired holds count against its seats, through the shared guard", async () => {
    const { key, experienceId, recurrenceId } = await waitlisting(2);
    const target = futureSessionId(recurrenceId, 5);
    await bookOk(key, experienceId, bookingBody(target));
    const held = await holdOk(key, experienceId, { session_id: target });
    const booking = await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 4)));
    const full = await reschedule(key, booking.id, { session_id: target });
    expectError(full, 409, "session_full");
    expect(full.body.details.seats_available).toBe(0);
    expect((await callJson("DELETE", `/v1/holds/${held.id}`, { key })).status).toBe(204);
    const moved = await reschedule(key, booking.id, { session_id: target });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  });

  it("moving a booking away promotes the source's waitlist into the freed seats", async () => {
    const { key, experienceId, recurrenceId, sessionId } = await waitlisting(1);
    const booking = await bookOk(key, experienceId, bookingBody(sessionId));
    const waitlisted = await joinWaitlist(key, experienceId, sessionId);
    const moved = await reschedule(key, booking.id, {
      session_id: futureSessionId(recurrenceId, 6),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const promoted = await callJson("GET", `/v1/bookings/${waitlisted.id}`, { key });
    expect(promoted.body.data).toMatchObject({
      status: "confirmed",
      promoted_at: expect.any(String),
    });
    const [event] = await eventsOf(key, "booking.promoted");
    expect(event?.data.object.id).toBe(waitlisted.id);
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      seats_booked: 1,
      waitlist_size: 0,
    });
  });

  it("a waitlisted booking cannot be rescheduled", async () => {
    const { key, experienceId, recurrenceId, sessionId } = await waitlisting(1);
    await bookOk(key, experienceId, bookingBody(sessionId));
    const waitlisted = await joinWaitlist(key, experienceId, sessionId);
    const res = await reschedule(key, waitlisted.id, {
      session_id: futureSessionId(recurrenceId, 6),
    });
    expectError(res, 409, "booking_not_reschedulable");
  });
});
