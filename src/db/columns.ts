import { integer } from "drizzle-orm/sqlite-core";

// Instants are stored as epoch milliseconds (INTEGER) so responses keep millisecond precision
// and range queries stay numeric.
export const createdAt = () => integer("created_at").notNull();
export const updatedAt = () => integer("updated_at").notNull();
