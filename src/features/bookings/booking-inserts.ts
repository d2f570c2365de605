import type { Database } from "../../db/client";
import type { IdempotencyScope } from "../../idempotency/d1-record";
import { recordIfRowExists } from "../../idempotency/guarded-record";
import {
  materializeSessionStatement,
  type SessionSnapshot,
  seatsLeftSql,
} from "../sessions/seat-guard";
import type { BookingRow } from "./bookings.repository";

/** What a booking needs beyond what it copies from the session snapshot. */
export interface NewBooking {
  id: string;
  organizationId: string;
  experienceId: string;
  quantity: number;
  contact: BookingRow["contact"];
  notes: string | null;
  price: BookingRow["price"];
  refundableHoursBefore: number;
  cancelTokenHash: string | null;
  now: number;
}

/** Resource types of the Idempotency-Key rows: a create's key must not replay as a cancel. */
export const BOOKING_CREATED = { resourceType: "booking", statusCode: 201 } as const;

const HOUR_MS = 3_600_000;

/**
 * INSERT … SELECT from the stored snapshot (start, end, provider are copied from it), only
 * where `guard` holds. Parameters ?1–?11 are fixed; `extra` binds ?12 when the guard needs it.
 */
function insertBookingStatement(
  d1: D1Database,
  booking: NewBooking,
  sessionId: string,
  status: "confirmed" | "waitlisted",
  guard: string,
  extra: Array<string | number> = [],
) {
  return d1
    .prepare(
      `INSERT INTO bookings (id, organization_id, experience_id, session_id, recurrence_id,
         start_at, end_at, timezone, quantity, status, contact, notes, provider_id, price,
         refundable_until, cancel_token_hash, created_at, updated_at)
       SELECT ?1, ?2, ?3, s.id, s.recurrence_id, s.start_at, s.end_at, s.timezone, ?4,
         '${status}', ?5, ?6, s.provider_id, ?7, s.start_at - ?8, ?9, ?10, ?10
       FROM sessions s
       WHERE s.id = ?11 AND ${guard}`,
    )
    .bind(
      booking.id,
      booking.organizationId,
      booking.experienceId,
      booking.quantity,
      JSON.stringify(booking.contact),
      booking.notes,
      JSON.stringify(booking.price),
      booking.refundableHoursBefore * HOUR_MS,
      booking.cancelTokenHash,
      booking.now,
      sessionId,
      ...extra,
    );
}

function recordBookingKey(
  d1: D1Database,
  idempotency: IdempotencyScope | undefined,
  booking: NewBooking,
) {
  if (!idempotency) return [];
  const write = { table: "bookings" as const, resourceId: booking.id, condition: "id = ?6" };
  return [recordIfRowExists(d1, idempotency, BOOKING_CREATED, write, booking.now)];
}

/** The waitlist a refused booking may join: only when asked for and enabled (§14). */
export interface WaitlistJoin {
  maxSize: number;
}

/**
 * Takes the seats in one atomic D1 batch (a single SQLite transaction, so concurrent writers
 * are serialized by the database itself):
 *  1. materialize the session snapshot unless it exists (only if the quantity fits capacity);
 *  2. insert the booking `confirmed` only if the seats left (capacity − confirmed − unexpired
 *     active holds) cover the quantity;
 *  3. with `waitlist`: else insert it `waitlisted`, only if (2) inserted nothing, the quantity
 *     could ever fit and the waitlist has room — so a booking is never waitlisted while its
 *     seats are free, and never both;
 *  4. record the Idempotency-Key with the booking, only if a booking was inserted.
 * Returns the status the booking was created with, or null when it was refused.
 */
export async function insertBooking(
  db: Database,
  snapshot: SessionSnapshot,
  booking: NewBooking,
  waitlist: WaitlistJoin | null,
  idempotency: IdempotencyScope | undefined,
): Promise<"confirmed" | "waitlisted" | null> {
  const d1 = db.$client;
  const statements = [
    materializeSessionStatement(d1, snapshot, booking.quantity, booking.now),
    insertBookingStatement(
      d1,
      booking,
      snapshot.id,
      "confirmed",
      `${seatsLeftSql("s", "?10")} >= ?4`,
    ),
  ];
  if (waitlist) {
    const guard = `NOT EXISTS (SELECT 1 FROM bookings x WHERE x.id = ?1) AND ?4 <= s.capacity
      AND (SELECT COUNT(*) FROM bookings w
           WHERE w.session_id = s.id AND w.status = 'waitlisted') < ?12`;
    statements.push(
      insertBookingStatement(d1, booking, snapshot.id, "waitlisted", guard, [waitlist.maxSize]),
    );
  }
  statements.push(...recordBookingKey(d1, idempotency, booking));
  const [, confirmed, waitlisted] = await d1.batch(statements);
  if (confirmed?.meta.changes === 1) return "confirmed";
  if (waitlist && waitlisted?.meta.changes === 1) return "waitlisted";
  return null;
}

/**
 * Converts a hold into a booking in one batch (§14): the hold becomes `converted` with the
 * booking's id only while it is active and unexpired at `now`, and the booking is inserted only
 * if that happened — the hold's seats move to the booking, whatever the seats left. A
 * concurrent conversion or release, or the hold's expiry, makes (1) change nothing and the
 * whole call a no-op. The guard in (1) also re-checks the seats with the hold's own seats
 * counted as free: should a writer whose clock already saw the hold expire have taken them,
 * the conversion loses instead of overselling.
 */
export async function convertHoldToBooking(
  db: Database,
  hold: { id: string; sessionId: string },
  booking: NewBooking,
  idempotency: IdempotencyScope | undefined,
): Promise<boolean> {
  const d1 = db.$client;
  const claim = d1
    .prepare(
      `UPDATE holds SET status = 'converted', booking_id = ?2, updated_at = ?3
       WHERE id = ?1 AND status = 'active' AND expires_at > ?3
         AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = holds.session_id
                     AND ${seatsLeftSql("s", "?3", "?1")} >= holds.quantity)`,
    )
    .bind(hold.id, booking.id, booking.now);
  const guard = `EXISTS (SELECT 1 FROM holds h
    WHERE h.id = ?12 AND h.booking_id = ?1 AND h.status = 'converted')`;
  const [claimed] = await d1.batch([
    claim,
    insertBookingStatement(d1, booking, hold.sessionId, "confirmed", guard, [hold.id]),
    ...recordBookingKey(d1, idempotency, booking),
  ]);
  return claimed?.meta.changes === 1;
}
