import type { Database } from "../../db/client";
import type { ScopeMap } from "../../db/schema";
import { NotFoundError, orNotFound } from "../../errors";
import { sha256Hex } from "../../lib/crypto";
import { newId, randomBase62 } from "../../lib/ids";
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
import { presentApiKey, presentOrganization } from "./admin.presenter";
import type { CreateApiKeyBody, CreateOrganizationBody } from "./admin.schemas";

const KEY_PREFIX = "bk_live_";
const KEY_RANDOM_LENGTH = 40;
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 4;

export interface CreateOrganizationInput {
  body: CreateOrganizationBody;
  now: number;
}

export async function createOrganization(db: Database, input: CreateOrganizationInput) {
  const org: OrganizationRow = {
    id: newId("org"),
    name: input.body.name,
    timezone: input.body.timezone,
    createdAt: input.now,
  };
  await insertOrganizationWithGeneralSpace(db, org);
  return presentOrganization(org);
}

async function requireOrganization(db: Database, organizationId: string) {
  return orNotFound(await findOrganizationById(db, organizationId), "Organization");
}

export interface CreateApiKeyInput {
  organizationId: string;
  body: CreateApiKeyBody;
  now: number;
}

/** Creates a key; the secret is returned once and only its SHA-256 is stored (§3). */
export async function createApiKey(db: Database, input: CreateApiKeyInput) {
  const { organizationId, body, now } = input;
  await requireOrganization(db, organizationId);
  const secret = `${KEY_PREFIX}${randomBase62(KEY_RANDOM_LENGTH)}`;
  const scopes: ScopeMap = {
    experiences: body.scopes.experiences ?? "none",
    bookings: body.scopes.bookings ?? "none",
    spaces: body.scopes.spaces ?? "none",
    webhooks: body.scopes.webhooks ?? "none",
  };
  const row: ApiKeyRow = {
    id: newId("key"),
    organizationId,
    name: body.name,
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

export interface DeleteApiKeyInput {
  organizationId: string;
  keyId: string;
  now: number;
}

export async function deleteApiKey(db: Database, input: DeleteApiKeyInput) {
  const found = await revokeApiKey(db, input.organizationId, input.keyId, input.now);
  if (!found) throw new NotFoundError("API key not found");
}
