/** §12: every event type a change can emit; endpoints subscribe to these or to `*`. */
export const EVENT_TYPES = [
  "experience.created",
  "experience.updated",
  "recurrence.created",
  "recurrence.updated",
  "recurrence.deleted",
  "booking.created",
  "booking.cancelled",
  "booking.rescheduled",
  "booking.waitlisted",
  "booking.promoted",
  "session.cancelled",
  "session.restored",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Sent by `POST /v1/webhook-endpoints/{id}/test` to that endpoint only; never subscribed to. */
export const TEST_EVENT_TYPE = "webhook.test";

export const ALL_EVENTS = "*";

/** Events are listed and delivered for 30 days, then removed by the retention sweep. */
export const EVENT_RETENTION_MS = 30 * 86_400_000;
