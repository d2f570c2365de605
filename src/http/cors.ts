import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";

// §16: the public routes (booking API, calendar feeds) are for any origin's browser code; they
// take no credentials, so `*` is safe. /v1 gets none of this: its keys must stay server-side.
const ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS";
const ALLOWED_HEADERS = "content-type, idempotency-key";
// Headers a browser script may read from the answers: the request id for support, the
// replay marker, the rate limit's wait, the created resource and the feed's validator.
const EXPOSED_HEADERS = "X-Request-Id, Idempotent-Replay, Retry-After, Location, ETag";
const PREFLIGHT_MAX_AGE_SECONDS = "86400";

/** CORS for `/public/*`: every answer (errors included) allows any origin; OPTIONS is a 204 preflight. */
export const publicCors = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === "OPTIONS") {
    return c.body(null, 204, {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": ALLOWED_METHODS,
      "Access-Control-Allow-Headers": ALLOWED_HEADERS,
      "Access-Control-Max-Age": PREFLIGHT_MAX_AGE_SECONDS,
    });
  }
  await next();
  c.res.headers.set("Access-Control-Allow-Origin", "*");
  c.res.headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
});
