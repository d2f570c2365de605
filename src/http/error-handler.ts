import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import type { AppEnv } from "../app-env";
import {
  AppError,
  InternalError,
  InvalidJsonError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from "../errors";
import { MAX_BODY_BYTES } from "./json-body";
import { validationErrorFromIssues } from "./validation";

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return validationErrorFromIssues(err.issues);
  if (err instanceof HTTPException) {
    if (err.status === 400) return new InvalidJsonError();
    if (err.status === 404) return new NotFoundError();
    if (err.status === 413) return new PayloadTooLargeError(MAX_BODY_BYTES);
    if (err.status === 415) return new UnsupportedMediaTypeError();
  }
  return new InternalError();
}

/** The §2 envelope for every error; nothing internal (stack, SQL) ever reaches the client. */
export function errorResponse(c: Context<AppEnv>, err: AppError): Response {
  const requestId = c.get("requestId");
  const body: Record<string, unknown> = { error: err.message, code: err.code };
  if (err.details && Object.keys(err.details).length > 0) body.details = err.details;
  body.request_id = requestId;
  const res = c.json(body, err.status);
  for (const [name, value] of Object.entries(err.headers ?? {})) res.headers.set(name, value);
  res.headers.set("X-Request-Id", requestId);
  return res;
}

export function handleError(err: unknown, c: Context<AppEnv>): Response {
  const appError = toAppError(err);
  if (appError.status >= 500) {
    console.error(
      JSON.stringify({
        type: "error",
        request_id: c.get("requestId"),
        route: c.req.routePath,
        message: err instanceof Error ? err.message : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      }),
    );
  }
  return errorResponse(c, appError);
}

export function handleNotFound(c: Context<AppEnv>): Response {
  return errorResponse(c, new NotFoundError(`No route for ${c.req.method} ${c.req.path}`));
}
