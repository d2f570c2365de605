import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { members, organizations } from "../../db/schema";

/** D1 binds at most 100 parameters per statement; one is the organization. */
const IDS_PER_QUERY = 90;

export async function findOrganizationName(db: Database, organizationId: string) {
  const [row] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return row?.name ?? null;
}

/** Display names of members of one organization (only names: the page never shows emails). */
export async function findMemberNames(
  db: Database,
  organizationId: string,
  memberIds: string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < memberIds.length; i += IDS_PER_QUERY) {
    const rows = await db
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(
        and(
          eq(members.organizationId, organizationId),
          inArray(members.id, memberIds.slice(i, i + IDS_PER_QUERY)),
        ),
      );
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}
