import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WAITLIST_SWEEP_TASKS } from "../../src/features/waitlist/waitlist-sweeps";
import { bookingsOf, hold, releaseHold, slotOf } from "../helpers/holds";
import { callJson } from "../helpers/http";
import { travelTo } from "../helpers/idempotency";
import {
  book,
  bookingBody,
  createBookableExperience,
  freshKey,
  futureSessionId,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});
afterEach(() => {
  vi.useRealTimers();
});

/** A small deterministic PRNG (mulberry32), so a failing sequence can be replayed by its seed. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CAPACITY = 5;

/** Every check §14 promises after a round, once the sweeps have run. */
async function assertInvariant(key: string, experienceId: string, sessionId: string) {
  const slot = await slotOf(key, experienceId, sessionId);
  const confirmed = await bookingsOf(key, sessionId, "confirmed");
  const seats = confirmed.reduce((sum, b) => sum + b.quantity, 0);
  expect(seats).toBe(slot.seats_booked);
  expect(slot.seats_booked + slot.seats_held).toBeLessThanOrEqual(CAPACITY);
  const waitlisted = await bookingsOf(key, sessionId, "waitlisted");
  const head = waitlisted.find(
    (b) => (b as { waitlist_position?: number }).waitlist_position === 1,
  );
  // After promotion, the head of the waitlist never fits the seats left.
  if (head) expect(head.quantity).toBeGreaterThan(slot.seats_available);
}

describe("no sequence of holds, bookings, cancellations, releases and expiries oversells", () => {
  it.each([11, 23, 37])("random concurrent rounds keep every invariant (seed %i)", async (seed) => {
    const random = prng(seed);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
    let now = Date.now();
    travelTo(now);
    const setupKey = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({
      key: setupKey,
      experience: { default_capacity: CAPACITY, waitlist: { enabled: true } },
    });
    const sessionId = futureSessionId(recurrenceId, 3);
    const bookingIds: string[] = [];
    const holdIds: string[] = [];
    for (let round = 0; round < 5; round++) {
      const key = await freshKey(orgId);
      const operations = Array.from({ length: 8 }, () => {
        const quantity = 1 + Math.floor(random() * 3);
        const kind = pick(["book", "wait", "hold", "convert", "cancel", "release"]);
        if (kind === "book" || kind === "wait") {
          const body = bookingBody(sessionId, { quantity, join_waitlist: kind === "wait" });
          return book(key, experienceId, body).then(
            (r) => r.status === 201 && bookingIds.push(r.body.data.id),
          );
        }
        if (kind === "hold") {
          return hold(key, experienceId, { session_id: sessionId, quantity, ttl_seconds: 60 }).then(
            (r) => r.status === 201 && holdIds.push(r.body.data.id),
          );
        }
        if (kind === "convert" && holdIds.length > 0) {
          return book(key, experienceId, { hold_id: pick(holdIds), contact: { name: "Jo" } });
        }
        if (kind === "cancel" && bookingIds.length > 0) {
          return callJson("POST", `/v1/bookings/${pick(bookingIds)}/cancel`, { key });
        }
        if (kind === "release" && holdIds.length > 0) return releaseHold(key, pick(holdIds));
        return Promise.resolve();
      });
      await Promise.all(operations);
      // Some holds expire between rounds; the minute's sweeps then promote into their seats.
      now += random() < 0.5 ? 61_000 : 1_000;
      travelTo(now);
      for (const task of WAITLIST_SWEEP_TASKS) await task.run(env, now);
      await assertInvariant(setupKey, experienceId, sessionId);
    }
  });
});
