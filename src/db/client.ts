import { drizzle } from "drizzle-orm/d1";

/**
 * A Database per request (the §12 post-commit hook keys its collector by it). No schema is
 * passed: the code uses the query builders only, never `db.query.*`, and drizzle would
 * otherwise rebuild its relational configuration of every table on each call.
 */
export function createDb(d1: D1Database) {
  return drizzle(d1);
}

export type Database = ReturnType<typeof createDb>;
