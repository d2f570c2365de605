import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import {
  bookedSession,
  createdAt,
  ownedRowKey,
  revision,
  sessionTime,
  timestamps,
} from "../columns";

/** A session snapshot, stored when its first booking arrives (§8); later edits never touch it. */
export const sessions = sqliteTable(
  "sessions",
  {
    ...ownedRowKey(),
    experienceId: text("experience_id").notNull(),
    recurrenceId: text("recurrence_id").notNull(),
    ...sessionTime(),
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
    ...ownedRowKey(),
    ...bookedSession(),
    recurrenceId: text("recurrence_id").notNull(),
    ...sessionTime(),
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
    // §13: the booking .ics's SEQUENCE; every UPDATE of the row sets nextBookingRevision.
    revision: revision(),
    ...timestamps(),
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
    ...ownedRowKey(),
    ...bookedSession(),
    quantity: integer("quantity").notNull(),
    status: text("status", { enum: ["active", "converted", "released"] }).notNull(),
    expiresAt: integer("expires_at").notNull(),
    bookingId: text("booking_id"),
    // Public holds (§14) carry a hashed hold token.
    holdTokenHash: text("hold_token_hash"),
    ...timestamps(),
  },
  (t) => [
    index("holds_by_session_status").on(t.sessionId, t.status, t.expiresAt),
    index("holds_by_status_expiry").on(t.status, t.expiresAt),
  ],
);
