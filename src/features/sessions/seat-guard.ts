import type { sessions } from "../../db/schema";

export type SessionSnapshot = typeof sessions.$inferInsert;

/**
 * The one seat formula (§9, §14) as an SQL expression over a `sessions` row aliased `session`:
 * capacity − seats of confirmed bookings − seats of active holds unexpired at `now`.
 * `exceptHold` leaves one hold out (its own conversion). Every write that confirms or holds
 * seats compares this with its quantity inside the statement that writes, so the check and the
 * write happen in one SQLite transaction and concurrent writers are serialized by the database.
 * A hold is unexpired while `expires_at > now`: from `expires_at` on, its seats are free again
 * without anything having to write.
 */
export function seatsLeftSql(session: string, now: string, exceptHold?: string): string {
  const except = exceptHold ? ` AND guard_h.id <> ${exceptHold}` : "";
  return `(${session}.capacity
    - (SELECT COALESCE(SUM(guard_b.quantity), 0) FROM bookings guard_b
       WHERE guard_b.session_id = ${session}.id AND guard_b.status = 'confirmed')
    - (SELECT COALESCE(SUM(guard_h.quantity), 0) FROM holds guard_h
       WHERE guard_h.session_id = ${session}.id AND guard_h.status = 'active'
         AND guard_h.expires_at > ${now}${except}))`;
}

/**
 * Stores the session snapshot unless it exists already (§8) — only when `quantity` fits its
 * capacity, so a request that can never succeed leaves no snapshot behind. The first statement
 * of every batch that books or holds seats: the guard reads the snapshot it writes.
 */
export function materializeSessionStatement(
  d1: D1Database,
  snapshot: SessionSnapshot,
  quantity: number,
  now: number,
) {
  return d1
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
      now,
      quantity,
    );
}
