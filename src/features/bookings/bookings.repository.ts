import { and, count, desc, eq, gt, gte, lt, lte, or, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bookings } from "../../db/schema";
import type { IdempotencyScope } from "../../idempotency/d1-record";
import { recordIfRowExists } from "../../idempotency/guarded-record";

export type BookingRow = typeof bookings.$inferSelect;

export const BOOKING_CANCELLED = { resourceType: "booking_cancellation", statusCode: 200 } as const;

export type BookingStatus = BookingRow["status"];

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
 * Cancels only a confirmed or waitlisted booking (the WHERE makes a concurrent second cancel a
 * no-op), and records the Idempotency-Key in the same batch. A booking that is still waitlisted
 * held no seat, so it has no refund (null); one promoted meanwhile is cancelled as confirmed.
 * Returns whether this call cancelled it.
 */
export async function cancelOpenBooking(
  db: Database,
  cancellation: Cancellation,
  idempotency: IdempotencyScope | undefined,
): Promise<boolean> {
  const d1 = db.$client;
  const update = d1
    .prepare(
      `UPDATE bookings SET status = 'cancelled', cancelled_at = ?2, cancel_reason = ?3,
         refund_eligible = CASE status WHEN 'confirmed' THEN ?4 END, updated_at = ?2
       WHERE id = ?1 AND status IN ('confirmed', 'waitlisted')`,
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
        {
          table: "bookings",
          resourceId: cancellation.bookingId,
          condition: "id = ?6 AND status = 'cancelled' AND cancelled_at = ?5",
        },
        cancellation.now,
      ),
    );
  }
  const [updated] = await d1.batch(statements);
  return updated?.meta.changes === 1;
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
      .orderBy(desc(bookings.createdAt), desc(bookings.id))
      .limit(limit)
      .offset(offset),
    db.select({ value: count() }).from(bookings).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}
