import type { Database } from "../../db/client";
import type { ScopeMap } from "../../db/schema";
import { NotFoundError } from "../../errors";
import { sha256Hex } from "../../lib/crypto";
import { newId, randomBase62 } from "../../lib/ids";
import { toIso, toIsoOrNull } from "../../lib/time";
import {
  type ApiKeyRow,
  insertApiKey,
  listApiKeysByOrganization,
  revokeApiKey,
} from "../api-keys/api-keys.repository";
import {
  findOrganizationById,
  insertOrganizationWithGeneralSpace,
  type OrganizationRow,
} from "../organizations/organizations.repository";
import type { CreateApiKeyBody, CreateOrganizationBody } from "./admin.schemas";

const KEY_PREFIX = "bk_live_";
const KEY_RANDOM_LENGTH = 40;
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 4;

export function presentOrganization(org: OrganizationRow) {
  return { id: org.id, name: org.name, timezone: org.timezone, created_at: toIso(org.createdAt) };
}

export function presentApiKey(key: ApiKeyRow) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    // Keys created before §12 have no webhooks entry: it reads as none.
    scopes: { webhooks: "none" as const, ...key.scopes },
    created_at: toIso(key.createdAt),
    revoked_at: toIsoOrNull(key.revokedAt),
  };
}

export async function createOrganization(db: Database, input: CreateOrganizationBody, now: number) {
  const org: OrganizationRow = {
    id: newId("org"),
    name: input.name,
    timezone: input.timezone,
    createdAt: now,
  };
  await insertOrganizationWithGeneralSpace(db, org);
  return presentOrganization(org);
}

async function requireOrganization(db: Database, organizationId: string) {
  const org = await findOrganizationById(db, organizationId);
  if (!org) throw new NotFoundError("Organization not found");
  return org;
}

/** Creates a key; the secret is returned once and only its SHA-256 is stored (§3). */
export async function createApiKey(
  db: Database,
  organizationId: string,
  input: CreateApiKeyBody,
  now: number,
) {
  await requireOrganization(db, organizationId);
  const secret = `${KEY_PREFIX}${randomBase62(KEY_RANDOM_LENGTH)}`;
  const scopes: ScopeMap = {
    experiences: input.scopes.experiences ?? "none",
    bookings: input.scopes.bookings ?? "none",
    spaces: input.scopes.spaces ?? "none",
    webhooks: input.scopes.webhooks ?? "none",
  };
  const row: ApiKeyRow = {
    id: newId("key"),
    organizationId,
    name: input.name,
    prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
    keyHash: await sha256Hex(secret),
    scopes,
    createdAt: now,
    revokedAt: null,
  };
  await insertApiKey(db, row);
  return { ...presentApiKey(row), key: secret };
}

export async function listApiKeys(db: Database, organizationId: string) {
  await requireOrganization(db, organizationId);
  const rows = await listApiKeysByOrganization(db, organizationId);
  return rows.map(presentApiKey);
}

export async function deleteApiKey(
  db: Database,
  organizationId: string,
  keyId: string,
  now: number,
) {
  const found = await revokeApiKey(db, organizationId, keyId, now);
  if (!found) throw new NotFoundError("API key not found");
}
