import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { prepared } from "../../db/prepared-statement";
import { oldestFirst, ownedRowQuery } from "../../db/queries";
import { recurrences } from "../../db/schema";
import { type RowCondition, rowExists } from "../../db/write-batch";
import { queryInChunks } from "../../lib/bound-parameters";
import type { RecurrenceValues } from "./recurrence-validation";

export type RecurrenceRow = typeof recurrences.$inferSelect;

// Soft-deleted recurrences stay in the table for their bookings but are invisible to the API.
const isLive = isNull(recurrences.deletedAt);

/** A statement, not a write: creates batch it with their other rows and the idempotency record. */
export function insertRecurrenceStatement(db: Database, row: RecurrenceRow) {
  return db.insert(recurrences).values(row);
}

/** The query alone, for a read batch; the IDs may be subqueries of the same batch. */
export function findLiveRecurrenceQuery(
  db: Database,
  organizationId: string,
  experienceId: string | SQL,
  recurrenceId: string | SQL,
) {
  const ofExperience = eq(recurrences.experienceId, experienceId);
  return ownedRowQuery(db, recurrences, organizationId, recurrenceId, ofExperience, isLive);
}

export async function findLiveRecurrence(
  db: Database,
  organizationId: string,
  experienceId: string,
  recurrenceId: string,
) {
  const [row] = await findLiveRecurrenceQuery(db, organizationId, experienceId, recurrenceId);
  return row;
}

/** The query alone, so reads that need more than the recurrences can batch it. */
export function listLiveRecurrencesByExperienceQuery(db: Database, experienceId: string) {
  return liveRecurrencesOf(db, { experienceId });
}

/** Read by every slots and booking request: built once (prepared-statement.ts). */
const liveRecurrencesOf = prepared(["experienceId"], (db, p) =>
  db
    .select()
    .from(recurrences)
    .where(and(eq(recurrences.experienceId, p.experienceId), isLive))
    .orderBy(...oldestFirst(recurrences)),
);

export async function listLiveRecurrencesByExperience(db: Database, experienceId: string) {
  return listLiveRecurrencesByExperienceQuery(db, experienceId);
}

/** Live recurrence IDs per experience, oldest first, for a page of experiences in one query. */
export async function listLiveRecurrenceIdsByExperiences(db: Database, experienceIds: string[]) {
  const byExperience = new Map<string, string[]>();
  // Chunks split the list by experience, so each experience's IDs stay oldest first.
  const rows = await queryInChunks(experienceIds, 0, (ids) =>
    db
      .select({ id: recurrences.id, experienceId: recurrences.experienceId })
      .from(recurrences)
      .where(and(inArray(recurrences.experienceId, ids), isLive))
      .orderBy(...oldestFirst(recurrences)),
  );
  for (const { id, experienceId } of rows) {
    byExperience.set(experienceId, [...(byExperience.get(experienceId) ?? []), id]);
  }
  return byExperience;
}

/** Statements, not writes: the service batches them with their §12 events. */
export function updateRecurrenceValuesStatement(
  db: Database,
  recurrenceId: string,
  values: RecurrenceValues,
  now: number,
) {
  return db
    .update(recurrences)
    .set({ ...values, updatedAt: now, revision: sql`${recurrences.revision} + 1` })
    .where(and(eq(recurrences.id, recurrenceId), isLive));
}

export function softDeleteRecurrenceStatement(db: Database, recurrenceId: string, now: number) {
  return db
    .update(recurrences)
    .set({ deletedAt: now })
    .where(and(eq(recurrences.id, recurrenceId), isLive));
}

/** The recurrence is live and this change (at `now`) updated it. */
export function recurrenceUpdatedAt(recurrenceId: string, now: number): RowCondition {
  return rowExists(
    recurrences,
    and(eq(recurrences.id, recurrenceId), eq(recurrences.updatedAt, now), isLive),
  );
}

/** This change (at `now`) deleted the recurrence, not a concurrent one. */
export function recurrenceDeletedAt(recurrenceId: string, now: number): RowCondition {
  return rowExists(
    recurrences,
    and(eq(recurrences.id, recurrenceId), eq(recurrences.deletedAt, now)),
  );
}
