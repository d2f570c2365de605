import { and, count, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bookings, holds, sessions } from "../../db/schema";
import { seatsLeft } from "./seat-guard";

export type SessionRow = typeof sessions.$inferSelect;

export async function findMaterializedSession(db: Database, sessionId: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId)).limit(1);
  return row;
}

export async function listMaterializedSessionsInWindow(
  db: Database,
  experienceId: string,
  fromMs: number,
  toMs: number,
) {
  return db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.experienceId, experienceId),
        gte(sessions.startAt, fromMs),
        lt(sessions.startAt, toMs),
      ),
    );
}

// D1 allows at most 100 bound parameters per statement.
const CHUNK = 90;

async function totalsByChunk(
  sessionIds: string[],
  query: (chunk: string[]) => Promise<Array<{ sessionId: string; value: number }>>,
) {
  const totals = new Map<string, number>();
  for (let i = 0; i < sessionIds.length; i += CHUNK) {
    for (const row of await query(sessionIds.slice(i, i + CHUNK))) {
      totals.set(row.sessionId, Number(row.value));
    }
  }
  return totals;
}

/** Seats of confirmed bookings, per session; sessions without bookings are absent. */
export function sumConfirmedSeatsBySession(db: Database, sessionIds: string[]) {
  return totalsByChunk(sessionIds, (chunk) =>
    db
      .select({ sessionId: bookings.sessionId, value: sql<number>`sum(${bookings.quantity})` })
      .from(bookings)
      .where(and(inArray(bookings.sessionId, chunk), eq(bookings.status, "confirmed")))
      .groupBy(bookings.sessionId),
  );
}

/** Seats of active holds unexpired at `now` (§14), per session. */
export function sumHeldSeatsBySession(db: Database, sessionIds: string[], now: number) {
  return totalsByChunk(sessionIds, (chunk) =>
    db
      .select({ sessionId: holds.sessionId, value: sql<number>`sum(${holds.quantity})` })
      .from(holds)
      .where(
        and(inArray(holds.sessionId, chunk), eq(holds.status, "active"), gt(holds.expiresAt, now)),
      )
      .groupBy(holds.sessionId),
  );
}

/** Waitlisted bookings per session (§14 `waitlist_size`). */
export function countWaitlistedBySession(db: Database, sessionIds: string[]) {
  return totalsByChunk(sessionIds, (chunk) =>
    db
      .select({ sessionId: bookings.sessionId, value: count() })
      .from(bookings)
      .where(and(inArray(bookings.sessionId, chunk), eq(bookings.status, "waitlisted")))
      .groupBy(bookings.sessionId),
  );
}

/** Seats left at `now` by the guard's own formula; null when the session is not materialized. */
export async function findSeatsLeft(db: Database, sessionId: string, now: number) {
  const row = await db.get<{ seats_left: number } | undefined>(
    sql`SELECT ${seatsLeft("s", now)} AS seats_left FROM sessions s WHERE s.id = ${sessionId}`,
  );
  return row ? Number(row.seats_left) : null;
}
