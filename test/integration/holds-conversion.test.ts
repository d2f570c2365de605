import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  bookingsOf,
  getHoldOk,
  holdOk,
  releaseHold,
  sessionFixture,
  slotOf,
} from "../helpers/holds";
import { travelTo } from "../helpers/idempotency";
import {
  book,
  bookingBody,
  bookOk,
  HOUR_MS,
  patchExperience,
  sessionIdOf,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});
afterEach(() => {
  vi.useRealTimers();
});

const contact = { name: "Ann Lee" };

const fixture = (experience: Record<string, unknown> = {}) =>
  sessionFixture(orgId, { default_capacity: 3, ...experience });

describe("booking with hold_id", () => {
  it("books the held session and quantity whatever the seats left; the hold is converted", async () => {
    const { key, experienceId, sessionId } = await fixture();
    const held = await holdOk(key, experienceId, { session_id: sessionId, quantity: 2 });
    await bookOk(key, experienceId, bookingBody(sessionId));
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({ seats_available: 0 });

    const booking = await bookOk(key, experienceId, { hold_id: held.id, contact, notes: "hi" });
    expect(booking).toMatchObject({
      session_id: sessionId,
      quantity: 2,
      status: "confirmed",
      contact: { name: "Ann Lee", email: null, phone: null },
      notes: "hi",
      waitlist_position: null,
      promoted_at: null,
    });
    expect(await getHoldOk(key, held.id)).toMatchObject({
      status: "converted",
      booking_id: booking.id,
    });
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      seats_booked: 3,
      seats_held: 0,
      seats_available: 0,
    });
  });

  it("accepts a quantity equal to the hold's and refuses another one with 400", async () => {
    const { key, experienceId, sessionId } = await fixture();
    const held = await holdOk(key, experienceId, { session_id: sessionId, quantity: 2 });
    const wrong = await book(key, experienceId, { hold_id: held.id, quantity: 1, contact });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.fieldErrors.quantity).toEqual(["Must equal the hold's quantity (2)"]);
    expect((await getHoldOk(key, held.id)).status).toBe("active");
    const ok = await book(key, experienceId, { hold_id: held.id, quantity: 2, contact });
    expect(ok.status).toBe(201);
  });

  it("answers 409 hold_not_active for a converted or released hold", async () => {
    const { key, experienceId, sessionId } = await fixture();
    const held = await holdOk(key, experienceId, { session_id: sessionId });
    await bookOk(key, experienceId, { hold_id: held.id, contact });
    const again = await book(key, experienceId, { hold_id: held.id, contact });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "hold_not_active", details: { status: "converted" } });

    const released = await holdOk(key, experienceId, { session_id: sessionId });
    expect((await releaseHold(key, released.id)).status).toBe(204);
    const late = await book(key, experienceId, { hold_id: released.id, contact });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: "hold_not_active", details: { status: "released" } });
    expect(await bookingsOf(key, sessionId, "confirmed")).toHaveLength(1);
  });

  it("answers 409 hold_expired from expires_at on (controlled clock)", async () => {
    const { key, experienceId, sessionId } = await fixture();
    const held = await holdOk(key, experienceId, { session_id: sessionId, ttl_seconds: 60 });
    travelTo(Date.parse(held.expires_at));
    const res = await book(key, experienceId, { hold_id: held.id, contact });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("hold_expired");
    expect(await bookingsOf(key, sessionId, "confirmed")).toHaveLength(0);
    expect((await getHoldOk(key, held.id)).status).toBe("expired");
  });

  it("converts 1 ms before expires_at", async () => {
    const { key, experienceId, sessionId } = await fixture();
    const held = await holdOk(key, experienceId, { session_id: sessionId, ttl_seconds: 60 });
    travelTo(Date.parse(held.expires_at) - 1);
    expect((await book(key, experienceId, { hold_id: held.id, contact })).status).toBe(201);
  });

  it("checks the booking window again at conversion", async () => {
    const start = Date.UTC(2031, 2, 10, 7);
    travelTo(start - 2 * HOUR_MS);
    const { key, experienceId, recurrenceId } = await fixture({
      scheduling_rules: { booking_window: { min_hours_before: 1, max_days_ahead: 60 } },
    });
    const sessionId = sessionIdOf(recurrenceId, "2031-03-10", "07:00");
    travelTo(start - HOUR_MS - 30_000);
    const held = await holdOk(key, experienceId, { session_id: sessionId, ttl_seconds: 600 });
    travelTo(start - HOUR_MS + 1);
    const res = await book(key, experienceId, { hold_id: held.id, contact });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: "outside_booking_window",
      details: { reason: "too_soon" },
    });
    expect((await getHoldOk(key, held.id)).status).toBe("active");
  });

  it("applies the experience checks and the contact rules to a conversion", async () => {
    const { key, experienceId, sessionId } = await fixture({ required_contact_method: "email" });
    const held = await holdOk(key, experienceId, { session_id: sessionId });
    const noEmail = await book(key, experienceId, { hold_id: held.id, contact });
    expect(noEmail.status).toBe(400);
    expect(Object.keys(noEmail.body.details.fieldErrors)).toEqual(["contact.email"]);
    await patchExperience(key, experienceId, { registration_status: "closed" });
    const closed = await book(key, experienceId, {
      hold_id: held.id,
      contact: { ...contact, email: "ann@example.com" },
    });
    expect(closed.body.code).toBe("registration_closed");
  });

  it.each([
    [{ contact }, "session_id"],
    [{ session_id: "ses_x", hold_id: "hld_x", contact }, "hold_id"],
    [{ hold_id: "hld_x", join_waitlist: true, contact }, "join_waitlist"],
  ])("rejects %j with 400 on %s", async (body, field) => {
    const { key, experienceId } = await fixture();
    const res = await book(key, experienceId, body);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.details.fieldErrors)).toContain(field);
  });

  it("answers 404 for an unknown hold or one of another experience", async () => {
    const { key, experienceId } = await fixture();
    const other = await fixture();
    const foreign = await holdOk(other.key, other.experienceId, { session_id: other.sessionId });
    expect((await book(key, experienceId, { hold_id: foreign.id, contact })).status).toBe(404);
    expect(
      (await book(key, experienceId, { hold_id: "hld_unknown000000000000", contact })).status,
    ).toBe(404);
  });

  it("replays the conversion under the same Idempotency-Key without a second booking", async () => {
    const { key, experienceId, sessionId } = await fixture();
    const held = await holdOk(key, experienceId, { session_id: sessionId });
    const headers = { "Idempotency-Key": `convert-${held.id}` };
    const first = await book(key, experienceId, { hold_id: held.id, contact }, headers);
    const second = await book(key, experienceId, { hold_id: held.id, contact }, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.res.headers.get("Idempotent-Replay")).toBe("true");
    expect(second.body).toEqual(first.body);
    expect(await bookingsOf(key, sessionId, "confirmed")).toHaveLength(1);
  });
});
