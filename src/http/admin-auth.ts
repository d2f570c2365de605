import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { InvalidApiKeyError, MissingApiKeyError, NotFoundError } from "../errors";
import { constantTimeEqual } from "../lib/crypto";

/**
 * Guards the operator API with ADMIN_TOKEN. Without a configured token the whole /admin tree
 * answers 404, so an unconfigured deployment does not even reveal that it exists.
 */
export const adminAuth = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  if (!expected) throw new NotFoundError(`No route for ${c.req.method} ${c.req.path}`);
  const match = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "");
  const presented = match?.[1]?.trim();
  if (!presented) throw new MissingApiKeyError();
  if (!constantTimeEqual(presented, expected)) throw new InvalidApiKeyError();
  await next();
});
