import { integer, text } from "drizzle-orm/sqlite-core";

// Instants are stored as epoch milliseconds (INTEGER) so responses keep millisecond precision
// and range queries stay numeric.
export const createdAt = () => integer("created_at").notNull();
export const updatedAt = () => integer("updated_at").notNull();

/** The name a person gave the row (an organization, space, member, API key, experience). */
export const displayName = () => text("name").notNull();

/** Both instants of a row that is edited in place. */
export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });

/** The key of a row one organization owns; every read filters on both. */
export const ownedRowKey = () => ({
  id: text("id").primaryKey(),
  organizationId: text("organization_id").notNull(),
});

/** What a seat row (booking, hold) is taken in. */
export const bookedSession = () => ({
  experienceId: text("experience_id").notNull(),
  sessionId: text("session_id").notNull(),
});

/** When a session runs, as a snapshot: a booking keeps it even if the recurrence moves (§8). */
export const sessionTime = () => ({
  startAt: integer("start_at").notNull(),
  endAt: integer("end_at").notNull(),
  timezone: text("timezone").notNull(),
});

/**
 * Where an outbound message (webhook delivery, customer email) stands: pending until it is
 * `done` (each message's own word for delivered) or has failed for good.
 */
export const deliveryStatus = <Done extends string>(done: Done) =>
  text("status", { enum: ["pending", done, "failed"] }).notNull();

/** How an outbound message is getting on. */
export const deliveryAttempts = () => ({
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
});

/** How a soft-deleted row records its deletion (NULL while it lives). */
export const deletedAt = () => integer("deleted_at");

/**
 * Edits so far (0 when created), bumped by every UPDATE of the row: iCalendar's SEQUENCE (§13)
 * must grow with each edit, also with two in the same millisecond.
 */
export const revision = () => integer("revision").notNull().default(0);
