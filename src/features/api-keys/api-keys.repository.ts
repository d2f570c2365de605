import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { listRows } from "../../db/queries";
import { apiKeys, type ScopeMap } from "../../db/schema";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

// Written out rather than built: it runs before every /v1 request, and drizzle would build the
// same join again each time. The columns are those of the api_keys and organizations tables.
const ACTIVE_KEY_BY_HASH = `SELECT k.id, k.organization_id, o.timezone, k.scopes
  FROM "api_keys" k JOIN "organizations" o ON o.id = k.organization_id
  WHERE k.key_hash = ?1 AND k.revoked_at IS NULL LIMIT 1`;

interface ActiveKeyRow {
  id: string;
  organization_id: string;
  timezone: string;
  scopes: string;
}

/** The unrevoked key with this hash and its organization's zone, or undefined. */
export async function findActiveApiKeyByHash(db: Database, keyHash: string) {
  const row = await db.$client.prepare(ACTIVE_KEY_BY_HASH).bind(keyHash).first<ActiveKeyRow>();
  if (!row) return undefined;
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationTimezone: row.timezone,
    scopes: JSON.parse(row.scopes) as ScopeMap,
  };
}

export async function insertApiKey(db: Database, row: typeof apiKeys.$inferInsert) {
  await db.insert(apiKeys).values(row);
}

export async function listApiKeysByOrganization(db: Database, organizationId: string) {
  const order = [desc(apiKeys.createdAt), desc(apiKeys.id)];
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
