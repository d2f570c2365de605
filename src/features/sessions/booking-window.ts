import type { SchedulingRulesValue } from "../../db/schema";

export type WindowViolation = "past" | "too_soon" | "too_far";

const HOUR_MS = 3_600_000;

/**
 * §9 booking window: a start at or before now is `past`; fewer than min_hours_before hours
 * ahead is `too_soon` (exactly min_hours_before is allowed); more than max_days_ahead × 24 h
 * ahead is `too_far` (exactly that is allowed).
 */
export function checkBookingWindow(
  startMs: number,
  nowMs: number,
  rules: SchedulingRulesValue,
): WindowViolation | null {
  const ahead = startMs - nowMs;
  if (ahead <= 0) return "past";
  if (ahead < rules.booking_window.min_hours_before * HOUR_MS) return "too_soon";
  if (ahead > rules.booking_window.max_days_ahead * 24 * HOUR_MS) return "too_far";
  return null;
}

/** The instant after which a cancellation is no longer refundable (§9). */
export function refundableUntil(startMs: number, rules: SchedulingRulesValue): number {
  return startMs - rules.cancellation_policy.refundable_until_hours_before * HOUR_MS;
}

/**
 * The first instant at or after `nowMs` at which checkBookingWindow may answer differently for
 * one of these starts (Infinity when none can change): until then every answer stays as it is
 * at `nowMs`. The answer moves where a start comes within max_days_ahead, where it comes within
 * min_hours_before and at the start itself; each point is floored, so a point between two
 * milliseconds is taken early, never late.
 */
export function bookingWindowStableUntil(
  startsMs: Iterable<number>,
  nowMs: number,
  rules: SchedulingRulesValue,
): number {
  const farMs = rules.booking_window.max_days_ahead * 24 * HOUR_MS;
  const soonMs = rules.booking_window.min_hours_before * HOUR_MS;
  let until = Number.POSITIVE_INFINITY;
  for (const startMs of startsMs) {
    if (startMs <= nowMs) continue; // past for good
    for (const point of [startMs - farMs, startMs - soonMs, startMs]) {
      const at = Math.floor(point);
      if (at >= nowMs && at < until) until = at;
    }
  }
  return until;
}
