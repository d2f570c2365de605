import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { RateLimitedError } from "../errors";

/** The binding's window (wrangler.toml `period`); a blocked caller may retry after it. */
export const RATE_LIMIT_PERIOD_SECONDS = 10;

export async function enforceRateLimit(env: Env, key: string): Promise<void> {
  const { success } = await env.RATE_LIMITER.limit({ key });
  if (!success) throw new RateLimitedError(RATE_LIMIT_PERIOD_SECONDS);
}

export function clientIp(c: { req: { header(name: string): string | undefined } }): string {
  return (
    c.req.header("cf-connecting-ip") ??
    c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ??
    "unknown"
  );
}

/** Per client IP, for the public API and the booking page (§11). */
export const rateLimitByIp = createMiddleware<AppEnv>(async (c, next) => {
  await enforceRateLimit(c.env, `ip:${clientIp(c)}`);
  await next();
});
