import type { Context } from "hono";

/**
 * The route whose handler serves this request, or undefined for an unknown route. Hono matches
 * every handler up front, so middleware can ask before the handler runs; middleware itself is
 * registered as "ALL", a route handler never is.
 */
export function matchedHandlerRoute(c: Context) {
  return c.req.matchedRoutes.findLast((route) => route.method !== "ALL");
}
