import type { RouteConfig, RouteHandler, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiAuth, AppEnv } from "../app-env";
import type { Database } from "../db/client";
import { encryptionKeyOf } from "../lib/encryption-key";
import { createRouter, type ErrorStatus } from "./openapi";
import { authOf } from "./scopes";

// Most routes validate, call one service and send its result with their one success status.
// `answer(route, run)` keeps only the middle step: `run` gets the request as a typed view (its
// path parameters, query and body as the route's schemas parse them) and returns the body; the
// status comes from the route's declared success response. Feature tables reach it through
// `route.get(path, doc, run)` (route-table.ts); a router mixing groups uses `answer` and
// `handled` with `routerOf` directly (calendar.routes.ts). Routes that set headers or answer in
// more than one way (slots' 304, calendars, pages) keep Hono's own `(c) => Response` form.

/** What the handler's types are read from: a route's request and its responses. */
export interface RouteShape {
  request?: object;
  responses: object;
}

type Request<R extends RouteShape> = NonNullable<R["request"]>;
type Part<R extends RouteShape, K extends string> =
  Request<R> extends Record<K, infer S> ? S : never;
type Parsed<S> = S extends z.ZodType ? z.output<S> : never;
type JsonBodyOf<R extends RouteShape> =
  Request<R> extends {
    body: { content: { "application/json": { schema: infer S } } };
  }
    ? Parsed<S>
    : never;

type SuccessStatus<R extends RouteShape> = Exclude<keyof R["responses"], ErrorStatus>;
type SuccessResponse<R extends RouteShape> = R["responses"][SuccessStatus<R>];
type SuccessBody<R extends RouteShape> =
  SuccessResponse<R> extends {
    content: { "application/json": { schema: infer S } };
  }
    ? z.input<S & z.ZodType>
    : unknown;
/** What `run` returns: the `data` of a `{ data }` body (the answer wraps it), else the body. */
export type AnswerOf<R extends RouteShape> =
  SuccessBody<R> extends { data: infer D }
    ? Exclude<keyof SuccessBody<R>, "data"> extends never
      ? D
      : SuccessBody<R>
    : SuccessBody<R>;

/** The request as one route's handler sees it. Fields are read when first used. */
export interface RouteRequest<R extends RouteShape> {
  /** The Hono context, for what the view does not name. */
  c: Context<AppEnv>;
  db: Database;
  /** One clock reading for the whole request (§7 WriteRequest.now). */
  now: number;
  param: Parsed<Part<R, "params">>;
  query: Parsed<Part<R, "query">>;
  json: JsonBodyOf<R>;
  /** The /v1 caller (reading it on a keyless route is a 401). */
  auth: ApiAuth;
  orgId: string;
  /** What every write service takes: the clock and the §7 idempotency scope. */
  write: WriteRequest;
  /** A /v1 write's request: the clock, the idempotency scope and the caller's organization. */
  v1Write: WriteRequest & { organizationId: string };
  /** What a write that mails the customer needs for the manage link: the key and this origin. */
  customerMail: { encryptionKey: string | undefined; origin: string };
  /** Names the organization a keyless request acted for in its log line; returns `result`. */
  actingFor<T extends { organizationId: string }>(result: T): T;
}

type WriteRequest = { now: number; idempotency: AppEnv["Variables"]["idempotency"] };

export function routeRequestOf<R extends RouteShape>(c: Context<AppEnv>): RouteRequest<R> {
  const now = Date.now();
  const valid = (target: "param" | "query" | "json") => c.req.valid(target as never) as never;
  return {
    c,
    db: c.get("db"),
    now,
    get param() {
      return valid("param");
    },
    get query() {
      return valid("query");
    },
    get json() {
      return valid("json");
    },
    get auth() {
      return authOf(c);
    },
    get orgId() {
      return authOf(c).organizationId;
    },
    get write() {
      return { now, idempotency: c.get("idempotency") };
    },
    get v1Write() {
      return { ...this.write, organizationId: authOf(c).organizationId };
    },
    get customerMail() {
      return { encryptionKey: encryptionKeyOf(c.env), origin: new URL(c.req.url).origin };
    },
    actingFor(result) {
      c.set("organizationId", result.organizationId);
      return result;
    },
  };
}

/** One router of the answered routes, in order (each validated through the §2 hook). */
export function routerOf(...routes: AnsweredRoute[]) {
  const router = createRouter();
  for (const { route, handler } of routes) router.openapi(route, handler as never);
  return router;
}

/** A route and its handler, ready for `router.openapi(route, handler)` (see `routerOf`). */
export interface AnsweredRoute {
  route: RouteConfig;
  handler: (c: Context<AppEnv>) => Promise<Response>;
}

/** A route with Hono's own handler, for one that sets headers or answers in several ways. */
export function handled<R extends RouteConfig>(
  route: R,
  handler: RouteHandler<R, AppEnv>,
): AnsweredRoute {
  return { route, handler: handler as unknown as AnsweredRoute["handler"] };
}

/** A route whose handler returns its success body (or, for a `{ data }` body, the data). */
export function answer<R extends RouteConfig>(
  route: R,
  run: (request: RouteRequest<R>) => Promise<AnswerOf<R>> | AnswerOf<R>,
): AnsweredRoute {
  const [status, response] = successResponseOf(route);
  const wraps = bodyIsDataAlone(response);
  const handler = async (c: Context<AppEnv>) => {
    const result = await run(routeRequestOf<R>(c));
    if (status === 204) return c.body(null, 204);
    return c.json(wraps ? { data: result } : (result as object), status as 200);
  };
  return { route, handler };
}

function successResponseOf(route: RouteConfig): [number, unknown] {
  const [status, response] =
    Object.entries(route.responses).find(([code]) => code.startsWith("2")) ?? [];
  if (!status) throw new Error(`${route.method} ${route.path}: no success response`);
  return [Number(status), response];
}

/** True when the JSON body's schema is an object whose only field is `data`. */
function bodyIsDataAlone(response: unknown): boolean {
  const schema = (response as { content?: Record<string, { schema?: z.ZodType }> }).content?.[
    "application/json"
  ]?.schema as { shape?: Record<string, unknown> } | undefined;
  const keys = schema?.shape ? Object.keys(schema.shape) : [];
  return keys.length === 1 && keys[0] === "data";
}
