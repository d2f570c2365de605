const SECOND = 1;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** §12: waits after attempts 1…7; attempt 8 is the last. */
export const RETRY_DELAYS_SECONDS = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
] as const;

export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** A longer Retry-After (429/503) is honoured up to 12 h, the longest delay a Queue accepts. */
export const MAX_RETRY_AFTER_SECONDS = 12 * HOUR;

/** Seconds to wait before the next attempt, or null when `attemptsMade` was the last one. */
export function nextRetryDelaySeconds(
  attemptsMade: number,
  retryAfterSeconds: number | null,
): number | null {
  const scheduled = RETRY_DELAYS_SECONDS[attemptsMade - 1];
  if (scheduled === undefined) return null;
  if (retryAfterSeconds === null) return scheduled;
  return Math.max(scheduled, Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS));
}

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
