import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bookings } from "../../db/schema";
import type { RowCondition } from "../../db/write-batch";
import { sessionTakes } from "../sessions/seat-guard";
import { nextBookingRevision } from "./booking-revision";
import { bookingWhere } from "./bookings.repository";

/** A confirmed booking moving from its session to another one of the same experience (§15). */
export interface BookingMove {
  bookingId: string;
  fromSessionId: string;
  toSessionId: string;
  quantity: number;
  now: number;
  /** A new cancel token's hash when the booking_rescheduled mail carries a new manage link. */
}

/**
 * The reschedule in one statement: the booking takes its seats on the target through the §9
 * seat guard (`sessionTakes`, the same one bookings and holds are inserted with: open session,
 * capacity − confirmed − unexpired holds) and so frees them on the source. Start, end, zone and provider are copied from the target's stored snapshot; the
 * refund cut-off keeps its distance to the start (SQLite evaluates SET against the old row), so
 * the policy snapshot is kept while `refundable_until` follows the new start. Only a booking
 * still confirmed in the source it was read in moves, so a concurrent cancel or reschedule wins.
 */
export function moveBookingIfSeatsLeft(db: Database, move: BookingMove) {
  const target = (column: string) =>
    sql`(SELECT s.${sql.raw(column)} FROM sessions s WHERE s.id = ${move.toSessionId})`;
  return db
    .update(bookings)
    .set({
      sessionId: move.toSessionId,
      recurrenceId: target("recurrence_id"),
      startAt: target("start_at"),
      endAt: target("end_at"),
      timezone: target("timezone"),
      providerId: target("provider_id"),
      refundableUntil: sql`${target("start_at")} - (${bookings.startAt} - ${bookings.refundableUntil})`,
      rescheduledFrom: move.fromSessionId,
      rescheduledAt: move.now,
      updatedAt: move.now,
      revision: nextBookingRevision(),
    })
    .where(
      and(
        eq(bookings.id, move.bookingId),
        eq(bookings.status, "confirmed"),
        eq(bookings.sessionId, move.fromSessionId),
        sql`EXISTS (SELECT 1 FROM sessions s
          WHERE s.id = ${move.toSessionId} AND ${sessionTakes("s", move.quantity, move.now)})`,
      ),
    );
}

/** This very reschedule committed: the condition of its key row and its event. */
export function bookingMovedAt(move: BookingMove): RowCondition {
  return bookingWhere(
    move.bookingId,
    eq(bookings.sessionId, move.toSessionId),
    eq(bookings.rescheduledAt, move.now),
  );
}
