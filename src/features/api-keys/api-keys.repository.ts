import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { prepared } from "../../db/prepared-statement";
import { listRows, newestFirst } from "../../db/queries";
import { apiKeys, organizations } from "../../db/schema";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** The unrevoked key with this hash and its organization's zone: at most one row. */
const activeApiKeyByHash = prepared(["keyHash"], (db, p) =>
  db
    .select({
      id: apiKeys.id,
      organizationId: apiKeys.organizationId,
      organizationTimezone: organizations.timezone,
      scopes: apiKeys.scopes,
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(and(eq(apiKeys.keyHash, p.keyHash), isNull(apiKeys.revokedAt)))
    .limit(1),
);

/** Every /v1 request's read (§3: a revoked key fails at once), so its SQL is built once. */
export function activeApiKeyByHashQuery(db: Database, keyHash: string) {
  return activeApiKeyByHash(db, { keyHash });
}

export type ActiveApiKey = Awaited<ReturnType<typeof activeApiKeyByHashQuery>>[number];

export async function findActiveApiKeyByHash(db: Database, keyHash: string) {
  const [row] = await activeApiKeyByHashQuery(db, keyHash);
  return row;
}

export async function insertApiKey(db: Database, row: typeof apiKeys.$inferInsert) {
  await db.insert(apiKeys).values(row);
}

export async function listApiKeysByOrganization(db: Database, organizationId: string) {
  const order = newestFirst(apiKeys);
  return listRows(db, apiKeys, eq(apiKeys.organizationId, organizationId), order);
}

/** Returns whether a key of that organization was found (revoking twice is harmless). */
export async function revokeApiKey(
  db: Database,
  organizationId: string,
  keyId: string,
  at: number,
) {
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(
      and(
        eq(apiKeys.id, keyId),
        eq(apiKeys.organizationId, organizationId),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id });
  if (revoked.length > 0) return true;
  const [existing] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.organizationId, organizationId)));
  return existing !== undefined;
}
