import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { prepared } from "../db/prepared-statement";
import { idempotencyKeys } from "../db/schema";
import { insertIfRowExists, type RowCondition } from "../db/write-batch";
import { REPLAY_WINDOW_MS } from "./record";
import type { IdempotencyScope } from "./scope";

/** What a key's first execution wrote: the HTTP status is the route's, never stored here. */
export interface KeyOutcome {
  resourceType: string;
  resourceId: string;
}

/**
 * The crash-safety row of a key (§7), a statement for the batch that writes the change. If the
 * Worker dies before the Durable Object records the response, the retry finds this row and
 * returns the original resource instead of creating a second one. With `onlyIf`, the row is
 * written only when the change really happened (a guarded booking or cancellation).
 *
 * A row older than the 24 h window belongs to an expired key and is replaced. A live row is
 * never replaced: its resource_id is set to NULL, the NOT NULL constraint fails, and the whole
 * batch rolls back — the same outcome as the plain primary-key conflict, with no duplicate.
 */
export function keyRowStatement(
  db: Database,
  scope: IdempotencyScope,
  outcome: KeyOutcome,
  now: number,
  onlyIf?: RowCondition,
) {
  const row = { ...scope, ...outcome, createdAt: now };
  const staleBefore = now - REPLAY_WINDOW_MS;
  if (!onlyIf) return insertKeyRow(db, { ...row, staleBefore });
  const guarded = insertIfRowExists(db, idempotencyKeys, row, onlyIf);
  return guarded.onConflictDoUpdate(replaceOnlyStale(staleBefore));
}

/** On a key's conflict: a live row is never replaced (see keyRowStatement), a stale one is. */
function replaceOnlyStale(staleBefore: unknown) {
  return {
    target: [idempotencyKeys.scope, idempotencyKeys.key],
    set: {
      resourceType: sql.raw("excluded.resource_type"),
      resourceId: sql`CASE WHEN ${idempotencyKeys.createdAt} <= ${staleBefore} THEN excluded.resource_id ELSE NULL END`,
      createdAt: sql.raw("excluded.created_at"),
    },
  };
}

type KeyRow = typeof idempotencyKeys.$inferInsert;

/** The key row of every unguarded create, built once. */
const insertKeyRow = prepared(
  ["scope", "key", "resourceType", "resourceId", "createdAt", "staleBefore"],
  (db, p) => {
    const { staleBefore, ...row } = p;
    const insert = db.insert(idempotencyKeys).values(row as unknown as KeyRow);
    return insert.onConflictDoUpdate(replaceOnlyStale(staleBefore));
  },
);

/**
 * The outcome recorded under this key within the last 24 h (older rows belong to expired keys),
 * as a query a write's read batch can carry.
 */
export function keyOutcomeQuery(db: Database, scope: IdempotencyScope, now: number) {
  return db
    .select({
      resourceType: idempotencyKeys.resourceType,
      resourceId: idempotencyKeys.resourceId,
    })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.scope, scope.scope),
        eq(idempotencyKeys.key, scope.key),
        gt(idempotencyKeys.createdAt, now - REPLAY_WINDOW_MS),
      ),
    )
    .limit(1);
}

export async function findKeyOutcome(
  db: Database,
  scope: IdempotencyScope,
  now: number,
): Promise<KeyOutcome | undefined> {
  const [row] = await keyOutcomeQuery(db, scope, now);
  return row;
}

/**
 * Reclaims crash-safety rows whose 24 h window has passed (they are ignored by every lookup
 * already); run by the Worker's cron trigger. Returns how many rows were removed.
 */
export async function deleteExpiredKeyRows(db: Database, now: number): Promise<number> {
  const result = await db
    .delete(idempotencyKeys)
    .where(lte(idempotencyKeys.createdAt, now - REPLAY_WINDOW_MS))
    .run();
  return result.meta.changes;
}
