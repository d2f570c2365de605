import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { InvalidApiKeyError, MissingApiKeyError } from "../errors";
import { findActiveApiKeyByHash } from "../features/api-keys/api-keys.repository";
import { sha256Hex } from "../lib/crypto";
import { matchedHandlerRoute } from "./matched-route";
import { enforceRateLimit } from "./rate-limit";

/** The presented API key: X-API-KEY, else `Authorization: Bearer <key>` (§3). */
export function readPresentedKey(headers: {
  header(name: string): string | undefined;
}): string | undefined {
  const direct = headers.header("x-api-key")?.trim();
  if (direct) return direct;
  const match = /^Bearer\s+(.+)$/i.exec(headers.header("authorization") ?? "");
  return match?.[1]?.trim() || undefined;
}

/**
 * Authenticates /v1 requests. The rate limit is keyed by the key's hash before the D1 lookup,
 * so a flood of wrong keys is limited as well and costs no query.
 */
export const apiKeyAuth = createMiddleware<AppEnv>(async (c, next) => {
  // An unknown route is 404 for everyone (§2), with or without a key: the routes are public in
  // the OpenAPI document anyway.
  if (!matchedHandlerRoute(c)) return next();
  const presented = readPresentedKey(c.req);
  if (!presented) throw new MissingApiKeyError();
  const hash = await sha256Hex(presented);
  await enforceRateLimit(c.env, `key:${hash}`);

  // §3's constant-time comparison is this lookup by hash: what a timing attack could learn is
  // how much of a SHA-256 digest matched an indexed row, and the digest of a guess says nothing
  // about any other key's characters. A compare after a lookup by the same hash could never fail.
  const found = await findActiveApiKeyByHash(c.get("db"), hash);
  if (!found) throw new InvalidApiKeyError();

  c.set("auth", {
    apiKeyId: found.id,
    organizationId: found.organizationId,
    organizationTimezone: found.organizationTimezone,
    scopes: found.scopes,
  });
  c.set("organizationId", found.organizationId);
  await next();
});
