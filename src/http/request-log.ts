import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";

/**
 * The route pattern that serves the request, even when middleware answered first (auth, body
 * rules, idempotency replays): Hono matches every handler up front, and middleware is "ALL".
 */
function routePatternOf(c: Context<AppEnv>): string {
  const route = c.req.matchedRoutes.findLast((r) => r.method !== "ALL");
  return route?.path ?? c.req.routePath;
}

/** One structured JSON line per request (§11). */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const startedAt = Date.now();
  await next();
  console.log(
    JSON.stringify({
      type: "request",
      method: c.req.method,
      route: routePatternOf(c),
      path: c.req.path,
      status: c.res.status,
      duration_ms: Date.now() - startedAt,
      request_id: c.get("requestId"),
      organization_id: c.get("organizationId") ?? null,
    }),
  );
});
