import type { z } from "@hono/zod-openapi";
import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { EmptyBodySchema } from "./common-schemas";
import {
  type ErrorStatus,
  errorResponses,
  IdempotencyKeyHeaderSchema,
  jsonBodyOf,
  V1_READ_ERRORS,
  V1_WRITE_ERRORS,
} from "./openapi";
import { type RequiredLevel, requireScope, type ScopeResource } from "./scopes";

// Route declarations in one call each. The group only adds fields to what createRoute gets (and
// moves `params` and `query` into its `request`), so Hono still infers params, query, body and
// response types from the route literal.

/** A route as a feature writes it: method, path, docs, request and its success responses. */
type RouteSpec = Omit<RouteConfig, "middleware" | "security">;
export type Method = "get" | "post" | "put" | "patch" | "delete";
export type Security = Array<Record<string, string[]>>;
type RouteRequest = NonNullable<RouteConfig["request"]>;
/** What a route of a group declares: its docs, the schemas of its path parameters and query
 * string, the rest of its request (body, headers), success responses and, if need be, the error
 * statuses it answers (else the group's default for its method). */
export type RouteDoc = Omit<RouteSpec, "method" | "path" | "tags"> & {
  params?: RouteRequest["params"];
  query?: RouteRequest["query"];
  errors?: ErrorStatus[];
};
/** The request createRoute gets: `params` and `query` joined to the declared rest. */
export type RequestOf<D extends RouteDoc> = (D extends { params: infer S } ? { params: S } : None) &
  (D extends { query: infer S } ? { query: S } : None) &
  (D extends { request: infer R } ? R : None);
type None = Record<never, never>;

function requestOf<const D extends RouteDoc>({ params, query, request }: D) {
  const joined = { ...(params ? { params } : {}), ...(query ? { query } : {}), ...request };
  // A route without any keeps no `request` (the document stays as written).
  return (Object.keys(joined).length ? { request: joined } : {}) as { request: RequestOf<D> };
}

/** What a group adds to each route of a method: a scope guard or a security scheme. */
interface GroupAccess {
  middleware?: MiddlewareHandler<AppEnv>[];
  security?: Security;
  errors?: ErrorStatus[];
}

function routeGroup(tag: string, accessOf: (method: Method) => GroupAccess) {
  const tags = [tag];
  const declare =
    <const M extends Method>(method: M) =>
    <const P extends string, const D extends RouteDoc>(path: P, declared: D) => {
      const { errors, params: _params, query: _query, request: _request, ...doc } = declared;
      const { errors: defaultErrors, ...access } = accessOf(method);
      const statuses = errors ?? defaultErrors;
      if (!statuses) throw new Error(`${method} ${path}: the route must name its error statuses`);
      return createRoute({
        method,
        path,
        tags,
        ...doc,
        ...requestOf(declared),
        ...access,
        responses: { ...doc.responses, ...errorResponses(...statuses) },
      });
    };
  return {
    get: declare("get"),
    post: declare("post"),
    put: declare("put"),
    patch: declare("patch"),
    delete: declare("delete"),
  };
}

/**
 * The /v1 routes of one feature: its tag, and the scope resource they require. A GET requires
 * `<resource>:read` (403 insufficient_scope otherwise), every other method `<resource>:write`.
 * Writes answer the write error statuses, except a DELETE (no body) and reads the read ones.
 */
export function v1Routes(tag: string, resource: ScopeResource) {
  return routeGroup(tag, (method) => {
    const level: RequiredLevel = method === "get" ? "read" : "write";
    return {
      middleware: [requireScope(resource, level)],
      errors: level === "read" || method === "delete" ? V1_READ_ERRORS : V1_WRITE_ERRORS,
    };
  });
}

/** Routes without an API key (/public, /admin): one security scheme; each names its errors. */
export function unscopedRoutes(tag: string, security: Security) {
  return routeGroup(tag, () => ({ security }));
}

/** /public routes: no API key at all, the public API is limited per client IP (§11) instead. */
export function keylessRoutes(tag: string) {
  return unscopedRoutes(tag, []);
}

/** The request of an idempotent POST (§7): the Idempotency-Key header and a JSON body. */
export function idempotentJsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { headers: IdempotencyKeyHeaderSchema, ...jsonBodyOf(schema, description) };
}

/** An idempotent POST that takes no fields: an empty body or `{}` (a stray field is a 400). */
export function idempotentEmptyBody<T extends z.ZodType = typeof EmptyBodySchema>(
  schema: T = EmptyBodySchema as z.ZodType as T,
) {
  return idempotentJsonBody(schema, "No fields; the body may be empty");
}

/** An idempotent POST whose JSON body may be left out altogether. */
export function idempotentOptionalBody<T extends z.ZodType>(schema: T) {
  const body = { content: { "application/json": { schema } }, required: false as const };
  return { headers: IdempotencyKeyHeaderSchema, body };
}
