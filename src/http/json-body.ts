import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env";
import { InvalidJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors";

export const MAX_BODY_BYTES = 64 * 1024;
// Exactly application/json, optionally with charset=utf-8 (quoted or not, any case): §1 asks
// for JSON, and a body in another charset or a JSON dialect (merge-patch, JSON:API) would be
// read with the wrong meaning.
const JSON_MEDIA_TYPE = /^application\/json\s*(;\s*charset\s*=\s*("utf-8"|utf-8)\s*)?$/i;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/**
 * Enforces §1 for every request body before any route runs: at most 64 KiB, application/json,
 * valid JSON. The parsed value is put in Hono's body cache so validators do not parse twice,
 * and the raw bytes are kept for the idempotency fingerprint. An empty body counts as `{}`.
 */
export const jsonBody = createMiddleware<AppEnv>(async (c, next) => {
  if (!BODY_METHODS.has(c.req.method)) return next();

  const declaredLength = Number(c.req.header("content-length") ?? "0");
  if (declaredLength > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);

  const bytes = new Uint8Array(await c.req.raw.clone().arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  c.set("rawBody", bytes);

  const mediaType = (c.req.header("content-type") ?? "").trim();
  if (bytes.byteLength === 0) {
    if (mediaType === "" || JSON_MEDIA_TYPE.test(mediaType)) {
      c.req.bodyCache.json = Promise.resolve({});
      return next();
    }
    throw new UnsupportedMediaTypeError();
  }
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw new UnsupportedMediaTypeError();

  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new InvalidJsonError();
  }
  c.req.bodyCache.json = Promise.resolve(parsed);
  await next();
});
