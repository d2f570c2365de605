import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { matchedHandlerRoute } from "./matched-route";

/** The route pattern, even when middleware answered first (auth, body rules, replays). */
function routePatternOf(c: Context<AppEnv>): string {
  return matchedHandlerRoute(c)?.path ?? c.req.routePath;
}

/**
 * One structured JSON line per request (§11), at level "info": it is routine, not a warning, and
 * Workers Logs files it so. (wrangler dev also prints an info line as is, where a plain
 * console.log line is first searched for stack frames to source-map, on every request.)
 */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const startedAt = Date.now();
  await next();
  console.info(
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
