import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";

/** One structured JSON line per request (§11). */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const startedAt = Date.now();
  await next();
  console.log(
    JSON.stringify({
      type: "request",
      method: c.req.method,
      route: c.req.routePath,
      path: c.req.path,
      status: c.res.status,
      duration_ms: Date.now() - startedAt,
      request_id: c.get("requestId"),
      organization_id: c.get("organizationId") ?? null,
    }),
  );
});
