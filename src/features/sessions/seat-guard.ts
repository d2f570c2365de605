import { eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { sessions } from "../../db/schema";
import { insertSelect } from "../../db/write-batch";

export type SessionSnapshot = typeof sessions.$inferInsert;

/**
 * The one seat formula (§9, §14) as an SQL expression over a `sessions` row aliased `session`:
 * capacity − seats of confirmed bookings − seats of active holds unexpired at `now`.
 * `exceptHoldId` leaves one hold out (its own conversion). Every write that confirms or holds
 * seats compares this with its quantity inside the statement that writes, so the check and the
 * write happen in one SQLite transaction and concurrent writers are serialized by the database.
 * A hold is unexpired while `expires_at > now`: from `expires_at` on, its seats are free again
 * without anything having to write.
 */
export function seatsLeft(session: string, now: number, exceptHoldId?: string): SQL {
  const s = sql.raw(session);
  const except = exceptHoldId ? sql` AND guard_h.id <> ${exceptHoldId}` : sql``;
  return sql`(${s}.capacity
    - (SELECT COALESCE(SUM(guard_b.quantity), 0) FROM bookings guard_b
       WHERE guard_b.session_id = ${s}.id AND guard_b.status = 'confirmed')
    - (SELECT COALESCE(SUM(guard_h.quantity), 0) FROM holds guard_h
       WHERE guard_h.session_id = ${s}.id AND guard_h.status = 'active'
         AND guard_h.expires_at > ${now}${except}))`;
}

/**
 * §15: a session the studio cancelled takes no seats, holds or waitlisted bookings. Checked in
 * the statement that writes, so a write racing the cancellation either commits first (and is
 * cancelled with the session) or is refused.
 */
export function sessionOpen(session: string): SQL {
  return sql`${sql.raw(session)}.status = 'scheduled'`;
}

/**
 * The seat guard of every write that takes `quantity` seats (a booking, a hold, a reschedule's
 * move): the session is open and its seats left cover the quantity.
 */
export function sessionTakes(session: string, quantity: number, now: number): SQL {
  return sql`${sessionOpen(session)} AND ${seatsLeft(session, now)} >= ${quantity}`;
}

/**
 * Step 1 of every batch that books or holds seats: materialize the session snapshot unless it
 * already exists — only if the quantity fits its capacity, so a request that can never succeed
 * leaves no snapshot behind. The guard of the next statement reads the snapshot it writes.
 */
export function materializeSessionStatement(
  db: Database,
  snapshot: SessionSnapshot,
  quantity: number,
) {
  return insertSelect(
    db,
    sessions,
    snapshot,
    sql`WHERE ${quantity} <= ${snapshot.capacity}`,
  ).onConflictDoNothing({ target: sessions.id });
}

/**
 * The stored snapshot with its seats left at `now` (the formula above) and its waitlist size.
 * A seat write reads it in its read batch to resolve the session, and again at the end of its
 * write batch, so a refused write says why (cancelled, or 409 session_full with the seats
 * left) from the same transaction, without another round trip.
 */
export function sessionSeatsQuery(db: Database, sessionId: string | SQL, now: number) {
  return db
    .select({
      ...getTableColumns(sessions),
      seatsLeft: sql<number>`${seatsLeft("sessions", now)}`,
      waitlistSize: sql<number>`(SELECT COUNT(*) FROM bookings guard_w
        WHERE guard_w.session_id = sessions.id AND guard_w.status = 'waitlisted')`,
    })
    .from(sessions)
    .where(eq(sessions.id, sessionId))
    .limit(1);
}

export type SessionSeats = Awaited<ReturnType<typeof sessionSeatsQuery>>[number];
