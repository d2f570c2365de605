import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { IdempotencyKeyReusedError, IdempotentRequestInProgressError } from "../idempotency/errors";
import { fingerprintOf } from "../idempotency/fingerprint";
import type { IdempotencyStore } from "../idempotency/idempotency-store";
import { parseIdempotencyKey } from "../idempotency/key";
import type { StoredResponse } from "../idempotency/record";
import {
  apiKeyScope,
  type IdempotencyScope,
  idempotencyObjectName,
  publicScope,
} from "../idempotency/scope";
import { matchedHandlerRoute } from "./matched-route";
import { clientIp } from "./rate-limit";
import { authOf } from "./scopes";

type IdempotencyStub = DurableObjectStub<IdempotencyStore>;

/**
 * Failures that are not the handler's answer (§7): the key is released so a corrected retry
 * runs afresh. Everything else below 500 that the handler threw or returned is stored.
 */
const RELEASED_STATUSES = new Set([400, 401, 403, 413, 415, 429]);

function isStorable(c: Context<AppEnv>): boolean {
  const { status } = c.res;
  if (status >= 500 || RELEASED_STATUSES.has(status)) return false;
  // A thrown error is stored only when it is a business error (404, 409, 422…). A 4xx with no
  // error behind it is the not-found handler: no route ran, so nothing is remembered.
  if (c.error) return c.error instanceof AppError;
  return status < 400;
}

async function captureResponse(c: Context<AppEnv>): Promise<StoredResponse> {
  const res = c.res;
  const body = await res.arrayBuffer();
  c.res = new Response(body, res);
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    location: res.headers.get("location"),
    body,
  };
}

function replayResponse(stored: StoredResponse): Response {
  const headers = new Headers({ "Idempotent-Replay": "true" });
  if (stored.contentType) headers.set("Content-Type", stored.contentType);
  if (stored.location) headers.set("Location", stored.location);
  return new Response(stored.body, { status: stored.status, headers });
}

/**
 * After the handler: store its response or release the key. A Durable Object failure here is
 * logged, not surfaced: the work is done, and the lease plus the D1 crash-safety row make a
 * retry safe.
 */
async function settle(c: Context<AppEnv>, store: IdempotencyStub, fingerprint: string) {
  try {
    if (isStorable(c)) {
      await store.complete(fingerprint, await captureResponse(c), Date.now());
    } else {
      await store.release(fingerprint);
    }
  } catch (err) {
    console.error(
      JSON.stringify({
        type: "idempotency_settle_failed",
        request_id: c.get("requestId"),
        message: err instanceof Error ? err.message : String(err),
      }),
    );
  }
}

/**
 * §7 for POST: runs the request at most once per (scope, Idempotency-Key) and replays its
 * response for 24 h. Mounted after auth, rate limit and the JSON body checks, so their
 * failures never touch the key; schema validation (400) runs inside the route and releases it.
 */
export function idempotency(scopeOf: (c: Context<AppEnv>) => string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // Unknown routes answer 404 without touching a key.
    if (c.req.method !== "POST" || !matchedHandlerRoute(c)) return next();
    const key = parseIdempotencyKey(c.req.header("idempotency-key"));
    if (key === undefined) return next();

    const scope: IdempotencyScope = { scope: scopeOf(c), key };
    const fingerprint = await fingerprintOf(c.req.method, c.req.path, c.get("rawBody"));
    const store: IdempotencyStub = c.env.IDEMPOTENCY.getByName(idempotencyObjectName(scope));
    const begun = await store.begin(fingerprint, Date.now());
    if (begun.outcome === "replay") return replayResponse(begun.response);
    if (begun.outcome === "mismatch") throw new IdempotencyKeyReusedError();
    if (begun.outcome === "in_progress") throw new IdempotentRequestInProgressError();

    c.set("idempotency", scope);
    try {
      await next();
    } catch (err) {
      // Hono normally turns handler errors into c.res via onError; this covers anything else.
      await store.release(fingerprint).catch(() => undefined);
      throw err;
    }
    await settle(c, store, fingerprint);
  });
}

export const apiIdempotency = idempotency((c) => apiKeyScope(authOf(c).apiKeyId));
export const publicIdempotency = idempotency((c) => publicScope(clientIp(c), c.req.path));
