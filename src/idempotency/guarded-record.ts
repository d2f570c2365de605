import type { IdempotencyScope } from "./d1-record";
import { REPLAY_WINDOW_MS } from "./record";

export interface GuardedOutcome {
  resourceType: string;
  statusCode: number;
}

/**
 * Records the Idempotency-Key only when a guarded write of the same batch really happened:
 * `condition` is SQL over `table` that holds exactly then (?6 is the resource id, ?5 = now).
 * Like recordIdempotentOutcome: a row older than the 24 h window belongs to an expired key and
 * is replaced; a live one makes resource_id NULL, which fails NOT NULL and rolls the whole
 * batch back rather than writing a duplicate.
 */
export function recordIfRowExists(
  d1: D1Database,
  idempotency: IdempotencyScope,
  outcome: GuardedOutcome,
  write: { table: "bookings" | "holds"; resourceId: string; condition: string },
  now: number,
) {
  return d1
    .prepare(
      `INSERT INTO idempotency_keys (scope, key, resource_type, resource_id, status_code, created_at)
       SELECT ?1, ?2, ?7, ?6, ?3, ?4 WHERE EXISTS (SELECT 1 FROM ${write.table} WHERE ${write.condition})
       ON CONFLICT (scope, key) DO UPDATE SET
         resource_type = excluded.resource_type,
         resource_id = CASE WHEN idempotency_keys.created_at <= ?8 THEN excluded.resource_id END,
         status_code = excluded.status_code,
         created_at = excluded.created_at`,
    )
    .bind(
      idempotency.scope,
      idempotency.key,
      outcome.statusCode,
      now,
      now,
      write.resourceId,
      outcome.resourceType,
      now - REPLAY_WINDOW_MS,
    );
}
