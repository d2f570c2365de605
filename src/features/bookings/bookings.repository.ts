import { and, count, desc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bookings, type sessions } from "../../db/schema";
import type { IdempotencyScope } from "../../idempotency/d1-record";
import { REPLAY_WINDOW_MS } from "../../idempotency/record";

export type BookingRow = typeof bookings.$inferSelect;
export type SessionSnapshot = typeof sessions.$inferInsert;

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

const HOUR_MS = 3_600_000;

/**
 * Takes the seats in one atomic D1 batch (a single SQLite transaction, so concurrent bookings
 * are serialized by the database itself):
 *  1. materialize the session snapshot unless it already exists — only if the quantity fits
 *     its capacity, so a refused booking leaves no snapshot behind;
 *  2. insert the booking only if capacity minus the seats of confirmed bookings still covers
 *     the quantity; start, end and provider are copied from the stored snapshot;
 *  3. record the Idempotency-Key with the booking, only if the booking was inserted.
 * Returns whether the booking was created. Seats are never oversold: the guard in (2) reads
 * the committed state inside the same transaction that writes.
 */
export async function insertBookingIfSeatsLeft(
  db: Database,
  snapshot: SessionSnapshot,
  booking: NewBooking,
  idempotency: IdempotencyScope | undefined,
): Promise<boolean> {
  // Raw D1 statements: drizzle cannot batch INSERT … SELECT … WHERE guards.
  const d1 = db.$client;
  const materialize = d1
    .prepare(
      `INSERT INTO sessions (id, organization_id, experience_id, recurrence_id, start_at, end_at,
         timezone, local_start, capacity, provider_id, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 WHERE ?12 <= ?9
       ON CONFLICT (id) DO NOTHING`,
    )
    .bind(
      snapshot.id,
      snapshot.organizationId,
      snapshot.experienceId,
      snapshot.recurrenceId,
      snapshot.startAt,
      snapshot.endAt,
      snapshot.timezone,
      snapshot.localStart,
      snapshot.capacity,
      snapshot.providerId ?? null,
      booking.now,
      booking.quantity,
    );
  const insert = d1
    .prepare(
      `INSERT INTO bookings (id, organization_id, experience_id, session_id, recurrence_id,
         start_at, end_at, timezone, quantity, status, contact, notes, provider_id, price,
         refundable_until, cancel_token_hash, created_at, updated_at)
       SELECT ?1, ?2, ?3, s.id, s.recurrence_id, s.start_at, s.end_at, s.timezone, ?4,
         'confirmed', ?5, ?6, s.provider_id, ?7, s.start_at - ?8, ?9, ?10, ?10
       FROM sessions s
       WHERE s.id = ?11
         AND s.capacity - (SELECT COALESCE(SUM(b.quantity), 0) FROM bookings b
                           WHERE b.session_id = s.id AND b.status = 'confirmed') >= ?4`,
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
      snapshot.id,
    );
  const statements = [materialize, insert];
  if (idempotency) {
    statements.push(
      recordIfRowExists(d1, idempotency, BOOKING_CREATED, booking.id, booking.now, "id = ?6"),
    );
  }
  const [, inserted] = await d1.batch(statements);
  return inserted?.meta.changes === 1;
}

/** Resource types of the Idempotency-Key rows: a create's key must not replay as a cancel. */
export const BOOKING_CREATED = { resourceType: "booking", statusCode: 201 } as const;
export const BOOKING_CANCELLED = { resourceType: "booking_cancellation", statusCode: 200 } as const;

/**
 * Records the Idempotency-Key only when the guarded write really happened (`condition` on the
 * booking ?6, with ?5 = now). Like recordIdempotentOutcome: a row older than the 24 h window
 * belongs to an expired key and is replaced; a live one makes resource_id NULL, which fails
 * NOT NULL and rolls the whole batch back rather than writing a duplicate.
 */
function recordIfRowExists(
  d1: D1Database,
  idempotency: IdempotencyScope,
  outcome: { resourceType: string; statusCode: number },
  bookingId: string,
  now: number,
  condition: string,
) {
  return d1
    .prepare(
      `INSERT INTO idempotency_keys (scope, key, resource_type, resource_id, status_code, created_at)
       SELECT ?1, ?2, ?7, ?6, ?3, ?4 WHERE EXISTS (SELECT 1 FROM bookings WHERE ${condition})
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
      bookingId,
      outcome.resourceType,
      now - REPLAY_WINDOW_MS,
    );
}

export async function findBookingById(db: Database, organizationId: string, bookingId: string) {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.organizationId, organizationId)))
    .limit(1);
  return row;
}

/** For public cancellation, where the organization is not known from an API key. */
export async function findBookingByIdAnyOrganization(db: Database, bookingId: string) {
  const [row] = await db.select().from(bookings).where(eq(bookings.id, bookingId)).limit(1);
  return row;
}

export interface Cancellation {
  bookingId: string;
  reason: string | null;
  refundEligible: boolean;
  now: number;
}

/**
 * Cancels only a confirmed booking (the WHERE makes a concurrent second cancel a no-op), and
 * records the Idempotency-Key in the same batch. Returns whether this call cancelled it.
 */
export async function cancelConfirmedBooking(
  db: Database,
  cancellation: Cancellation,
  idempotency: IdempotencyScope | undefined,
): Promise<boolean> {
  const d1 = db.$client;
  const update = d1
    .prepare(
      `UPDATE bookings SET status = 'cancelled', cancelled_at = ?2, cancel_reason = ?3,
         refund_eligible = ?4, updated_at = ?2
       WHERE id = ?1 AND status = 'confirmed'`,
    )
    .bind(
      cancellation.bookingId,
      cancellation.now,
      cancellation.reason,
      cancellation.refundEligible ? 1 : 0,
    );
  const statements = [update];
  if (idempotency) {
    statements.push(
      recordIfRowExists(
        d1,
        idempotency,
        BOOKING_CANCELLED,
        cancellation.bookingId,
        cancellation.now,
        "id = ?6 AND status = 'cancelled' AND cancelled_at = ?5",
      ),
    );
  }
  const [updated] = await d1.batch(statements);
  return updated?.meta.changes === 1;
}

export interface BookingFilter {
  experienceId?: string;
  sessionId?: string;
  statuses?: Array<"confirmed" | "cancelled">;
  startFromMs?: number;
  startBeforeMs?: number;
}

/** Newest first (created_at, then id, descending), with the total for pagination. */
export async function listBookingsByOrganization(
  db: Database,
  organizationId: string,
  filter: BookingFilter,
  limit: number,
  offset: number,
) {
  const where = and(
    eq(bookings.organizationId, organizationId),
    filter.experienceId ? eq(bookings.experienceId, filter.experienceId) : undefined,
    filter.sessionId ? eq(bookings.sessionId, filter.sessionId) : undefined,
    filter.statuses?.length ? inArray(bookings.status, filter.statuses) : undefined,
    filter.startFromMs !== undefined ? gte(bookings.startAt, filter.startFromMs) : undefined,
    filter.startBeforeMs !== undefined ? lt(bookings.startAt, filter.startBeforeMs) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(bookings)
      .where(where)
      .orderBy(desc(bookings.createdAt), desc(bookings.id))
      .limit(limit)
      .offset(offset),
    db.select({ value: count() }).from(bookings).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}
