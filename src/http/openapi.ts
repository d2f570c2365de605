import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env";
import { ERROR_CODES } from "../errors";
import { PaginationSchema } from "./pagination";
import { validationHook } from "./validation";

/** Every feature router validates through the same hook, so every 400 has the §2 shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

export const ErrorSchema = z
  .object({
    error: z.string().openapi({ example: "Validation failed: name: Required" }),
    code: z.enum(ERROR_CODES).openapi({ example: "validation_failed" }),
    details: z.record(z.string(), z.unknown()).optional(),
    request_id: z.string().openapi({ example: "req_5f0c6f1e-8d0b-4a53-9a3e-6c1d1c2b9e77" }),
  })
  .openapi("Error");

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

/** A route's one success response, a JSON body: `responses: jsonResponse(200, dataOf(X), "…")`. */
export function jsonResponse<const S extends number, T extends z.ZodType>(
  status: S,
  schema: T,
  description: string,
) {
  return { [status]: jsonContent(schema, description) } as {
    [K in S]: ReturnType<typeof jsonContent<T>>;
  };
}

/** A success response whose body is `{ data: <schema> }`. */
export function dataResponse<const S extends number, T extends z.ZodType>(
  status: S,
  schema: T,
  description: string,
) {
  return jsonResponse(status, dataOf(schema), description);
}

/** A success response whose body is `{ data: <schema>[] }` (a list that is not paginated). */
export function listResponse<const S extends number, T extends z.ZodType>(
  status: S,
  schema: T,
  description: string,
) {
  return jsonResponse(status, listOf(schema), description);
}

/** A 200 whose body is a page: `{ data: <schema>[], pagination }`. */
export function pageResponse<T extends z.ZodType>(schema: T, description: string) {
  return jsonResponse(200, pageOf(schema), description);
}

/** The success response of a route that answers 204 with no body. */
export function noContent(description: string) {
  return { 204: { description } };
}

/** A required JSON request body (required, so an absent body is validated too). */
export function jsonBodyOf<T extends z.ZodType>(schema: T, description?: string) {
  return {
    body: {
      content: { "application/json": { schema } },
      required: true,
      ...(description ? { description } : {}),
    },
  };
}

export const dataOf = <T extends z.ZodType>(schema: T) => z.object({ data: schema });
export const listOf = <T extends z.ZodType>(schema: T) => z.object({ data: z.array(schema) });
export const pageOf = <T extends z.ZodType>(schema: T) =>
  z.object({ data: z.array(schema), pagination: PaginationSchema });

const errorDescriptions = {
  400: "Validation failed, invalid JSON or invalid Idempotency-Key",
  401: "Missing or invalid API key",
  403: "The API key lacks the required scope",
  404: "Not found (or belongs to another organization)",
  409: "Conflict",
  413: "Body over 64 KiB",
  415: "Body is not application/json",
  422: "Refused by a business rule",
  429: "Rate limited; see Retry-After",
} as const;

export type ErrorStatus = keyof typeof errorDescriptions;

/** OpenAPI entries for the error statuses a route can answer with. */
export function errorResponses(...statuses: ErrorStatus[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, jsonContent(ErrorSchema, errorDescriptions[status])]),
  ) as Record<ErrorStatus, ReturnType<typeof jsonContent<typeof ErrorSchema>>>;
}

/** Statuses every authenticated /v1 route can return. */
export const V1_READ_ERRORS: ErrorStatus[] = [400, 401, 403, 404, 429];
export const V1_WRITE_ERRORS: ErrorStatus[] = [400, 401, 403, 404, 409, 413, 415, 422, 429];
/** What a keyless /public write can answer: no 401/403, but its own per-IP 429. */
export const PUBLIC_WRITE_ERRORS: ErrorStatus[] = [400, 404, 409, 413, 415, 422, 429];

/** A request header the route reads when present, documented as a parameter. */
export function optionalHeaderSchema<const N extends string>(
  name: N,
  doc: { description: string; example: string },
) {
  const schema = z
    .string()
    .optional()
    .openapi({ param: { name, in: "header" }, ...doc });
  return z.object({ [name]: schema } as { [K in N]: typeof schema });
}

export const IdempotencyKeyHeaderSchema = optionalHeaderSchema("idempotency-key", {
  description:
    "1–255 visible ASCII characters (no spaces); a double-quoted value equals the bare key. A retry within 24 h of the first response replays its status, body, Content-Type and Location with `Idempotent-Replay: true`. The same key with another method, path or body → 422 `idempotency_key_reused`; while the first request runs → 409 `idempotent_request_in_progress` with `Retry-After: 1`. 400/401/403/413/415/429 and 5xx responses are not stored, so a corrected retry runs afresh.",
  example: "2f1c9a3e-booking-42",
});
