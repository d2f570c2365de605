import { and, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { prepared } from "../../db/prepared-statement";
import { countPerKey, findOwnedRow, listPage, newestFirst, ownedRowQuery } from "../../db/queries";
import { bookings, experiences } from "../../db/schema";
import type { PageRequest } from "../../lib/pagination";
import type { ExperienceStatus } from "./experiences.schemas";

export type ExperienceRow = typeof experiences.$inferSelect;

export interface ExperienceFilter {
  statuses?: ExperienceStatus[];
  spaceId?: string;
}

/** A statement, not a write: the create batches it with its recurrence and idempotency record. */
export function insertExperienceStatement(db: Database, row: ExperienceRow) {
  return insertExperience(db, row);
}

const EXPERIENCE_COLUMNS = Object.keys(getTableColumns(experiences)) as (keyof ExperienceRow)[];

/** Every column of a new experience (a row always has them all), built once. */
const insertExperience = prepared(EXPERIENCE_COLUMNS, (db, p) =>
  db.insert(experiences).values(p as unknown as ExperienceRow),
);

/**
 * The query alone, so reads that need more than the experience can batch it (one round trip);
 * `experienceId` may be a subquery of the batch (the experience of a booking).
 */
export function findExperienceByIdQuery(
  db: Database,
  organizationId: string,
  experienceId: string | SQL,
) {
  if (typeof experienceId === "string") return experienceById(db, { organizationId, experienceId });
  return ownedRowQuery(db, experiences, organizationId, experienceId);
}

/** The experience read of every slots and booking request, built once (prepared-statement.ts). */
const experienceById = prepared(["organizationId", "experienceId"], (db, p) =>
  ownedRowQuery(db, experiences, p.organizationId, p.experienceId),
);

export async function findExperienceById(
  db: Database,
  organizationId: string,
  experienceId: string,
) {
  return findOwnedRow(db, experiences, organizationId, experienceId);
}

/** Newest first (created_at, then id, both descending), with the total for pagination. */
export async function listExperiencesByOrganization(
  db: Database,
  organizationId: string,
  filter: ExperienceFilter,
  page: PageRequest,
) {
  const conditions: SQL[] = [eq(experiences.organizationId, organizationId)];
  if (filter.statuses) conditions.push(inArray(experiences.status, filter.statuses));
  if (filter.spaceId) conditions.push(eq(experiences.spaceId, filter.spaceId));
  const where = and(...conditions);
  return listPage(db, experiences, { where, order: newestFirst(experiences) }, page);
}

/** A statement, not a write: the PATCH batches it with its §12 event. */
export function updateExperienceStatement(db: Database, row: ExperienceRow) {
  const { id, organizationId, createdAt: _createdAt, revision: _revision, ...changes } = row;
  return db
    .update(experiences)
    .set({ ...changes, revision: sql`${experiences.revision} + 1` })
    .where(and(eq(experiences.id, id), eq(experiences.organizationId, organizationId)));
}

/** Confirmed bookings per experience, for a page of experiences in one query. */
export async function countConfirmedBookingsByExperiences(db: Database, experienceIds: string[]) {
  const confirmed = eq(bookings.status, "confirmed");
  return countPerKey(db, bookings, bookings.experienceId, experienceIds, confirmed);
}
