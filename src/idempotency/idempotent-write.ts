import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Database } from "../db/client";
import type { RowCondition, WriteBatch } from "../db/write-batch";
import { IdempotencyKeyReusedError } from "./errors";
import {
  findKeyOutcome,
  type KeyOutcome,
  keyOutcomeQuery,
  keyRowStatement,
} from "./idempotency-keys.repository";
import type { IdempotencyScope } from "./scope";

/** What every write service's input carries besides its own fields: the clock and the key. */
export interface WriteRequest {
  now: number;
  /** Set when the request came with an Idempotency-Key (§7). */
  idempotency: IdempotencyScope | undefined;
}

/** A create in one organization: its body, besides the clock and the key. */
export interface CreateRequest<Body> extends WriteRequest {
  organizationId: string;
  body: Body;
}

function originalIdOf(outcome: KeyOutcome | undefined, resourceType: string) {
  if (!outcome) return undefined;
  if (outcome.resourceType !== resourceType) throw new IdempotencyKeyReusedError();
  return outcome.resourceId;
}

/**
 * The ID of the resource an earlier execution under this key wrote (its response was lost in a
 * crash), or undefined on a first execution. A row for another resource type means the key was
 * used for another request, which §7 answers with 422.
 */
export async function findOriginalResourceId(
  db: Database,
  request: WriteRequest,
  resourceType: string,
): Promise<string | undefined> {
  if (!request.idempotency) return undefined;
  return originalIdOf(await findKeyOutcome(db, request.idempotency, request.now), resourceType);
}

type Reads = readonly [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

/**
 * findOriginalResourceId and the write's own reads in one D1 batch (one round trip): the key's
 * row is read in the same snapshot as the rows the write is decided on. The reads' rows are
 * of no use when `originalId` is set (the earlier execution's resource is the answer).
 */
export async function readWithOriginal<T extends Reads>(
  db: Database,
  request: WriteRequest,
  resourceType: string,
  reads: T,
): Promise<{ originalId: string | undefined; rows: BatchResponse<T> }> {
  if (!request.idempotency) return { originalId: undefined, rows: await db.batch(reads) };
  const [outcome, ...rows] = await db.batch([
    keyOutcomeQuery(db, request.idempotency, request.now),
    ...reads,
  ]);
  return { originalId: originalIdOf(outcome[0], resourceType), rows: rows as BatchResponse<T> };
}

/**
 * Adds the key's crash-safety row to the change's batch when the request has a key; `onlyIf`
 * is the change's condition for guarded writes (see WriteBatch).
 */
export function recordIdempotencyKey(
  batch: WriteBatch,
  request: WriteRequest,
  outcome: KeyOutcome,
  onlyIf?: RowCondition,
): void {
  if (!request.idempotency) return;
  batch.add(keyRowStatement(batch.db, request.idempotency, outcome, request.now, onlyIf));
}
