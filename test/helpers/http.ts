import { exports } from "cloudflare:workers";
import { expect } from "vitest";

export const ADMIN_TOKEN = "test-admin-token";

export interface CallOptions {
  key?: string;
  body?: unknown;
  /** Sent as-is (no JSON encoding); for malformed-body tests. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** One real HTTP request through the Worker's fetch handler (real D1, real Durable Objects). */
export async function call(method: string, path: string, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  if (options.key) headers.set("X-API-KEY", options.key);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return exports.default.fetch(new Request(`https://api.test${path}`, { method, headers, body }));
}

/** Parses a JSON response; `any` keeps assertions on wire payloads short. */
// biome-ignore lint/suspicious/noExplicitAny: wire payloads are asserted field by field
export async function readJson(res: Response): Promise<any> {
  const text = await res.text();
  return text === "" ? null : JSON.parse(text);
}

export async function callJson(method: string, path: string, options: CallOptions = {}) {
  const res = await call(method, path, options);
  return { res, status: res.status, body: await readJson(res) };
}

export function admin(method: string, path: string, body?: unknown) {
  return callJson(method, `/admin${path}`, {
    body,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
}

/** Asserts a §2 error: the status, the code, and the envelope around them. */
export function expectError(
  // biome-ignore lint/suspicious/noExplicitAny: wire payloads are asserted field by field
  result: { status: number; body: any },
  status: number,
  code: string,
) {
  expect({ status: result.status, code: result.body?.code }).toEqual({ status, code });
  expect(result.body).toMatchObject({ error: expect.any(String), request_id: expect.any(String) });
}
