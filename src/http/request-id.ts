import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";

const VISIBLE_ASCII_1_TO_128 = /^[\x21-\x7e]{1,128}$/;

/** Echoes a well-formed caller X-Request-Id, else generates one (§1). */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const supplied = c.req.header("x-request-id");
  const id =
    supplied && VISIBLE_ASCII_1_TO_128.test(supplied) ? supplied : `req_${crypto.randomUUID()}`;
  c.set("requestId", id);
  await next();
  c.res.headers.set("X-Request-Id", id);
});
