/**
 * The zones the calendar feeds are proven in: DST north and south, a half-hour offset without
 * DST (Kolkata), a zone that skips midnight (Santiago), and a +12:45/+13:45 one (Chatham).
 */
export const FEED_ZONES = [
  "America/New_York",
  "Europe/Berlin",
  "Australia/Sydney",
  "Asia/Kolkata",
  "America/Santiago",
  "Pacific/Chatham",
] as const;
