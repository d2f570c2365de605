import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  createdAt,
  deletedAt,
  deliveryAttempts,
  deliveryStatus,
  ownedRowKey,
  timestamps,
} from "../columns";

/**
 * §12 transactional outbox: an event row is written in the same db.batch as its change.
 * `enqueued_at` stays NULL until the Worker handed it to the Queue; a sweep enqueues events
 * still NULL after 30 s (the Worker died between its batch and its enqueue).
 */
export const events = sqliteTable(
  "events",
  {
    ...ownedRowKey(),
    type: text("type").notNull(),
    /** The whole `data` member of the event object: `{object, …}`. */
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    enqueuedAt: integer("enqueued_at"),
  },
  (t) => [
    index("events_by_org_newest").on(t.organizationId, t.createdAt, t.id),
    index("events_not_enqueued").on(t.enqueuedAt, t.createdAt),
  ],
);

export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    ...ownedRowKey(),
    url: text("url").notNull(),
    events: text("events", { mode: "json" }).$type<string[]>().notNull(),
    description: text("description").notNull(),
    status: text("status", { enum: ["active", "disabled"] }).notNull(),
    disabledReason: text("disabled_reason", { enum: ["gone", "failing"] }),
    /** AES-GCM ciphertext of the signing secret (key from the WEBHOOK_ENCRYPTION_KEY secret). */
    secretCiphertext: text("secret_ciphertext").notNull(),
    /** After a rotation the previous secret keeps signing until `previous_secret_expires_at`. */
    previousSecretCiphertext: text("previous_secret_ciphertext"),
    previousSecretExpiresAt: integer("previous_secret_expires_at"),
    /** First failure since the last success; 5 days of failures disable the endpoint. */
    failingSince: integer("failing_since"),
    ...timestamps(),
    deletedAt: deletedAt(),
  },
  (t) => [index("webhook_endpoints_by_org").on(t.organizationId, t.createdAt, t.id)],
);

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    ...ownedRowKey(),
    endpointId: text("endpoint_id").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    status: deliveryStatus("succeeded"),
    ...deliveryAttempts(),
    lastResponseStatus: integer("last_response_status"),
    lastAttemptAt: integer("last_attempt_at"),
    nextAttemptAt: integer("next_attempt_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_by_endpoint").on(t.endpointId, t.createdAt, t.id),
    index("webhook_deliveries_by_event").on(t.eventId),
  ],
);

/** §13 provider feed: one revocable token per member, stored as its SHA-256 hash. */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    memberId: text("member_id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("calendar_feeds_by_token").on(t.tokenHash)],
);

/**
 * §17 customer emails, written in the same batch as the event that causes them and sent by the
 * Queue consumer. The manage token is kept only encrypted: with a pending mail, and with the
 * booking's first mail (confirmed or waitlisted) while the booking lives, for its later mails.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    ...ownedRowKey(),
    bookingId: text("booking_id").notNull(),
    eventId: text("event_id").notNull(),
    kind: text("kind", {
      enum: [
        "booking_confirmed",
        "booking_cancelled",
        "booking_rescheduled",
        "booking_waitlisted",
        "booking_promoted",
      ],
    }).notNull(),
    to: text("to").notNull(),
    status: deliveryStatus("sent"),
    ...deliveryAttempts(),
    sentAt: integer("sent_at"),
    /** A consumer is sending it until then: a duplicate Queue message waits instead of sending. */
    leasedUntil: integer("leased_until"),
    manageTokenCiphertext: text("manage_token_ciphertext"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_by_booking").on(t.bookingId, t.createdAt),
    index("notifications_by_event").on(t.eventId),
    // The links first mails keep for later ones (one per live booking with an email).
    index("notifications_kept_links")
      .on(t.bookingId)
      .where(
        sql`${t.kind} IN ('booking_confirmed', 'booking_waitlisted') AND ${t.manageTokenCiphertext} IS NOT NULL`,
      ),
  ],
);
