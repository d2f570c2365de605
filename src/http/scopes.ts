import { createMiddleware } from "hono/factory";
import type { ApiAuth, AppEnv } from "../app-env";
import type { ScopeMap } from "../db/schema";
import { InsufficientScopeError, MissingApiKeyError } from "../errors";

export type ScopeResource = keyof ScopeMap;
export type RequiredLevel = "read" | "write";

export function hasScope(scopes: ScopeMap, resource: ScopeResource, level: RequiredLevel) {
  const granted = scopes[resource];
  return granted === "write" || (level === "read" && granted === "read");
}

/** Route guard: 403 insufficient_scope with details.required such as `experiences:write`. */
export function requireScope(resource: ScopeResource, level: RequiredLevel) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const auth = c.get("auth");
    if (!auth) throw new MissingApiKeyError();
    if (!hasScope(auth.scopes, resource, level)) {
      throw new InsufficientScopeError(`${resource}:${level}`);
    }
    await next();
  });
}

/** The authenticated caller; only valid behind apiKeyAuth. */
export function authOf(c: { get(key: "auth"): ApiAuth | undefined }): ApiAuth {
  const auth = c.get("auth");
  if (!auth) throw new MissingApiKeyError();
  return auth;
}
