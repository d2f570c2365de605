import type { z } from "@hono/zod-openapi";
import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import {
  type ErrorStatus,
  errorResponses,
  IdempotencyKeyHeaderSchema,
  jsonBodyOf,
  V1_READ_ERRORS,
  V1_WRITE_ERRORS,
} from "./openapi";
import { type RequiredLevel, requireScope, type ScopeResource } from "./scopes";

// Route declarations in one call each. The helpers only add fields to what createRoute gets,
// so Hono still infers params, query, body and response types from the route literal.

/** A route as a feature writes it: method, path, docs, request and its success responses. */
type RouteSpec = Omit<RouteConfig, "middleware" | "security">;

/** The scope a /v1 route requires, e.g. `experiences:write`. */
export type RouteAccess = `${ScopeResource}:${RequiredLevel}`;

/**
 * A /v1 route: the scope guard, and the error statuses every route of its level can answer
 * (a write without a body, such as DELETE, passes V1_READ_ERRORS).
 */
export function v1Route<const R extends RouteSpec>(
  access: RouteAccess,
  route: R,
  errors: ErrorStatus[] = access.endsWith(":write") ? V1_WRITE_ERRORS : V1_READ_ERRORS,
) {
  const [resource, level] = access.split(":") as [ScopeResource, RequiredLevel];
  return createRoute({
    ...route,
    middleware: [requireScope(resource, level)] as const,
    responses: { ...route.responses, ...errorResponses(...errors) },
  });
}

/** A route without an API key (/public, /admin): its security scheme and its error statuses. */
export function unscopedRoute<const R extends RouteSpec>(
  security: Array<Record<string, string[]>>,
  errors: ErrorStatus[],
  route: R,
) {
  return createRoute({
    ...route,
    security,
    responses: { ...route.responses, ...errorResponses(...errors) },
  });
}

/** The request of an idempotent POST (§7): the Idempotency-Key header and a JSON body. */
export function idempotentJsonBody<T extends z.ZodType>(schema: T) {
  return { headers: IdempotencyKeyHeaderSchema, ...jsonBodyOf(schema) };
}
