import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bookings, holds, sessions } from "../../db/schema";
import { type RowCondition, rowExists } from "../../db/write-batch";
import { nextBookingRevision } from "../bookings/booking-revision";
import type { SessionSnapshot } from "./seat-guard";

export interface SessionCancellation {
  sessionId: string;
  reason: string | null;
  now: number;
}

/** Bookings a session cancellation cancels: confirmed and (§14) waitlisted. */
const ACTIVE_STATUSES = sql`('confirmed', 'waitlisted')`;

/** The confirmed and waitlisted bookings of a session, whose events the cancellation writes. */
export function listActiveBookingsOfSession(db: Database, sessionId: string) {
  return db
    .select()
    .from(bookings)
    .where(and(eq(bookings.sessionId, sessionId), sql`${bookings.status} IN ${ACTIVE_STATUSES}`))
    .orderBy(bookings.createdAt, bookings.id);
}

/**
 * The session's active bookings are exactly `bookingIds` (bound as one JSON parameter, however
 * many): the cancellation's events were built from them, so a booking that landed or left
 * since makes the cancellation change nothing, and the service reads again.
 */
function activeBookingsAre(bookingIds: string[]) {
  const active = sql`FROM bookings b WHERE b.session_id = ${sessions.id}
    AND b.status IN ${ACTIVE_STATUSES}`;
  return sql`(SELECT COUNT(*) ${active}) = ${bookingIds.length}
    AND (SELECT COUNT(*) ${active}
         AND b.id IN (SELECT value FROM json_each(${JSON.stringify(bookingIds)}))) = ${bookingIds.length}`;
}

/**
 * Materializes the session as cancelled, or cancels its stored snapshot — only if it is still
 * scheduled (a concurrent second cancel changes no row) and its active bookings are those the
 * service read. A session that is not stored has no booking (bookings materialize it).
 */
export function cancelSessionStatement(
  db: Database,
  snapshot: SessionSnapshot,
  cancellation: SessionCancellation,
  bookingIds: string[],
) {
  const cancelled = {
    status: "cancelled" as const,
    cancelledAt: cancellation.now,
    cancelReason: cancellation.reason,
    updatedAt: cancellation.now,
  };
  return db
    .insert(sessions)
    .values({ ...snapshot, ...cancelled })
    .onConflictDoUpdate({
      target: sessions.id,
      set: cancelled,
      setWhere: and(eq(sessions.status, "scheduled"), activeBookingsAre(bookingIds)),
    });
}

/** This very cancellation committed (not an earlier one): the guard of the batch's other rows. */
export function sessionCancelledAt(sessionId: string, now: number): RowCondition {
  return rowExists(
    sessions,
    and(
      eq(sessions.id, sessionId),
      eq(sessions.status, "cancelled"),
      eq(sessions.cancelledAt, now),
    ),
  );
}

const cancelledNow = (c: SessionCancellation) =>
  sql`EXISTS (SELECT 1 FROM sessions s WHERE s.id = ${c.sessionId}
    AND s.status = 'cancelled' AND s.cancelled_at = ${c.now})`;

/** Every confirmed (and, with §14, waitlisted) booking of the session: refund-eligible. */
export function cancelSessionBookingsStatement(db: Database, cancellation: SessionCancellation) {
  return db
    .update(bookings)
    .set({
      status: "cancelled",
      cancelledAt: cancellation.now,
      cancelReason: cancellation.reason,
      cancelledBy: "studio",
      refundEligible: true,
      updatedAt: cancellation.now,
      revision: nextBookingRevision(),
    })
    .where(
      and(
        eq(bookings.sessionId, cancellation.sessionId),
        sql`${bookings.status} IN ${ACTIVE_STATUSES}`,
        cancelledNow(cancellation),
      ),
    );
}

/** The session's active holds are released with it. */
export function releaseSessionHoldsStatement(db: Database, cancellation: SessionCancellation) {
  return db
    .update(holds)
    .set({ status: "released", updatedAt: cancellation.now })
    .where(
      and(
        eq(holds.sessionId, cancellation.sessionId),
        eq(holds.status, "active"),
        cancelledNow(cancellation),
      ),
    );
}

/** Restore: only a cancelled session becomes scheduled again; its bookings stay cancelled. */
export function restoreSessionStatement(db: Database, sessionId: string, now: number) {
  return db
    .update(sessions)
    .set({ status: "scheduled", cancelledAt: null, cancelReason: null, updatedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.status, "cancelled")));
}

export function sessionRestoredAt(sessionId: string, now: number): RowCondition {
  return rowExists(
    sessions,
    and(eq(sessions.id, sessionId), eq(sessions.status, "scheduled"), eq(sessions.updatedAt, now)),
  );
}

/** Seats, holds, waitlist and booking ids of one session (GET one session). */
export async function sessionOccupancy(db: Database, sessionId: string, now: number) {
  const [rows, [held]] = await Promise.all([
    db
      .select({ id: bookings.id, status: bookings.status, quantity: bookings.quantity })
      .from(bookings)
      .where(eq(bookings.sessionId, sessionId))
      .orderBy(bookings.createdAt, bookings.id),
    db
      .select({ seats: sql<number>`COALESCE(SUM(${holds.quantity}), 0)` })
      .from(holds)
      .where(
        and(
          eq(holds.sessionId, sessionId),
          eq(holds.status, "active"),
          sql`${holds.expiresAt} > ${now}`,
        ),
      ),
  ]);
  const seatsOf = (status: string) =>
    rows.filter((r) => r.status === status).reduce((sum, r) => sum + r.quantity, 0);
  return {
    seatsBooked: seatsOf("confirmed"),
    seatsHeld: Number(held?.seats ?? 0),
    waitlistSize: rows.filter((r) => (r.status as string) === "waitlisted").length,
    bookingIds: rows.map((r) => r.id),
  };
}

/** Bookings this session's cancellation cancelled (also on a crash-safe re-execution). */
export async function countBookingsCancelledWithSession(
  db: Database,
  sessionId: string,
  cancelledAt: number,
) {
  return db.$count(
    bookings,
    and(
      eq(bookings.sessionId, sessionId),
      eq(bookings.cancelledBy, "studio"),
      eq(bookings.cancelledAt, cancelledAt),
    ),
  );
}
