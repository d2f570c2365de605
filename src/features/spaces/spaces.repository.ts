import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { findOwnedRow, listPage, listRows, oldestFirst } from "../../db/queries";
import { members, spaces } from "../../db/schema";
import { queryInChunks } from "../../lib/bound-parameters";
import { GENERAL_SPACE_ID } from "../../lib/ids";
import type { PageRequest } from "../../lib/pagination";

export type SpaceRow = typeof spaces.$inferSelect;
export type MemberRow = typeof members.$inferSelect;

/** GENERAL first, then the others oldest first. */
export async function listSpacesByOrganization(db: Database, organizationId: string) {
  const generalFirst = desc(sql`${spaces.id} = ${GENERAL_SPACE_ID}`);
  return listRows(db, spaces, eq(spaces.organizationId, organizationId), [
    generalFirst,
    asc(spaces.createdAt),
    asc(spaces.id),
  ]);
}

export async function findSpaceById(db: Database, organizationId: string, spaceId: string) {
  return findOwnedRow(db, spaces, organizationId, spaceId);
}

/** A statement, not a write: create services batch it with their idempotency record. */
export function insertSpaceStatement(db: Database, row: SpaceRow) {
  return db.insert(spaces).values(row);
}

export function insertMemberStatement(db: Database, row: MemberRow) {
  return db.insert(members).values(row);
}

export async function findMemberById(db: Database, organizationId: string, memberId: string) {
  return findOwnedRow(db, members, organizationId, memberId);
}

export async function listMembersBySpace(
  db: Database,
  organizationId: string,
  spaceId: string,
  page: PageRequest,
) {
  const where = and(eq(members.organizationId, organizationId), eq(members.spaceId, spaceId));
  return listPage(db, members, { where, order: oldestFirst(members) }, page);
}

export async function findMembersByIds(db: Database, organizationId: string, ids: string[]) {
  return queryInChunks(ids, 1, (chunk) =>
    db
      .select({ id: members.id, spaceId: members.spaceId })
      .from(members)
      .where(and(eq(members.organizationId, organizationId), inArray(members.id, chunk))),
  );
}
