import { and, eq, gt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { findOwnedRow, ownedRowQuery } from "../../db/queries";
import { holds } from "../../db/schema";
import { insertSelect, type RowCondition, rowExists } from "../../db/write-batch";
import { seatsLeft, sessionTakes } from "../sessions/seat-guard";

export type HoldRow = typeof holds.$inferSelect;

export interface NewHold {
  id: string;
  organizationId: string;
  experienceId: string;
  sessionId: string;
  quantity: number;
  expiresAt: number;
  holdTokenHash: string | null;
  now: number;
}

/**
 * The hold's seat guard, exactly like a booking's (§14): insert the hold only if capacity −
 * confirmed − unexpired active holds covers the quantity, read inside the inserting statement.
 */
export function insertHoldIfSeatsLeft(db: Database, hold: NewHold) {
  return insertSelect(
    db,
    holds,
    {
      id: hold.id,
      organizationId: hold.organizationId,
      experienceId: hold.experienceId,
      sessionId: sql.raw("s.id"),
      quantity: hold.quantity,
      status: "active",
      expiresAt: hold.expiresAt,
      bookingId: null,
      holdTokenHash: hold.holdTokenHash,
      createdAt: hold.now,
      updatedAt: hold.now,
    },
    sql`FROM sessions s WHERE s.id = ${hold.sessionId}
      AND ${sessionTakes("s", hold.quantity, hold.now)}`,
  ).returning();
}

/** The condition of rows that must follow a hold's creation (its key row). */
export function holdExists(holdId: string): RowCondition {
  return rowExists(holds, eq(holds.id, holdId));
}

/**
 * A conversion's claim: the hold becomes `converted` with the booking's id only while it is
 * active and unexpired at `now`. It also re-checks the seats with the hold's own seats counted
 * as free: should a writer whose clock already saw the hold expire have taken them, the claim
 * fails instead of overselling.
 */
export function claimHoldStatement(db: Database, holdId: string, bookingId: string, now: number) {
  return db
    .update(holds)
    .set({ status: "converted", bookingId, updatedAt: now })
    .where(
      and(
        eq(holds.id, holdId),
        eq(holds.status, "active"),
        gt(holds.expiresAt, now),
        sql`EXISTS (SELECT 1 FROM sessions s WHERE s.id = ${holds.sessionId}
              AND ${seatsLeft("s", now, holdId)} >= ${holds.quantity})`,
      ),
    );
}

export function findHoldByIdQuery(db: Database, organizationId: string, holdId: string) {
  return ownedRowQuery(db, holds, organizationId, holdId);
}

export async function findHoldById(db: Database, organizationId: string, holdId: string) {
  return findOwnedRow(db, holds, organizationId, holdId);
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
  const result = await db
    .update(holds)
    .set({ status: "released", updatedAt: now })
    .where(and(eq(holds.id, holdId), eq(holds.status, "active"), gt(holds.expiresAt, now)))
    .run();
  return result.meta.changes === 1;
}

/** A re-executed public hold issues a fresh token: the first one was never delivered. */
export async function replaceHoldTokenHash(db: Database, holdId: string, hash: string) {
  await db.update(holds).set({ holdTokenHash: hash }).where(eq(holds.id, holdId));
}
