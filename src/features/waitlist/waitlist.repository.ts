import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { oldestFirst } from "../../db/queries";
import { bookings, experiences } from "../../db/schema";
import { type RowCondition, rowExists } from "../../db/write-batch";
import { queryInChunks } from "../../lib/bound-parameters";
import { nextBookingRevision } from "../bookings/booking-revision";
import { seatsLeft } from "../sessions/seat-guard";

/** The experience's min_hours_before in ms, for a query that joins it as `e`. */
const minHoursBeforeMs = sql.raw(
  "json_extract(e.scheduling_rules, '$.booking_window.min_hours_before') * 3600000",
);

/** FIFO order of a session's waitlist (§14): oldest first, the id breaking ties. */
const FIFO = oldestFirst(bookings);

/** The first `limit` waitlisted bookings of the session, in FIFO order (whole rows: events). */
export function listWaitlistInOrder(db: Database, sessionId: string, limit: number) {
  return db
    .select()
    .from(bookings)
    .where(and(eq(bookings.sessionId, sessionId), eq(bookings.status, "waitlisted")))
    .orderBy(...FIFO)
    .limit(limit);
}

/**
 * A guarded promotion of one waitlisted booking, for a db.batch: it becomes `confirmed` with
 * `promoted_at` only if it is still waitlisted, no waitlisted booking of the session is ahead of
 * it (no overtaking), the session is scheduled and at least `min_hours_before` ahead, and the
 * seats left — by the one seat formula, read inside the statement — cover its quantity. Two
 * promoters racing each run their own guarded statements, so together they can never confirm
 * more seats than the session has.
 */
export function promotedAt(bookingId: string, now: number): RowCondition {
  return rowExists(
    bookings,
    and(eq(bookings.id, bookingId), eq(bookings.status, "confirmed"), eq(bookings.promotedAt, now)),
  );
}

export function promoteStatement(db: Database, bookingId: string, now: number) {
  return db
    .update(bookings)
    .set({ status: "confirmed", promotedAt: now, updatedAt: now, revision: nextBookingRevision() })
    .where(
      and(
        eq(bookings.id, bookingId),
        eq(bookings.status, "waitlisted"),
        sql`NOT EXISTS (
          SELECT 1 FROM bookings ahead
          WHERE ahead.session_id = ${bookings.sessionId} AND ahead.status = 'waitlisted'
            AND (ahead.created_at < ${bookings.createdAt}
                 OR (ahead.created_at = ${bookings.createdAt} AND ahead.id < ${bookings.id})))`,
        sql`EXISTS (
          SELECT 1 FROM sessions s JOIN experiences e ON e.id = s.experience_id
          WHERE s.id = ${bookings.sessionId} AND s.status = 'scheduled'
            AND s.start_at - ${now} >= ${minHoursBeforeMs}
            AND ${seatsLeft("s", now)} >= ${bookings.quantity})`,
      ),
    );
}

/** 1-based FIFO positions of the waitlisted bookings of the given sessions. */
export async function findWaitlistPositions(db: Database, sessionIds: string[]) {
  const rows = await queryInChunks([...new Set(sessionIds)], 1, (chunk) =>
    db
      .select({
        id: bookings.id,
        position: sql<number>`row_number() OVER (PARTITION BY ${bookings.sessionId} ORDER BY ${bookings.createdAt}, ${bookings.id})`,
      })
      .from(bookings)
      .where(and(inArray(bookings.sessionId, chunk), eq(bookings.status, "waitlisted"))),
  );
  return new Map(rows.map((row) => [row.id, Number(row.position)]));
}

/**
 * Sessions whose waitlist head fits the seats left at `now` and that may still promote: the
 * sweep's work list (after hold expiry, or a promotion a crashed request never ran).
 */
export async function listSessionsToPromote(db: Database, now: number, limit: number) {
  const rows = await db.all<{ id: string }>(sql`
    SELECT s.id FROM sessions s JOIN experiences e ON e.id = s.experience_id
    WHERE s.id IN (SELECT DISTINCT session_id FROM bookings
                   WHERE status = 'waitlisted' AND start_at > ${now})
      AND s.status = 'scheduled'
      AND s.start_at - ${now} >= ${minHoursBeforeMs}
      AND ${seatsLeft("s", now)} >= (
        SELECT w.quantity FROM bookings w WHERE w.session_id = s.id AND w.status = 'waitlisted'
        ORDER BY w.created_at, w.id LIMIT 1)
    ORDER BY s.start_at LIMIT ${limit}`);
  return rows.map((row) => row.id);
}

/** §14: waitlisted bookings of sessions that have started become `expired`. */
export async function expireStartedWaitlistedBookings(db: Database, now: number) {
  const result = await db
    .update(bookings)
    .set({ status: "expired", updatedAt: now, revision: nextBookingRevision() })
    .where(and(eq(bookings.status, "waitlisted"), lte(bookings.startAt, now)))
    .run();
  return result.meta.changes;
}

/**
 * The booking's 1-based FIFO position as an SQL value, read inside a batch right after the
 * booking was written (the position its booking.waitlisted event carries).
 */
export function waitlistPositionSql(bookingId: string, sessionId: string, createdAt: number) {
  return sql`(SELECT COUNT(*) FROM bookings w
    WHERE w.session_id = ${sessionId} AND w.status = 'waitlisted'
      AND (w.created_at < ${createdAt} OR (w.created_at = ${createdAt} AND w.id <= ${bookingId})))`;
}

/** The new booking's FIFO position, read at the end of the batch that waitlisted it. */
export function waitlistPositionQuery(
  db: Database,
  booking: { id: string; sessionId: string; now: number },
) {
  return db
    .select({ position: waitlistPositionSql(booking.id, booking.sessionId, booking.now) })
    .from(bookings)
    .where(eq(bookings.id, booking.id));
}

/** Whether the experience of the session mails its customers (§17), for a promotion's batch. */
export function sessionNotifiesCustomersQuery(db: Database, sessionId: string) {
  return db
    .select({ notifyCustomers: experiences.notifyCustomers })
    .from(experiences)
    .where(eq(experiences.id, sql`(SELECT experience_id FROM sessions WHERE id = ${sessionId})`));
}
