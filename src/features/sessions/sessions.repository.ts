import { and, eq, getTableColumns, gte, inArray, lt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../../db/client";
import { prepared } from "../../db/prepared-statement";
import { findRow } from "../../db/queries";
import { bookings, sessions } from "../../db/schema";
import { queryInChunks } from "../../lib/bound-parameters";
import { type ExperienceRow, findExperienceByIdQuery } from "../experiences/experiences.repository";
import {
  listLiveRecurrencesByExperienceQuery,
  type RecurrenceRow,
} from "../recurrences/recurrences.repository";

export type SessionRow = typeof sessions.$inferSelect;

export async function findMaterializedSession(db: Database, sessionId: string) {
  return findRow(db, sessions, eq(sessions.id, sessionId));
}

/**
 * Materialized sessions starting in [fromMs, toMs), each with the seats of its confirmed
 * bookings, the seats of its active holds unexpired at `now`, and its waitlist size (§14).
 */
export function listSnapshotsWithSeatsQuery(
  db: Database,
  experienceId: string,
  fromMs: number,
  toMs: number,
  now: number,
) {
  return snapshotsWithSeats(db, { experienceId, fromMs, toMs, now });
}

/** Read by every slots and booking request: built once (prepared-statement.ts). */
const snapshotsWithSeats = prepared(["experienceId", "fromMs", "toMs", "now"], (db, p) => {
  // Spelled out: drizzle leaves columns of a one-table select unqualified, and an unqualified
  // "id" inside the subquery would be the booking's.
  const confirmedSeats = sql<number>`coalesce((select sum(b.quantity) from bookings b
    where b.session_id = "sessions"."id" and b.status = 'confirmed'), 0)`;
  const heldSeats = sql<number>`coalesce((select sum(h.quantity) from holds h
    where h.session_id = "sessions"."id" and h.status = 'active' and h.expires_at > ${p.now}), 0)`;
  const waitlisted = sql<number>`(select count(*) from bookings w
    where w.session_id = "sessions"."id" and w.status = 'waitlisted')`;
  return db
    .select({
      ...getTableColumns(sessions),
      seatsBooked: confirmedSeats,
      seatsHeld: heldSeats,
      waitlistSize: waitlisted,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.experienceId, p.experienceId),
        gte(sessions.startAt, p.fromMs),
        lt(sessions.startAt, p.toMs),
      ),
    );
});

export type SnapshotWithSeats = SessionRow & {
  seatsBooked: number;
  seatsHeld: number;
  waitlistSize: number;
};

/** Seats held by confirmed bookings, per session; sessions without bookings are absent. */
export async function sumConfirmedSeatsBySession(db: Database, sessionIds: string[]) {
  const totals = new Map<string, number>();
  const rows = await queryInChunks(sessionIds, 1, (chunk) =>
    db
      .select({ sessionId: bookings.sessionId, seats: sql<number>`sum(${bookings.quantity})` })
      .from(bookings)
      .where(and(inArray(bookings.sessionId, chunk), eq(bookings.status, "confirmed")))
      .groupBy(bookings.sessionId),
  );
  for (const row of rows) totals.set(row.sessionId, Number(row.seats));
  return totals;
}

// The rows a window of sessions is built from, read in one D1 batch (one round trip): the live
// recurrences, the snapshots with their booked seats and, for /v1, the experience itself.

export interface SessionSources {
  recurrences: RecurrenceRow[];
  snapshots: SnapshotWithSeats[];
}

export async function readSessionSources(
  db: Database,
  experienceId: string,
  fromMs: number,
  toMs: number,
  now: number,
): Promise<SessionSources> {
  const [recurrences, snapshots] = await db.batch([
    listLiveRecurrencesByExperienceQuery(db, experienceId),
    listSnapshotsWithSeatsQuery(db, experienceId, fromMs, toMs, now),
  ]);
  return { recurrences, snapshots };
}

/**
 * The same, with the experience of the organization (undefined when there is none): the
 * statements of one D1 batch, and how to read its results.
 */
export function experienceWithSessionSourcesQueries(
  db: Database,
  organizationId: string,
  experienceId: string,
  fromMs: number,
  toMs: number,
  now: number,
) {
  const experienceQuery = findExperienceByIdQuery(db, organizationId, experienceId);
  const recurrencesQuery = listLiveRecurrencesByExperienceQuery(db, experienceId);
  const snapshotsQuery = listSnapshotsWithSeatsQuery(db, experienceId, fromMs, toMs, now);
  type Results = [
    Awaited<typeof experienceQuery>,
    Awaited<typeof recurrencesQuery>,
    Awaited<typeof snapshotsQuery>,
  ];
  return {
    statements: [experienceQuery, recurrencesQuery, snapshotsQuery] as [
      BatchItem<"sqlite">,
      ...BatchItem<"sqlite">[],
    ],
    rowsOf(
      results: readonly unknown[],
    ): SessionSources & { experience: ExperienceRow | undefined } {
      const [experiences, recurrences, snapshots] = results as unknown as Results;
      return { experience: experiences[0], recurrences, snapshots };
    },
  };
}
