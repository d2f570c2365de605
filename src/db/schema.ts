import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

// Instants are stored as epoch milliseconds (INTEGER) so responses keep millisecond precision
// and range queries stay numeric.
const createdAt = () => integer("created_at").notNull();
const updatedAt = () => integer("updated_at").notNull();

export type ScopeLevel = "none" | "read" | "write";
export interface ScopeMap {
  experiences: ScopeLevel;
  bookings: ScopeLevel;
  spaces: ScopeLevel;
  /** §12; keys created before webhooks existed have no entry, which reads as `none`. */
  webhooks?: ScopeLevel;
}

export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  timezone: text("timezone").notNull(),
  createdAt: createdAt(),
});

// Space IDs are unique per organization only: every organization has a space called GENERAL.
export const spaces = sqliteTable(
  "spaces",
  {
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: text("id").notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] })],
);

export const members = sqliteTable(
  "members",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    spaceId: text("space_id").notNull(),
    name: text("name").notNull(),
    email: text("email"),
    createdAt: createdAt(),
  },
  (t) => [index("members_by_space").on(t.organizationId, t.spaceId, t.createdAt)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes", { mode: "json" }).$type<ScopeMap>().notNull(),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_keys_by_hash").on(t.keyHash),
    index("api_keys_by_org").on(t.organizationId, t.createdAt),
  ],
);

/**
 * Crash safety for idempotent POSTs (§7): the Idempotency-Key is written in the same D1 batch
 * as the rows it created, so a retry that lost its Durable Object record finds the original.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id").notNull(),
    statusCode: integer("status_code").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

// Nested objects of experiences and recurrences are stored as JSON: they are always read and
// replaced whole (§5, §6 PATCH semantics), never queried by their inner fields, and expansion
// needs them as one value.
export interface LocationValue {
  type: "in_person" | "online" | "phone";
  venue?: string;
  address?: string;
  city?: string;
  state?: string;
  country?: string;
  instructions?: string;
  video_link?: string;
}
export type PricingValue =
  | { model: "free" }
  | { model: "per_session"; currency: string; amount: number };
export interface WaitlistValue {
  enabled: boolean;
  max_size: number;
}
export interface SchedulingRulesValue {
  booking_window: { min_hours_before: number; max_days_ahead: number };
  cancellation_policy: { refundable_until_hours_before: number };
}

export const experiences = sqliteTable(
  "experiences",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    spaceId: text("space_id").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    status: text("status", { enum: ["active", "inactive"] }).notNull(),
    registrationStatus: text("registration_status", { enum: ["open", "closed"] }).notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    defaultCapacity: integer("default_capacity").notNull(),
    maxBookingQuantity: integer("max_booking_quantity").notNull(),
    requiredContactMethod: text("required_contact_method", {
      enum: ["none", "email", "email_and_phone"],
    }).notNull(),
    providers: text("providers", { mode: "json" }).$type<string[]>().notNull(),
    location: text("location", { mode: "json" }).$type<LocationValue | null>(),
    pricing: text("pricing", { mode: "json" }).$type<PricingValue>().notNull(),
    schedulingRules: text("scheduling_rules", { mode: "json" })
      .$type<SchedulingRulesValue>()
      .notNull(),
    // §14
    waitlist: text("waitlist", { mode: "json" })
      .$type<WaitlistValue>()
      .notNull()
      .default({ enabled: false, max_size: 50 }),
    // §17
    notifyCustomers: integer("notify_customers", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("experiences_by_org_newest").on(t.organizationId, t.createdAt, t.id)],
);

export interface CadenceValue {
  frequency: "weekly" | "daily" | "monthly";
  interval: number;
  days_of_week?: number[] | null;
  day_of_month?: number | null;
}
export type EndConditionValue =
  | { type: "never" }
  | { type: "date"; until: string }
  | { type: "count"; count: number };
export interface SessionTemplateValue {
  start_time_of_day: string;
  capacity: number | null;
  provider_id: string | null;
  days_of_week: number[] | null;
}

export const recurrences = sqliteTable(
  "recurrences",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id),
    experienceId: text("experience_id")
      .notNull()
      .references(() => experiences.id),
    providerId: text("provider_id"),
    timezone: text("timezone").notNull(),
    startDate: text("start_date").notNull(),
    cadence: text("cadence", { mode: "json" }).$type<CadenceValue>().notNull(),
    endCondition: text("end_condition", { mode: "json" }).$type<EndConditionValue>().notNull(),
    sessionTemplates: text("session_templates", { mode: "json" })
      .$type<SessionTemplateValue[]>()
      .notNull(),
    excludedDates: text("excluded_dates", { mode: "json" }).$type<string[]>().notNull(),
    status: text("status", { enum: ["active", "paused"] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // Soft delete (§6): kept so materialized sessions and their bookings stay readable.
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("recurrences_by_experience").on(t.experienceId, t.createdAt)],
);

/** A session snapshot, stored when its first booking arrives (§8); later edits never touch it. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    experienceId: text("experience_id").notNull(),
    recurrenceId: text("recurrence_id").notNull(),
    startAt: integer("start_at").notNull(),
    endAt: integer("end_at").notNull(),
    timezone: text("timezone").notNull(),
    localStart: text("local_start").notNull(),
    capacity: integer("capacity").notNull(),
    providerId: text("provider_id"),
    // §15: a studio may cancel one session; a cancelled session is materialized even without
    // bookings so the cancellation survives recurrence edits.
    status: text("status", { enum: ["scheduled", "cancelled"] })
      .notNull()
      .default("scheduled"),
    cancelledAt: integer("cancelled_at"),
    cancelReason: text("cancel_reason"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at"),
  },
  (t) => [index("sessions_by_experience_start").on(t.experienceId, t.startAt)],
);

export interface ContactValue {
  name: string;
  email: string | null;
  phone: string | null;
}
export interface BookingPriceValue {
  model: "free" | "per_session";
  currency: string | null;
  amount_per_seat: number;
  total: number;
}

export const bookings = sqliteTable(
  "bookings",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    experienceId: text("experience_id").notNull(),
    sessionId: text("session_id").notNull(),
    recurrenceId: text("recurrence_id").notNull(),
    startAt: integer("start_at").notNull(),
    endAt: integer("end_at").notNull(),
    timezone: text("timezone").notNull(),
    quantity: integer("quantity").notNull(),
    // §14 widened the enum with "waitlisted" and "expired" (a text column: no migration).
    status: text("status", {
      enum: ["confirmed", "cancelled", "waitlisted", "expired"],
    }).notNull(),
    contact: text("contact", { mode: "json" }).$type<ContactValue>().notNull(),
    notes: text("notes"),
    providerId: text("provider_id"),
    price: text("price", { mode: "json" }).$type<BookingPriceValue>().notNull(),
    refundableUntil: integer("refundable_until").notNull(),
    cancelledAt: integer("cancelled_at"),
    cancelReason: text("cancel_reason"),
    refundEligible: integer("refund_eligible", { mode: "boolean" }),
    /** Who cancelled (§17 tells the customer): the customer, or the studio (API, session cancel). */
    cancelledBy: text("cancelled_by", { enum: ["customer", "studio"] }),
    // Every booking carries a hashed cancel token (§10; since §17 also bookings made via /v1).
    cancelTokenHash: text("cancel_token_hash"),
    // §14: waitlisted bookings hold no seat; FIFO order per session is (created_at, id).
    promotedAt: integer("promoted_at"),
    // §15
    rescheduledFrom: text("rescheduled_from"),
    rescheduledAt: integer("rescheduled_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("bookings_by_session_status").on(t.sessionId, t.status),
    index("bookings_by_org_newest").on(t.organizationId, t.createdAt, t.id),
    index("bookings_by_experience_status").on(t.experienceId, t.status),
  ],
);

/**
 * §14 seat holds. A hold is expired from `expires_at` on without any sweeper: the seat guard
 * and every read compare with the current time; `status` stays `active` in the row.
 */
export const holds = sqliteTable(
  "holds",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    experienceId: text("experience_id").notNull(),
    sessionId: text("session_id").notNull(),
    quantity: integer("quantity").notNull(),
    status: text("status", { enum: ["active", "converted", "released"] }).notNull(),
    expiresAt: integer("expires_at").notNull(),
    bookingId: text("booking_id"),
    // Public holds (§14) carry a hashed hold token.
    holdTokenHash: text("hold_token_hash"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("holds_by_session_status").on(t.sessionId, t.status, t.expiresAt),
    index("holds_by_status_expiry").on(t.status, t.expiresAt),
  ],
);

/**
 * §12 transactional outbox: an event row is written in the same db.batch as its change.
 * `enqueued_at` stays NULL until the Worker handed it to the Queue; a sweep enqueues events
 * still NULL after 30 s (the Worker died between its batch and its enqueue).
 */
export const events = sqliteTable(
  "events",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
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
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: integer("deleted_at"),
  },
  (t) => [index("webhook_endpoints_by_org").on(t.organizationId, t.createdAt, t.id)],
);

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    endpointId: text("endpoint_id").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastResponseStatus: integer("last_response_status"),
    lastError: text("last_error"),
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
 * Queue consumer. The manage token is kept only encrypted, and only until the mail is sent.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
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
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: integer("sent_at"),
    manageTokenCiphertext: text("manage_token_ciphertext"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_by_booking").on(t.bookingId, t.createdAt),
    index("notifications_by_event").on(t.eventId),
  ],
);
