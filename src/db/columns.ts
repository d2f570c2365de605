import { integer } from "drizzle-orm/sqlite-core";

// Instants are stored as epoch milliseconds (INTEGER) so responses keep millisecond precision
// and range queries stay numeric.
export const createdAt = () => integer("created_at").notNull();
export const updatedAt = () => integer("updated_at").notNull();
/**
 * Edits so far (0 when created), bumped by every UPDATE of the row: iCalendar's SEQUENCE (§13)
 * must grow with each edit, also with two in the same millisecond.
 */
export const revision = () => integer("revision").notNull().default(0);
