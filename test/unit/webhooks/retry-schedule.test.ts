import { describe, expect, it } from "vitest";
import {
  MAX_ATTEMPTS,
  nextRetryDelaySeconds,
  parseRetryAfter,
} from "../../../src/delivery/retry-schedule";

describe("retry schedule (§12)", () => {
  it("waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up after 8 attempts", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempts) =>
      nextRetryDelaySeconds(attempts, null),
    );
    expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000, null]);
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it("honours a longer Retry-After, at most 12 h, and ignores a shorter one", () => {
    expect(nextRetryDelaySeconds(1, 120)).toBe(120);
    expect(nextRetryDelaySeconds(2, 60)).toBe(300);
    expect(nextRetryDelaySeconds(1, 100_000)).toBe(43_200);
    expect(nextRetryDelaySeconds(8, 10)).toBeNull();
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Tue, 01 Dec 2026 13:00:00 GMT", now)).toBe(3600);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
