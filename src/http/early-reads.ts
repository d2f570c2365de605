import type { Context } from "hono";
import type { ApiAuth, AppEnv } from "../app-env";
import { matchedHandlerRoute } from "./matched-route";

/**
 * Reads a /v1 route may start while its request's API key is still being looked up. The lookup
 * stays on every request (§3: a revoked key fails at once), so the hottest read would otherwise
 * wait for two D1 round trips one after the other. An early read assumes what this isolate last
 * saw the same key authenticate as; the handler takes it only when the lookup agrees (same key,
 * organization and zone), and reads afresh otherwise. A key this isolate has not seen
 * authenticate, or one it saw rate limited, starts nothing: a flood of wrong keys costs no read.
 */
export type EarlyRead = (c: Context<AppEnv>, assumed: ApiAuth) => Promise<unknown>;

const readsByRoute = new Map<string, EarlyRead>();

/** `routePath` as Hono matches it, e.g. "/v1/experiences/:id/slots". */
export function registerEarlyRead(routePath: string, read: EarlyRead): void {
  readsByRoute.set(routePath, read);
}

interface SeenKey {
  auth: ApiAuth;
  limitedUntil: number;
}

const MAX_SEEN_KEYS = 1024;
const seenKeys = new Map<string, SeenKey>();

interface Started {
  assumed: ApiAuth;
  result: Promise<unknown>;
}

const startedReads = new WeakMap<Context, Started>();

/** Starts the matched route's early read, if it has one and the key is known here. */
export function startEarlyRead(c: Context<AppEnv>, keyHash: string, now: number): void {
  const seen = seenKeys.get(keyHash);
  const route = matchedHandlerRoute(c);
  const read = route && readsByRoute.get(route.path);
  if (!seen || !read || now < seen.limitedUntil) return;
  // A failed early read is only a lost head start: the handler reads again and reports it.
  const result = read(c, seen.auth).catch(() => undefined);
  startedReads.set(c, { assumed: seen.auth, result });
}

/** Remembers what the key authenticated as, for the next request's early read. */
export function noteKeyAuthenticated(keyHash: string, auth: ApiAuth): void {
  seenKeys.delete(keyHash);
  seenKeys.set(keyHash, { auth, limitedUntil: 0 });
  if (seenKeys.size > MAX_SEEN_KEYS) {
    const oldest = seenKeys.keys().next().value;
    if (oldest !== undefined) seenKeys.delete(oldest);
  }
}

/** A rate-limited key starts no early read until its window is over. */
export function noteKeyLimited(keyHash: string, until: number): void {
  const seen = seenKeys.get(keyHash);
  if (seen) seen.limitedUntil = until;
}

/** The early read of this request, if one was started on assumptions the lookup confirmed. */
export function earlyReadOf<T>(
  c: Context<AppEnv>,
  auth: ApiAuth,
): Promise<T | undefined> | undefined {
  const started = startedReads.get(c);
  if (!started) return undefined;
  const { assumed } = started;
  const confirmed =
    assumed.apiKeyId === auth.apiKeyId &&
    assumed.organizationId === auth.organizationId &&
    assumed.organizationTimezone === auth.organizationTimezone;
  return confirmed ? (started.result as Promise<T | undefined>) : undefined;
}
