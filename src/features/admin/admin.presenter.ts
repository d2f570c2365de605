import { toIso, toIsoOrNull } from "../../lib/time";
import type { ApiKeyRow } from "../api-keys/api-keys.repository";
import type { OrganizationRow } from "../organizations/organizations.repository";

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
