import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { idempotencyKeys } from "../db/schema";

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

/**
 * Crash safety (§7): services add this statement to the same db.batch() that writes their
 * rows. If the Worker dies before the Durable Object records the response, the retry finds
 * this row and returns the original resource instead of creating a second one.
 */
export function recordIdempotentOutcome(
  db: Database,
  scope: IdempotencyScope,
  outcome: IdempotentOutcome,
  now: number,
) {
  return db.insert(idempotencyKeys).values({ ...scope, ...outcome, createdAt: now });
}

export async function findIdempotentOutcome(
  db: Database,
  scope: IdempotencyScope | undefined,
): Promise<IdempotentOutcome | undefined> {
  if (!scope) return undefined;
  const [row] = await db
    .select({
      resourceType: idempotencyKeys.resourceType,
      resourceId: idempotencyKeys.resourceId,
      statusCode: idempotencyKeys.statusCode,
    })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope.scope), eq(idempotencyKeys.key, scope.key)))
    .limit(1);
  return row;
}
