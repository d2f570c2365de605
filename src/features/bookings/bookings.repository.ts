import { and, count, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bookings, sessions } from "../../db/schema";
import { insertSelect, type RowCondition, rowExists, type SelectedRow } from "../../db/write-batch";

export type BookingRow = typeof bookings.$inferSelect;
export type SessionSnapshot = typeof sessions.$inferInsert;

/** What a booking needs beyond what it copies from the session snapshot. */
export interface NewBooking {
  id: string;
  organizationId: string;
  experienceId: string;
  sessionId: string;
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
 * Step 1 of a booking's batch: materialize the session snapshot unless it already exists — only
 * if the quantity fits its capacity, so a refused booking leaves no snapshot behind.
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
 * Step 2, the seat guard: insert the booking only if capacity minus the seats of confirmed
 * bookings still covers the quantity; start, end and provider are copied from the stored
 * snapshot. Seats are never oversold: the guard reads the committed state inside the same
 * transaction that writes, so concurrent bookings are serialized by the database itself.
 */
export function insertBookingIfSeatsLeft(db: Database, booking: NewBooking) {
  const fromSnapshot = (column: string) => sql.raw(`s.${column}`);
  const row: SelectedRow<typeof bookings> = {
    id: booking.id,
    organizationId: booking.organizationId,
    experienceId: booking.experienceId,
    sessionId: fromSnapshot("id"),
    recurrenceId: fromSnapshot("recurrence_id"),
    startAt: fromSnapshot("start_at"),
    endAt: fromSnapshot("end_at"),
    timezone: fromSnapshot("timezone"),
    quantity: booking.quantity,
    status: "confirmed",
    contact: booking.contact,
    notes: booking.notes,
    providerId: fromSnapshot("provider_id"),
    price: booking.price,
    refundableUntil: sql`s.start_at - ${booking.refundableHoursBefore * HOUR_MS}`,
    cancelTokenHash: booking.cancelTokenHash,
    createdAt: booking.now,
    updatedAt: booking.now,
  };
  return insertSelect(
    db,
    bookings,
    row,
    sql`FROM sessions s WHERE s.id = ${booking.sessionId} AND ${sessionTakes(booking.quantity)}`,
  );
}

/**
 * The §9 seat guard over the session row aliased `s`: it is not cancelled (§15; checked in the
 * same statement, so a booking racing a session cancellation either lands first and is
 * cancelled with it, or is refused) and capacity minus confirmed seats covers the quantity.
 */
export function sessionTakes(quantity: number) {
  return sql`s.status = 'scheduled'
      AND s.capacity - (SELECT COALESCE(SUM(b.quantity), 0) FROM bookings b
                        WHERE b.session_id = s.id AND b.status = 'confirmed') >= ${quantity}`;
}

/** The condition of rows that must follow a booking's creation (key row, events). */
export function bookingExists(bookingId: string): RowCondition {
  return rowExists(bookings, eq(bookings.id, bookingId));
}

export async function findBookingById(db: Database, organizationId: string, bookingId: string) {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.organizationId, organizationId)))
    .limit(1);
  return row;
}

/**
 * The booking was written with exactly these snapshot values: what its booking.created event
 * says. Differs only if a concurrent request materialized the session from an edited rule.
 */
export function bookingWrittenAs(row: BookingRow): RowCondition {
  return rowExists(
    bookings,
    and(
      eq(bookings.id, row.id),
      eq(bookings.recurrenceId, row.recurrenceId),
      eq(bookings.startAt, row.startAt),
      eq(bookings.endAt, row.endAt),
      eq(bookings.timezone, row.timezone),
      row.providerId === null
        ? isNull(bookings.providerId)
        : eq(bookings.providerId, row.providerId),
    ),
  );
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

/** Cancels only a confirmed booking: the WHERE makes a concurrent second cancel a no-op. */
export function cancelConfirmedBookingStatement(db: Database, cancellation: Cancellation) {
  return db
    .update(bookings)
    .set({
      status: "cancelled",
      cancelledAt: cancellation.now,
      cancelReason: cancellation.reason,
      refundEligible: cancellation.refundEligible,
      updatedAt: cancellation.now,
    })
    .where(and(eq(bookings.id, cancellation.bookingId), eq(bookings.status, "confirmed")));
}

/** The condition of rows that must follow this very cancellation (not an earlier one). */
export function bookingCancelledAt(bookingId: string, now: number): RowCondition {
  return rowExists(
    bookings,
    and(
      eq(bookings.id, bookingId),
      eq(bookings.status, "cancelled"),
      eq(bookings.cancelledAt, now),
    ),
  );
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
