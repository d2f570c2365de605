import { beforeAll, describe, expect, it } from "vitest";
import { callJson } from "../helpers/http";
import {
  book,
  bookingBody,
  createBookableExperience,
  DAY_MS,
  freshKey,
  futureSessionId,
  slotsOf,
  utcDate,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

/**
 * Fires `count` bookings at once with a key of their own (the rate limit is per key), then
 * reads the outcome with another key.
 */
async function burst(quantity: number, count: number) {
  const setupKey = await freshKey(orgId);
  const { experienceId, recurrenceId } = await createBookableExperience({
    key: setupKey,
    experience: { default_capacity: 10 },
  });
  const sessionId = futureSessionId(recurrenceId, 3);
  const burstKey = await freshKey(orgId);
  const responses = await Promise.all(
    Array.from({ length: count }, () =>
      book(burstKey, experienceId, bookingBody(sessionId, { quantity })),
    ),
  );
  const listed = await callJson(
    "GET",
    `/v1/bookings?session_id=${sessionId}&status=confirmed&page_size=200`,
    { key: setupKey },
  );
  const day = utcDate(Date.now() + 3 * DAY_MS);
  const slots = await slotsOf(setupKey, experienceId, {
    from: day,
    to: day,
    timezone: "UTC",
    include_unbookable: "true",
  });
  return {
    statuses: responses.map((r) => r.status),
    refusals: responses.filter((r) => r.status === 409).map((r) => r.body),
    confirmed: listed.body.data as Array<{ quantity: number }>,
    slot: slots.find((s) => s.session_id === sessionId),
  };
}

const countOf = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe("seats are never oversold", () => {
  it("50 parallel one-seat bookings on capacity 10: exactly 10 × 201 and 40 × 409 session_full", async () => {
    const { statuses, refusals, confirmed, slot } = await burst(1, 50);
    expect(countOf(statuses, 201)).toBe(10);
    expect(countOf(statuses, 409)).toBe(40);
    for (const body of refusals) {
      expect(body).toMatchObject({ code: "session_full", details: { seats_available: 0 } });
    }
    expect(confirmed).toHaveLength(10);
    expect(slot).toMatchObject({
      capacity: 10,
      seats_booked: 10,
      seats_available: 0,
      bookable: false,
      unbookable_reason: "full",
    });
  });

  it("20 parallel three-seat bookings on capacity 10: three succeed, 9 seats taken", async () => {
    const { statuses, refusals, confirmed, slot } = await burst(3, 20);
    expect(countOf(statuses, 201)).toBe(3);
    expect(countOf(statuses, 409)).toBe(17);
    for (const body of refusals) {
      expect(body).toMatchObject({ code: "session_full", details: { seats_available: 1 } });
    }
    expect(confirmed.reduce((sum, b) => sum + b.quantity, 0)).toBe(9);
    expect(slot).toMatchObject({ seats_booked: 9, seats_available: 1, bookable: true });
  });
});
