import { and, count, eq, gt, gte, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { findOwnedRow, newestFirst, ownedRowQuery } from "../../db/queries";
import { bookings } from "../../db/schema";
import { insertSelect, type RowCondition, rowExists, type SelectedRow } from "../../db/write-batch";
import { sessionOpen, sessionTakes } from "../sessions/seat-guard";
import { nextBookingRevision } from "./booking-revision";

export type BookingRow = typeof bookings.$inferSelect;
export type BookingStatus = BookingRow["status"];

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
 * INSERT … SELECT of the booking from the stored snapshot (start, end and provider are copied
 * from it), only where `guard` holds; `guard` may use the snapshot as `s`.
 */
function insertBookingWhere(
  db: Database,
  booking: NewBooking,
  status: "confirmed" | "waitlisted",
  guard: SQL,
) {
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
    status,
    contact: booking.contact,
    notes: booking.notes,
    providerId: fromSnapshot("provider_id"),
    price: booking.price,
    refundableUntil: sql`s.start_at - ${booking.refundableHoursBefore * HOUR_MS}`,
    cancelTokenHash: booking.cancelTokenHash,
    createdAt: booking.now,
    updatedAt: booking.now,
  };
  // RETURNING: the batch hands back the booking as written, so nothing reads it again.
  return insertSelect(
    db,
    bookings,
    row,
    sql`FROM sessions s WHERE s.id = ${booking.sessionId} AND ${guard}`,
  ).returning();
}

/**
 * Step 2, the seat guard: insert the booking `confirmed` only if the seats left (capacity −
 * confirmed − unexpired active holds) still cover the quantity. Seats are never oversold: the
 * guard reads the committed state inside the same transaction that writes.
 */
export function insertBookingIfSeatsLeft(db: Database, booking: NewBooking) {
  return insertBookingWhere(
    db,
    booking,
    "confirmed",
    sessionTakes("s", booking.quantity, booking.now),
  );
}

/**
 * Step 3 for `join_waitlist` (§14): insert it `waitlisted` instead, only if step 2 inserted
 * nothing, the quantity could ever fit and the waitlist has room — so a booking is never
 * waitlisted while its seats are free, and never both.
 */
export function insertWaitlistedIfRefused(db: Database, booking: NewBooking, maxSize: number) {
  return insertBookingWhere(
    db,
    booking,
    "waitlisted",
    sql`${sessionOpen("s")} AND NOT EXISTS (SELECT 1 FROM bookings x WHERE x.id = ${booking.id})
      AND ${booking.quantity} <= s.capacity
      AND (SELECT COUNT(*) FROM bookings w
           WHERE w.session_id = s.id AND w.status = 'waitlisted') < ${maxSize}`,
  );
}

/**
 * A hold's conversion (§14): the booking is inserted only if the hold became `converted` with
 * this booking's id earlier in the same batch — the hold's seats move to it, whatever the
 * seats left.
 */
export function insertBookingForConvertedHold(db: Database, booking: NewBooking, holdId: string) {
  return insertBookingWhere(
    db,
    booking,
    "confirmed",
    sql`EXISTS (SELECT 1 FROM holds h
      WHERE h.id = ${holdId} AND h.booking_id = ${booking.id} AND h.status = 'converted')`,
  );
}

/** "This booking exists, and these hold of it" inside the batch (see RowCondition). */
export function bookingWhere(bookingId: string, ...conditions: (SQL | undefined)[]): RowCondition {
  return rowExists(bookings, and(eq(bookings.id, bookingId), ...conditions));
}

/** The condition of rows that must follow a booking's creation (key row, events). */
export function bookingExists(bookingId: string): RowCondition {
  return bookingWhere(bookingId);
}

export function bookingInStatus(bookingId: string, status: BookingStatus): RowCondition {
  return bookingWhere(bookingId, eq(bookings.status, status));
}

export function findBookingByIdQuery(db: Database, organizationId: string, bookingId: string) {
  return ownedRowQuery(db, bookings, organizationId, bookingId);
}

export async function findBookingById(db: Database, organizationId: string, bookingId: string) {
  return findOwnedRow(db, bookings, organizationId, bookingId);
}

/**
 * The booking was written with exactly these snapshot values: what its booking.created event
 * says. Differs only if a concurrent request materialized the session from an edited rule.
 */
export function bookingWrittenAs(row: BookingRow): RowCondition {
  return bookingWhere(
    row.id,
    eq(bookings.recurrenceId, row.recurrenceId),
    eq(bookings.startAt, row.startAt),
    eq(bookings.endAt, row.endAt),
    eq(bookings.timezone, row.timezone),
    row.providerId === null ? isNull(bookings.providerId) : eq(bookings.providerId, row.providerId),
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
  cancelledBy: "customer" | "studio";
  now: number;
}

/**
 * What a cancellation from `readStatus` sets (the statement below, and the booking its event
 * shows): a booking cancelled while waitlisted held no seat, so it has no refund (null).
 */
export function cancellationChanges(cancellation: Cancellation, readStatus: BookingStatus) {
  return {
    status: "cancelled" as const,
    cancelledAt: cancellation.now,
    cancelReason: cancellation.reason,
    refundEligible: readStatus === "confirmed" ? cancellation.refundEligible : null,
    cancelledBy: cancellation.cancelledBy,
    updatedAt: cancellation.now,
  };
}

/**
 * Cancels a confirmed or waitlisted booking still in the status read (the WHERE makes a
 * concurrent second cancel, or a promotion in between, a no-op). A waitlisted booking held no
 * seat, so it has no refund (null).
 */
export function cancelOpenBookingStatement(
  db: Database,
  cancellation: Cancellation,
  readStatus: "confirmed" | "waitlisted",
) {
  return db
    .update(bookings)
    .set({ ...cancellationChanges(cancellation, readStatus), revision: nextBookingRevision() })
    .where(
      and(
        eq(bookings.id, cancellation.bookingId),
        // Only from the status the caller read, so its booking.cancelled event tells the truth.
        eq(bookings.status, readStatus),
      ),
    )
    .returning();
}

/** The condition of rows that must follow this very cancellation (not an earlier one). */
export function bookingCancelledAt(bookingId: string, now: number): RowCondition {
  return bookingWhere(bookingId, eq(bookings.status, "cancelled"), eq(bookings.cancelledAt, now));
}

export interface BookingFilter {
  experienceId?: string;
  sessionId?: string;
  statuses?: BookingStatus[];
  startFromMs?: number;
  startBeforeMs?: number;
}

/**
 * The status filter as bookings read at `now`: a waitlisted booking of a started session is
 * `expired` (the sweep writes that within a minute; reads do not wait for it).
 */
function statusCondition(statuses: BookingStatus[] | undefined, now: number): SQL | undefined {
  if (!statuses?.length) return undefined;
  const waitlistedAndStarted = and(eq(bookings.status, "waitlisted"), lte(bookings.startAt, now));
  const conditions = statuses.map((status) => {
    if (status === "waitlisted") {
      return and(eq(bookings.status, "waitlisted"), gt(bookings.startAt, now));
    }
    if (status === "expired") return or(eq(bookings.status, "expired"), waitlistedAndStarted);
    return eq(bookings.status, status);
  });
  return or(...conditions);
}

/** Newest first (created_at, then id, descending), with the total for pagination. */
export async function listBookingsByOrganization(
  db: Database,
  organizationId: string,
  filter: BookingFilter,
  limit: number,
  offset: number,
  now: number,
) {
  const where = and(
    eq(bookings.organizationId, organizationId),
    filter.experienceId ? eq(bookings.experienceId, filter.experienceId) : undefined,
    filter.sessionId ? eq(bookings.sessionId, filter.sessionId) : undefined,
    statusCondition(filter.statuses, now),
    filter.startFromMs !== undefined ? gte(bookings.startAt, filter.startFromMs) : undefined,
    filter.startBeforeMs !== undefined ? lt(bookings.startAt, filter.startBeforeMs) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(bookings)
      .where(where)
      .orderBy(...newestFirst(bookings))
      .limit(limit)
      .offset(offset),
    db.select({ value: count() }).from(bookings).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}
