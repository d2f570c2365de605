import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { findRow, listRows } from "../../db/queries";
import { bookings, calendarFeeds, experiences, sessions } from "../../db/schema";

export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;

/** Every materialized session of an experience: each may override or add to its series. */
export async function listSessionSnapshotsByExperience(db: Database, experienceId: string) {
  const order = [asc(sessions.startAt), asc(sessions.id)];
  return listRows(db, sessions, eq(sessions.experienceId, experienceId), order);
}

/** A statement, not a write: one token per member, a new one replaces (revokes) the old. */
export function upsertCalendarFeedStatement(db: Database, row: CalendarFeedRow) {
  return db
    .insert(calendarFeeds)
    .values(row)
    .onConflictDoUpdate({
      target: calendarFeeds.memberId,
      set: { tokenHash: row.tokenHash, createdAt: row.createdAt },
    });
}

export async function deleteCalendarFeed(db: Database, organizationId: string, memberId: string) {
  await db
    .delete(calendarFeeds)
    .where(
      and(eq(calendarFeeds.organizationId, organizationId), eq(calendarFeeds.memberId, memberId)),
    );
}

export async function findCalendarFeedByTokenHash(db: Database, tokenHash: string) {
  return findRow(db, calendarFeeds, eq(calendarFeeds.tokenHash, tokenHash));
}

/**
 * Confirmed bookings of the sessions a member provides that end after `fromMs` and start
 * before `toMs`, with their session snapshot and experience name, ordered by session start.
 */
export async function listProvidedBookingsInWindow(
  db: Database,
  organizationId: string,
  providerId: string,
  fromMs: number,
  toMs: number,
) {
  return db
    .select({
      sessionId: sessions.id,
      startAt: sessions.startAt,
      endAt: sessions.endAt,
      experienceId: experiences.id,
      experienceName: experiences.name,
      location: experiences.location,
      quantity: bookings.quantity,
      contactName: sql<string>`json_extract(${bookings.contact}, '$.name')`,
      bookingUpdatedAt: bookings.updatedAt,
    })
    .from(sessions)
    .innerJoin(bookings, eq(bookings.sessionId, sessions.id))
    .innerJoin(experiences, eq(experiences.id, sessions.experienceId))
    .where(
      and(
        eq(sessions.organizationId, organizationId),
        eq(sessions.providerId, providerId),
        eq(bookings.status, "confirmed"),
        gt(sessions.endAt, fromMs),
        lt(sessions.startAt, toMs),
      ),
    )
    .orderBy(asc(sessions.startAt), asc(sessions.id), asc(bookings.createdAt), asc(bookings.id));
}
