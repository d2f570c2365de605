import { beforeAll, describe, expect, it } from "vitest";
import { createHold } from "../../src/features/holds/holds.service";
import { bookingsOf, hold, releaseHold, seatsOf, sessionFixture, slotOf } from "../helpers/holds";
import { book, bookingBody, freshKey, rejectionOf, services } from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

const fixture = (capacity: number) => sessionFixture(orgId, { default_capacity: capacity });

/** A hold made by the service with a chosen clock. */
function holdAt(
  experienceId: string,
  sessionId: string,
  quantity: number,
  ttl: number,
  now: number,
) {
  return createHold(services.db(), {
    organizationId: orgId,
    experienceId,
    body: { session_id: sessionId, quantity, ttl_seconds: ttl },
    idempotency: undefined,
    now,
  });
}

const countOf = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe("holds never oversell", () => {
  it("40 parallel one-seat holds on capacity 10: exactly 10 × 201 and 30 × 409", async () => {
    const { key, experienceId, sessionId } = await fixture(10);
    const burstKey = await freshKey(orgId);
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => hold(burstKey, experienceId, { session_id: sessionId })),
    );
    const statuses = responses.map((r) => r.status);
    expect(countOf(statuses, 201)).toBe(10);
    expect(countOf(statuses, 409)).toBe(30);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.body).toMatchObject({ code: "session_full", details: { seats_available: 0 } });
    }
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      seats_held: 10,
      seats_available: 0,
      unbookable_reason: "full",
    });
  });

  it("holds and bookings racing together never take more than the capacity", async () => {
    const { key, experienceId, sessionId } = await fixture(10);
    const holdKey = await freshKey(orgId);
    const bookKey = await freshKey(orgId);
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0
          ? hold(holdKey, experienceId, { session_id: sessionId, quantity: 2 })
          : book(bookKey, experienceId, bookingBody(sessionId, { quantity: 1 + (i % 3) })),
      ),
    );
    const taken = responses
      .filter((r) => r.status === 201)
      .reduce((sum, r) => sum + r.body.data.quantity, 0);
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const slot = await slotOf(key, experienceId, sessionId);
    expect(slot.seats_booked + slot.seats_held).toBe(taken);
    expect(taken).toBeLessThanOrEqual(10);
    // Every refusal was real: the seats left could not cover it when it was refused.
    expect(taken).toBeGreaterThanOrEqual(10 - 2);
    expect(seatsOf(await bookingsOf(key, sessionId, "confirmed"))).toBe(slot.seats_booked);
  });

  it("a conversion racing its hold's expiry: either the booking or the new hold wins, never both", async () => {
    for (let round = 0; round < 8; round++) {
      const { key, experienceId, sessionId } = await fixture(1);
      const start = Date.now();
      const held = await holdAt(experienceId, sessionId, 1, 60, start);
      const expiresAt = start + 60_000;
      // The converter's clock still sees the hold alive; the other writer's already sees it gone.
      const [conversion, stealer] = await Promise.allSettled([
        services.book(orgId, experienceId, expiresAt - 1, { hold_id: held.id }),
        holdAt(experienceId, sessionId, 1, 600, expiresAt),
      ]);
      const converted = conversion.status === "fulfilled";
      const stolen = stealer.status === "fulfilled";
      expect(converted !== stolen, `round ${round}: exactly one wins`).toBe(true);
      if (!converted) {
        expect(await rejectionOf(Promise.reject(conversion.reason))).toMatchObject({
          code: "hold_expired",
        });
      }
      const confirmed = await bookingsOf(key, sessionId, "confirmed");
      expect(confirmed.length).toBe(converted ? 1 : 0);
    }
  });

  it("two concurrent conversions of one hold: one booking, the other 409 hold_not_active", async () => {
    const { key, experienceId, sessionId } = await fixture(2);
    const held = await holdAt(experienceId, sessionId, 2, 600, Date.now());
    const body = { hold_id: held.id, contact: { name: "Ann" } };
    const responses = await Promise.all([
      book(key, experienceId, body),
      book(key, experienceId, body),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(responses.find((r) => r.status === 409)?.body.code).toBe("hold_not_active");
    expect(await bookingsOf(key, sessionId, "confirmed")).toHaveLength(1);
  });

  it("a conversion racing a release: exactly one of them happens", async () => {
    const { key, experienceId, sessionId } = await fixture(2);
    const held = await holdAt(experienceId, sessionId, 2, 600, Date.now());
    const [converted, released] = await Promise.all([
      book(key, experienceId, { hold_id: held.id, contact: { name: "Ann" } }),
      releaseHold(key, held.id).then((res) => res.status),
    ]);
    const slot = await slotOf(key, experienceId, sessionId);
    if (converted.status === 201) {
      expect(released).toBe(409);
      expect(slot).toMatchObject({ seats_booked: 2, seats_held: 0 });
    } else {
      expect(converted.body.code).toBe("hold_not_active");
      expect(released).toBe(204);
      expect(slot).toMatchObject({ seats_booked: 0, seats_held: 0, seats_available: 2 });
    }
  });
});
