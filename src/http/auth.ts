import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { InvalidApiKeyError, MissingApiKeyError } from "../errors";
import { sha256Hex } from "../lib/crypto";
import { lookUpApiKey, noteKeyAuthenticated, noteKeyLimited } from "./early-reads";
import { matchedHandlerRoute } from "./matched-route";
import { enforceRateLimit, RATE_LIMIT_PERIOD_SECONDS } from "./rate-limit";

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
 * Authenticates /v1 requests. The rate limit is keyed by the key's hash, so a flood of wrong
 * keys is limited as well; it is asked while D1 looks the key up (one wait instead of two on
 * every request), and its answer comes first: a limited caller gets 429 whether the key is
 * valid or not.
 */
export const apiKeyAuth = createMiddleware<AppEnv>(async (c, next) => {
  // An unknown route is 404 for everyone (§2), with or without a key: the routes are public in
  // the OpenAPI document anyway.
  if (!matchedHandlerRoute(c)) return next();
  const presented = readPresentedKey(c.req);
  if (!presented) throw new MissingApiKeyError();
  const hash = await sha256Hex(presented);
  // §3's constant-time comparison is this lookup by hash: what a timing attack could learn is
  // how much of a SHA-256 digest matched an indexed row, and the digest of a guess says nothing
  // about any other key's characters. A compare after a lookup by the same hash could never fail.
  const [limited, found] = await Promise.allSettled([
    enforceRateLimit(c.env, `key:${hash}`),
    lookUpApiKey(c, hash, Date.now()),
  ]);
  if (limited.status === "rejected") {
    noteKeyLimited(hash, Date.now() + RATE_LIMIT_PERIOD_SECONDS * 1000);
    throw limited.reason;
  }
  if (found.status === "rejected") throw found.reason;
  if (!found.value) throw new InvalidApiKeyError();

  const key = found.value;
  const auth = {
    apiKeyId: key.id,
    organizationId: key.organizationId,
    organizationTimezone: key.organizationTimezone,
    scopes: key.scopes,
  };
  c.set("auth", auth);
  noteKeyAuthenticated(hash, auth);
  c.set("organizationId", key.organizationId);
  await next();
});
