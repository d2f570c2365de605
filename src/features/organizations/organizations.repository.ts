import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { findRow } from "../../db/queries";
import { organizations, spaces } from "../../db/schema";
import { GENERAL_SPACE_ID } from "../../lib/ids";

export type OrganizationRow = typeof organizations.$inferSelect;

/** The organization and its GENERAL space are written in one atomic batch. */
export async function insertOrganizationWithGeneralSpace(db: Database, org: OrganizationRow) {
  await db.batch([
    db.insert(organizations).values(org),
    db.insert(spaces).values({
      organizationId: org.id,
      id: GENERAL_SPACE_ID,
      name: "General",
      createdAt: org.createdAt,
    }),
  ]);
}

export async function findOrganizationById(db: Database, id: string) {
  return findRow(db, organizations, eq(organizations.id, id));
}
