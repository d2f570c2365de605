import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { holds } from "../../db/schema";
import type { IdempotencyScope } from "../../idempotency/d1-record";
import { recordIfRowExists } from "../../idempotency/guarded-record";
import {
  materializeSessionStatement,
  type SessionSnapshot,
  seatsLeftSql,
} from "../sessions/seat-guard";

export type HoldRow = typeof holds.$inferSelect;

export const HOLD_CREATED = { resourceType: "hold", statusCode: 201 } as const;

export interface NewHold {
  id: string;
  organizationId: string;
  experienceId: string;
  quantity: number;
  expiresAt: number;
  holdTokenHash: string | null;
  now: number;
}

/**
 * Takes the seats for a hold in one atomic batch, exactly like a booking (§14): materialize the
 * snapshot if needed, insert the hold only if capacity − confirmed − unexpired active holds
 * covers the quantity (read inside the inserting statement), record the Idempotency-Key only if
 * the hold was inserted. Returns whether it was.
 */
export async function insertHoldIfSeatsLeft(
  db: Database,
  snapshot: SessionSnapshot,
  hold: NewHold,
  idempotency: IdempotencyScope | undefined,
): Promise<boolean> {
  const d1 = db.$client;
  const insert = d1
    .prepare(
      `INSERT INTO holds (id, organization_id, experience_id, session_id, quantity, status,
         expires_at, booking_id, hold_token_hash, created_at, updated_at)
       SELECT ?1, ?2, ?3, s.id, ?4, 'active', ?5, NULL, ?6, ?7, ?7
       FROM sessions s
       WHERE s.id = ?8 AND ${seatsLeftSql("s", "?7")} >= ?4`,
    )
    .bind(
      hold.id,
      hold.organizationId,
      hold.experienceId,
      hold.quantity,
      hold.expiresAt,
      hold.holdTokenHash,
      hold.now,
      snapshot.id,
    );
  const statements = [materializeSessionStatement(d1, snapshot, hold.quantity, hold.now), insert];
  if (idempotency) {
    const write = { table: "holds" as const, resourceId: hold.id, condition: "id = ?6" };
    statements.push(recordIfRowExists(d1, idempotency, HOLD_CREATED, write, hold.now));
  }
  const [, inserted] = await d1.batch(statements);
  return inserted?.meta.changes === 1;
}

export async function findHoldById(db: Database, organizationId: string, holdId: string) {
  const [row] = await db
    .select()
    .from(holds)
    .where(and(eq(holds.id, holdId), eq(holds.organizationId, organizationId)))
    .limit(1);
  return row;
}

/** For public routes, where the organization is not known from an API key. */
export async function findHoldByIdAnyOrganization(db: Database, holdId: string) {
  const [row] = await db.select().from(holds).where(eq(holds.id, holdId)).limit(1);
  return row;
}

/**
 * Releases a hold that is active and unexpired at `now` (an expired one reserves nothing
 * already, and a converted one's seats belong to its booking). Returns whether it did.
 */
export async function releaseActiveHold(db: Database, holdId: string, now: number) {
  const result = await db.$client
    .prepare(
      `UPDATE holds SET status = 'released', updated_at = ?2
       WHERE id = ?1 AND status = 'active' AND expires_at > ?2`,
    )
    .bind(holdId, now)
    .run();
  return result.meta.changes === 1;
}

/** A re-executed public hold issues a fresh token: the first one was never delivered. */
export async function replaceHoldTokenHash(db: Database, holdId: string, hash: string) {
  await db.update(holds).set({ holdTokenHash: hash }).where(eq(holds.id, holdId));
}
