import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bookingWindowStableUntil,
  checkBookingWindow,
} from "../../../src/features/sessions/booking-window";

const HOUR_MS = 3_600_000;
const rulesOf = (minHours: number, maxDays: number) =>
  ({
    booking_window: { min_hours_before: minHours, max_days_ahead: maxDays },
    cancellation_policy: { refundable_until_hours_before: 0 },
  }) as Parameters<typeof checkBookingWindow>[2];

const answersAt = (starts: number[], at: number, rules: ReturnType<typeof rulesOf>) =>
  starts.map((start) => checkBookingWindow(start, at, rules));

describe("bookingWindowStableUntil", () => {
  it("no answer changes before it; only starts already past never change", () => {
    const now = Date.UTC(2026, 2, 29, 0, 0, 0);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -3 * 24 * HOUR_MS, max: 90 * 24 * HOUR_MS }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 72 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (offsets, minHours, maxDays, fractions) => {
          const starts = offsets.map((offset) => now + offset);
          const rules = rulesOf(minHours, maxDays);
          const until = bookingWindowStableUntil(starts, now, rules);
          expect(until).toBeGreaterThanOrEqual(now);
          const before = answersAt(starts, now, rules);
          if (!Number.isFinite(until)) {
            // Only starts already past can never change.
            for (const answer of before) expect(answer).toBe("past");
            return;
          }
          for (const fraction of fractions) {
            const at = now + Math.floor(fraction * (until - now));
            if (at < until) expect(answersAt(starts, at, rules)).toEqual(before);
          }
          if (until > now) expect(answersAt(starts, until - 1, rules)).toEqual(before);
          // Early is allowed (a point where nothing changes), late never: until is one of them.
          expect(starts.some((start) => start > now && until <= start)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is now itself when a start sits exactly min_hours_before ahead (it changes a ms later)", () => {
    const now = Date.UTC(2026, 9, 25, 0, 30);
    const rules = rulesOf(2, 60);
    expect(bookingWindowStableUntil([now + 2 * HOUR_MS], now, rules)).toBe(now);
    expect(checkBookingWindow(now + 2 * HOUR_MS, now, rules)).toBeNull();
    expect(checkBookingWindow(now + 2 * HOUR_MS, now + 1, rules)).toBe("too_soon");
  });
});
