import {
  keylessRoutes,
  type Method,
  type RequestOf,
  type RouteDoc,
  type Security,
  unscopedRoutes,
  v1Routes,
} from "./route";
import { type AnswerOf, answer, type RouteRequest, routerOf } from "./route-answer";
import type { ScopeResource } from "./scopes";

// A feature's routes as one table: each row is `route.get(path, doc, run)` (see route-answer.ts
// for what `run` gets and returns), and the router of its group (v1Router, keylessRouter,
// unscopedRouter) adds the tag, the scope guard or security scheme and the error statuses. A
// row's handler is typed from its own doc alone: the group changes no input or output type.

/** What `run` is typed from: the row's request (params, query, body) and success responses. */
type DeclaredRoute<D extends RouteDoc> = { request: RequestOf<D>; responses: D["responses"] };

type Run<D extends RouteDoc> = (
  request: RouteRequest<DeclaredRoute<D>>,
) => Promise<AnswerOf<DeclaredRoute<D>>> | AnswerOf<DeclaredRoute<D>>;

/** One row of a route table. */
export interface RouteRow {
  method: Method;
  path: string;
  doc: RouteDoc;
  run: Run<RouteDoc>;
}

function rowOf<const M extends Method>(method: M) {
  return <const P extends string, const D extends RouteDoc>(path: P, doc: D, run: Run<D>) =>
    ({ method, path, doc, run }) as unknown as RouteRow;
}

/** `route.get(path, doc, run)`: a row of a feature's route table. */
export const route = {
  get: rowOf("get"),
  post: rowOf("post"),
  put: rowOf("put"),
  patch: rowOf("patch"),
  delete: rowOf("delete"),
};

type RouteGroup = ReturnType<typeof v1Routes>;

function tableRouter(group: RouteGroup, rows: RouteRow[]) {
  return routerOf(
    ...rows.map(({ method, path, doc, run }) => answer(group[method](path, doc), run as never)),
  );
}

/** A feature's /v1 routes: a GET needs `<resource>:read`, every other method `:write`. */
export function v1Router(tag: string, resource: ScopeResource, rows: RouteRow[]) {
  return tableRouter(v1Routes(tag, resource), rows);
}

/** /public routes: no API key, the public API's per-IP limit instead (§11). */
export function keylessRouter(tag: string, rows: RouteRow[]) {
  return tableRouter(keylessRoutes(tag), rows);
}

/** Routes behind another security scheme (the operator token of /admin). */
export function unscopedRouter(tag: string, security: Security, rows: RouteRow[]) {
  return tableRouter(unscopedRoutes(tag, security), rows);
}
