import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { recurrences } from "../../db/schema";
import type { RecurrenceValues } from "./recurrence-validation";

export type RecurrenceRow = typeof recurrences.$inferSelect;

// Soft-deleted recurrences stay in the table for their bookings but are invisible to the API.
const isLive = isNull(recurrences.deletedAt);
const oldestFirst = [asc(recurrences.createdAt), asc(recurrences.id)];

/** A statement, not a write: creates batch it with their other rows and the idempotency record. */
export function insertRecurrenceStatement(db: Database, row: RecurrenceRow) {
  return db.insert(recurrences).values(row);
}

export async function findLiveRecurrence(
  db: Database,
  organizationId: string,
  experienceId: string,
  recurrenceId: string,
) {
  const [row] = await db
    .select()
    .from(recurrences)
    .where(
      and(
        eq(recurrences.id, recurrenceId),
        eq(recurrences.organizationId, organizationId),
        eq(recurrences.experienceId, experienceId),
        isLive,
      ),
    )
    .limit(1);
  return row;
}

export async function listLiveRecurrencesByExperience(db: Database, experienceId: string) {
  return db
    .select()
    .from(recurrences)
    .where(and(eq(recurrences.experienceId, experienceId), isLive))
    .orderBy(...oldestFirst);
}

/** Live recurrence IDs per experience, oldest first, for a page of experiences in one query. */
export async function listLiveRecurrenceIdsByExperiences(db: Database, experienceIds: string[]) {
  const byExperience = new Map<string, string[]>();
  if (experienceIds.length === 0) return byExperience;
  const rows = await db
    .select({ id: recurrences.id, experienceId: recurrences.experienceId })
    .from(recurrences)
    .where(and(inArray(recurrences.experienceId, experienceIds), isLive))
    .orderBy(...oldestFirst);
  for (const { id, experienceId } of rows) {
    byExperience.set(experienceId, [...(byExperience.get(experienceId) ?? []), id]);
  }
  return byExperience;
}

export async function updateRecurrenceValues(
  db: Database,
  recurrenceId: string,
  values: RecurrenceValues,
  now: number,
) {
  await db
    .update(recurrences)
    .set({ ...values, updatedAt: now })
    .where(and(eq(recurrences.id, recurrenceId), isLive));
}

export async function softDeleteRecurrence(db: Database, recurrenceId: string, now: number) {
  await db
    .update(recurrences)
    .set({ deletedAt: now })
    .where(and(eq(recurrences.id, recurrenceId), isLive));
}
