import { beforeAll, describe, expect, it } from "vitest";
import { bookingsOf, sessionFixture, slotOf } from "../helpers/holds";
import { callJson } from "../helpers/http";
import { bookingBody, bookOk, freshKey } from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

const fixture = (capacity: number) =>
  sessionFixture(orgId, { default_capacity: capacity, waitlist: { enabled: true } });

describe("concurrent promotions never over-confirm", () => {
  it.each([1, 2, 3])(
    "two cancellations at once promote exactly the FIFO prefix that fits (run %i)",
    async () => {
      const { key, experienceId, sessionId } = await fixture(3);
      const x = await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 1 }));
      const y = await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 2 }));
      const waiting = [];
      for (const quantity of [2, 1, 1, 1]) {
        waiting.push(
          await bookOk(
            key,
            experienceId,
            bookingBody(sessionId, { quantity, join_waitlist: true }),
          ),
        );
      }
      const cancels = await Promise.all(
        [x, y].map((b) => callJson("POST", `/v1/bookings/${b.id}/cancel`, { key })),
      );
      expect(cancels.map((c) => c.status)).toEqual([200, 200]);
      const confirmed = await bookingsOf(key, sessionId, "confirmed");
      expect(confirmed.map((b) => b.id).sort()).toEqual([waiting[0].id, waiting[1].id].sort());
      expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
        seats_booked: 3,
        seats_available: 0,
        waitlist_size: 2,
      });
    },
  );

  it("many cancellations racing new bookings: confirmed seats never exceed the capacity", async () => {
    const { key, experienceId, sessionId } = await fixture(4);
    const seated = [];
    for (let i = 0; i < 4; i++)
      seated.push(await bookOk(key, experienceId, bookingBody(sessionId)));
    for (let i = 0; i < 6; i++) {
      await bookOk(
        key,
        experienceId,
        bookingBody(sessionId, { quantity: 1 + (i % 2), join_waitlist: true }),
      );
    }
    const racerKey = await freshKey(orgId);
    await Promise.all([
      ...seated.map((b) => callJson("POST", `/v1/bookings/${b.id}/cancel`, { key })),
      ...Array.from({ length: 6 }, () =>
        callJson("POST", `/v1/experiences/${experienceId}/bookings`, {
          key: racerKey,
          body: bookingBody(sessionId),
        }),
      ),
    ]);
    const slot = await slotOf(key, experienceId, sessionId);
    const confirmed = await bookingsOf(key, sessionId, "confirmed");
    expect(slot.seats_booked).toBeLessThanOrEqual(4);
    expect(confirmed.reduce((sum, b) => sum + b.quantity, 0)).toBe(slot.seats_booked);
  });
});
