import type { Context } from "hono";
import type { ApiAuth, AppEnv } from "../app-env";
import type { Statement } from "../db/write-batch";
import {
  type ActiveApiKey,
  activeApiKeyByHashQuery,
  findActiveApiKeyByHash,
} from "../features/api-keys/api-keys.repository";
import { matchedHandlerRoute } from "./matched-route";

/**
 * Reads a /v1 route may send in one D1 batch with its request's API key lookup. The lookup
 * stays on every request (§3: a revoked key fails at once), so the hottest read would otherwise
 * cost two round trips, one after the other. An early read assumes what this isolate last saw
 * the same key authenticate as; the handler takes its rows only when the lookup in the same
 * batch confirms that (same key, organization and zone), and reads afresh otherwise. A key this
 * isolate has not seen authenticate, or saw rate limited, starts nothing: a flood of wrong keys
 * costs no more than its lookups.
 */
export interface PlannedRead<T> {
  statements: Statement[];
  /** What the handler gets from the statements' results; undefined to read afresh. */
  resultOf(results: readonly unknown[]): T | undefined;
}

export type EarlyRead = (c: Context<AppEnv>, assumed: ApiAuth) => PlannedRead<unknown> | undefined;

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

function plannedReadOf(c: Context<AppEnv>, seen: SeenKey | undefined, now: number) {
  const route = matchedHandlerRoute(c);
  const read = route && readsByRoute.get(route.path);
  if (!seen || !read || now < seen.limitedUntil) return undefined;
  return read(c, seen.auth);
}

/**
 * The key lookup of this request: alone, or in one batch with the matched route's early read
 * when the key is known here (its results kept for earlyReadOf).
 */
export async function lookUpApiKey(
  c: Context<AppEnv>,
  keyHash: string,
  now: number,
): Promise<ActiveApiKey | undefined> {
  const db = c.get("db");
  const seen = seenKeys.get(keyHash);
  const planned = plannedReadOf(c, seen, now);
  if (!seen || !planned) return findActiveApiKeyByHash(db, keyHash);
  const batch = db.batch([activeApiKeyByHashQuery(db, keyHash), ...planned.statements]);
  const result = batch.then(([, ...results]) => planned.resultOf(results));
  startedReads.set(c, { assumed: seen.auth, result: result.catch(() => undefined) });
  // The route's statements must never cost the request its authentication.
  return batch.then(
    ([keys]) => keys[0],
    () => findActiveApiKeyByHash(db, keyHash),
  );
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
