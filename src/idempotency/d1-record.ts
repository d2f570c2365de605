import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../db/client";
import { idempotencyKeys } from "../db/schema";
import { IdempotencyKeyReusedError } from "./errors";
import { REPLAY_WINDOW_MS } from "./record";

/** The Idempotency-Key of the current request, scoped to its API key (or public caller). */
export interface IdempotencyScope {
  scope: string;
  key: string;
}

export interface IdempotentOutcome {
  resourceType: string;
  resourceId: string;
  statusCode: number;
}

type Statements = [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

/**
 * Crash safety (§7): services add this statement to the same db.batch() that writes their
 * rows. If the Worker dies before the Durable Object records the response, the retry finds
 * this row and returns the original resource instead of creating a second one.
 *
 * A row older than the 24 h window belongs to an expired key and is replaced. A live row is
 * never replaced: its resource_id is set to NULL, the NOT NULL constraint fails, and the whole
 * batch rolls back — the same outcome as the plain primary-key conflict, with no duplicate.
 */
export function recordIdempotentOutcome(
  db: Database,
  scope: IdempotencyScope,
  outcome: IdempotentOutcome,
  now: number,
) {
  const staleBefore = now - REPLAY_WINDOW_MS;
  return db
    .insert(idempotencyKeys)
    .values({ ...scope, ...outcome, createdAt: now })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: {
        resourceType: sql.raw("excluded.resource_type"),
        resourceId: sql`CASE WHEN ${idempotencyKeys.createdAt} <= ${staleBefore} THEN excluded.resource_id ELSE NULL END`,
        statusCode: sql.raw("excluded.status_code"),
        createdAt: sql.raw("excluded.created_at"),
      },
    });
}

/** The outcome recorded under this key within the last 24 h (older rows belong to expired keys). */
export async function findIdempotentOutcome(
  db: Database,
  scope: IdempotencyScope | undefined,
  now: number = Date.now(),
): Promise<IdempotentOutcome | undefined> {
  if (!scope) return undefined;
  const [row] = await db
    .select({
      resourceType: idempotencyKeys.resourceType,
      resourceId: idempotencyKeys.resourceId,
      statusCode: idempotencyKeys.statusCode,
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
  return row;
}

/**
 * For create services: the ID of the resource an earlier execution under this key created, or
 * undefined when this is the first execution. A row for another resource type means the key
 * was used for another request, which §7 answers with 422.
 */
export async function findOriginalResourceId(
  db: Database,
  scope: IdempotencyScope | undefined,
  resourceType: string,
  now: number,
): Promise<string | undefined> {
  const outcome = await findIdempotentOutcome(db, scope, now);
  if (!outcome) return undefined;
  if (outcome.resourceType !== resourceType) throw new IdempotencyKeyReusedError();
  return outcome.resourceId;
}

/** Runs a create's statements as one batch, with the key's outcome row when a key was sent. */
export async function batchWithIdempotentOutcome(
  db: Database,
  statements: Statements,
  scope: IdempotencyScope | undefined,
  outcome: IdempotentOutcome,
  now: number,
): Promise<void> {
  const batch: Statements = scope
    ? [...statements, recordIdempotentOutcome(db, scope, outcome, now)]
    : statements;
  await db.batch(batch);
}

/**
 * Reclaims crash-safety rows whose 24 h window has passed (they are ignored by every lookup
 * already); run by the Worker's cron trigger. Returns how many rows were removed.
 */
export async function deleteExpiredIdempotentOutcomes(db: Database, now: number): Promise<number> {
  const result = await db
    .delete(idempotencyKeys)
    .where(lte(idempotencyKeys.createdAt, now - REPLAY_WINDOW_MS))
    .run();
  return result.meta.changes;
}
