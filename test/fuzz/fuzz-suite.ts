import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call, readJson } from "../helpers/http";
import { fingerprintStatement, readFingerprint } from "./db-fingerprint";
import { createFuzzWorld, type FuzzWorld, idForParameter } from "./fuzz-world";
import { mutate, mutationArbitrary, POISON } from "./mutations";
import { type JsonSchema, schemaArbitrary } from "./schema-arbitrary";

// Property-based requests generated from /openapi.json itself, so every documented operation
// (including ones added later) is fuzzed: bodies and queries that follow the schemas, then
// mutated with the values an outside probe used. `npm run fuzz` runs many more cases.
const RUNS = Number(env.FUZZ_RUNS || "3000");
const SEED = Number(env.FUZZ_SEED || "18");
// The cases run in rounds of about 500, each against a fresh world, and the rounds are spread
// over FUZZ_SHARDS test files (openapi-<n>.fuzz.test.ts): accepted requests pile up in D1, and
// one file's storage grows with every round, so a long run in one file slows down round after
// round (137 s, then 386 s under load); each file starts on empty storage and they run in
// parallel. Every round gives each operation the same number of cases (its own seed each).
export const FUZZ_SHARDS = 6;
// At least one round per file, so every file has work.
const ROUNDS = Math.max(FUZZ_SHARDS, Math.ceil(RUNS / 500));
const CASES_PER_ROUND = Math.ceil(RUNS / ROUNDS);
const ROUND_TIMEOUT_MS = 600_000;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: JsonSchema;
}
interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}
interface Operation {
  method: string;
  path: string;
  spec: OperationObject;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, JsonSchema> };
}

let document: OpenApiDocument;
let operations: Operation[];
let world: FuzzWorld;
let errorCodes: unknown[];
/** Statuses seen per operation over all rounds. */
const statuses = new Map<string, Set<number>>();

beforeAll(async () => {
  document = (await readJson(await call("GET", "/openapi.json"))) as OpenApiDocument;
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, spec]) => ({ method, path, spec })),
  );
  errorCodes =
    (document.components.schemas.Error as { properties: { code: JsonSchema } }).properties.code
      .enum ?? [];
});

const lookup = (ref: string): JsonSchema => {
  const schema = document.components.schemas[ref.replace("#/components/schemas/", "")];
  if (!schema) throw new Error(`Unresolved ${ref}`);
  return schema;
};

const asQueryValue = (value: unknown) =>
  typeof value === "string" ? value : JSON.stringify(value);
const poisonArbitrary = fc.oneof(fc.constantFrom(...POISON), fc.string({ maxLength: 30 }));

/** A query: each parameter absent, schema-valid, or poisoned. */
function queryArbitrary(parameters: Parameter[]) {
  const shape: Record<string, fc.Arbitrary<string | undefined>> = {};
  for (const p of parameters.filter((q) => q.in === "query")) {
    shape[p.name] = fc.option(
      fc.oneof(
        { weight: 3, arbitrary: schemaArbitrary(p.schema, lookup).map(asQueryValue) },
        { weight: 1, arbitrary: poisonArbitrary.map(asQueryValue) },
      ),
      { nil: undefined },
    );
  }
  return fc.record(shape);
}

const CONTENT_TYPES = [
  "application/merge-patch+json",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
];

/** The raw body and content type: JSON of a mutated schema value, or a broken encoding. */
function bodyArbitrary(spec: OperationObject) {
  const schema = spec.requestBody?.content["application/json"]?.schema;
  if (!schema) return fc.constant({ raw: undefined, contentType: undefined });
  const value = fc
    .tuple(schemaArbitrary(schema, lookup), mutationArbitrary)
    .map(([v, m]) => mutate(v, m));
  return fc.oneof(
    {
      weight: 16,
      arbitrary: value.map((v) => ({
        raw: v === undefined ? undefined : JSON.stringify(v),
        contentType: "application/json",
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{"name":', "\uFEFF{}", "[", "nul", "{}}")
        .map((raw) => ({ raw, contentType: "application/json" })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(value, fc.constantFrom(...CONTENT_TYPES))
        .map(([v, contentType]) => ({ raw: JSON.stringify(v ?? {}), contentType })),
    },
  );
}

function caseArbitrary(operation: Operation) {
  return fc.record({
    operation: fc.constant(operation),
    pathPoison: fc.option(fc.oneof(poisonArbitrary.map(asQueryValue), fc.constant("foreign")), {
      freq: 6,
      nil: undefined,
    }),
    query: queryArbitrary(operation.spec.parameters ?? []),
    body: bodyArbitrary(operation.spec),
    idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 })), {
      freq: 4,
      nil: undefined,
    }),
    ip: fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.18.${a}.${b}`),
  });
}

type FuzzCase = ReturnType<typeof caseArbitrary> extends fc.Arbitrary<infer T> ? T : never;

function urlOf({ operation, pathPoison, query }: FuzzCase): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string): string => {
    if (pathPoison === "foreign") return world.ids.foreignExperience;
    if (pathPoison !== undefined) return encodeURIComponent(pathPoison);
    return idForParameter(world, name, operation.path, operation.method);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) search.set(name, value);
  return search.size ? `${path}?${search}` : path;
}

async function headersOf(fuzz: FuzzCase): Promise<Record<string, string>> {
  const headers: Record<string, string> = { "cf-connecting-ip": fuzz.ip };
  const { path } = fuzz.operation;
  if (path.startsWith("/v1/")) headers["x-api-key"] = await world.nextKey();
  if (path.startsWith("/admin/")) headers.authorization = `Bearer ${ADMIN_TOKEN}`;
  if (fuzz.body.contentType) headers["content-type"] = fuzz.body.contentType;
  if (fuzz.idempotencyKey !== undefined) headers["idempotency-key"] = fuzz.idempotencyKey;
  return headers;
}

function expectErrorEnvelope(body: Record<string, unknown>, status: number) {
  expect(
    Object.keys(body).filter((k) => !["error", "code", "details", "request_id"].includes(k)),
  ).toEqual([]);
  expect(typeof body.error === "string" && body.error.length > 0).toBe(true);
  expect(errorCodes).toContain(body.code);
  expect(typeof body.request_id).toBe("string");
  if ("details" in body) expect(typeof body.details).toBe("object");
  expect(status).toBeGreaterThanOrEqual(400);
}

/** One case: no 5xx, a documented status, the §2 envelope on errors, no write when rejected. */
async function checkCase(fuzz: FuzzCase, fingerprint: D1PreparedStatement) {
  const url = urlOf(fuzz);
  const headers = await headersOf(fuzz);
  const before = await readFingerprint(fingerprint);
  const res = await call(fuzz.operation.method.toUpperCase(), url, {
    rawBody: fuzz.body.raw,
    headers,
  });
  const text = await res.text();
  const label = `${fuzz.operation.method.toUpperCase()} ${url} ${fuzz.body.raw?.slice(0, 300)} → ${res.status} ${text.slice(0, 300)}`;
  const key = `${fuzz.operation.method} ${fuzz.operation.path}`;
  statuses.set(key, (statuses.get(key) ?? new Set()).add(res.status));
  expect(res.status, label).toBeLessThan(500);
  expect(res.headers.get("x-request-id"), label).toBeTruthy();
  expect(Object.keys(fuzz.operation.spec.responses), `${label}: undocumented status`).toContain(
    String(res.status),
  );
  if (res.status < 400) return;
  if (res.headers.get("content-type")?.startsWith("application/json")) {
    expectErrorEnvelope(JSON.parse(text), res.status);
  } else {
    expect(fuzz.operation.path, `${label}: non-JSON error`).toMatch(/^\/book\//);
  }
  expect(await readFingerprint(fingerprint), `${label}: a rejected request wrote`).toBe(before);
}

/** The rounds `round % FUZZ_SHARDS === shard`, as the tests of one file. */
export function describeFuzzShard(shard: number) {
  const rounds = Array.from({ length: ROUNDS }, (_, round) => round).filter(
    (round) => round % FUZZ_SHARDS === shard,
  );
  describe(`fuzzing every documented operation (${RUNS} cases in ${FUZZ_SHARDS} files)`, () => {
    it.each(rounds)(
      "round %i answers generated and mutated requests without a 5xx, in the §2 envelope, writing nothing when rejected",
      async (round) => {
        world = await createFuzzWorld();
        const fingerprint = await fingerprintStatement();
        const perOperation = Math.max(1, Math.round(CASES_PER_ROUND / operations.length));
        for (const [index, operation] of operations.entries()) {
          await fc.assert(
            fc.asyncProperty(caseArbitrary(operation), (fuzz) => checkCase(fuzz, fingerprint)),
            { seed: SEED + round * 1000 + index, numRuns: perOperation, endOnFailure: true },
          );
        }
      },
      ROUND_TIMEOUT_MS,
    );

    it("reached every documented operation, with successes and rejections", () => {
      expect([...statuses.keys()].sort()).toEqual(
        operations.map((o) => `${o.method} ${o.path}`).sort(),
      );
      const all = [...statuses.values()].flatMap((s) => [...s]);
      expect(all.some((s) => s < 300)).toBe(true);
      expect(all.some((s) => s >= 400)).toBe(true);
    });
  });
}
