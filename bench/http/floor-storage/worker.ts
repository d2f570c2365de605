// The floor of `POST /v1/experiences` with an Idempotency-Key: the storage work alone, with no
// framework, validation or presentation. 1 D1 read (the API key), the Durable Object's begin,
// 1 D1 batch (the experience and its crash-safety row), the Durable Object's complete. It uses
// our own Durable Object, so the ratio measures what the API adds around the same storage.

import { idempotencyObjectName } from "../../../src/idempotency/scope";
import { sha256Hex } from "../../../src/lib/crypto";

export { IdempotencyStore } from "../../../src/idempotency/idempotency-store";

const FIND_KEY = `SELECT k.id, k.key_hash, k.organization_id, o.timezone, k.scopes
  FROM api_keys k JOIN organizations o ON o.id = k.organization_id
  WHERE k.key_hash = ? AND k.revoked_at IS NULL LIMIT 1`;
const INSERT_EXPERIENCE = `INSERT INTO experiences (id, organization_id, space_id, name,
  description, status, registration_status, duration_minutes, default_capacity,
  max_booking_quantity, required_contact_method, providers, location, pricing, scheduling_rules,
  created_at, updated_at) VALUES (?, ?, 'GENERAL', ?, '', 'active', 'open', ?, ?, 5, 'email',
  '[]', NULL, '{"model":"free"}', ?, ?, ?)`;
const INSERT_OUTCOME = `INSERT INTO idempotency_keys (scope, key, resource_type, resource_id,
  created_at) VALUES (?, ?, 'experience', ?, ?)`;
const RULES = JSON.stringify({
  booking_window: { min_hours_before: 1, max_days_ahead: 60 },
  cancellation_policy: { refundable_until_hours_before: 24 },
});

interface CreateBody {
  name: string;
  duration_minutes: number;
  default_capacity: number;
}

async function seed(env: Env, request: Request): Promise<Response> {
  const { organizationId, keyHash } = await request.json<{
    organizationId: string;
    keyHash: string;
  }>();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO organizations (id, name, timezone, created_at) VALUES (?, 'Floor', 'UTC', 0)",
    ).bind(organizationId),
    env.DB.prepare(
      "INSERT INTO api_keys (id, organization_id, name, prefix, key_hash, scopes, created_at) VALUES (?, ?, 'floor', 'bk_live_', ?, '{}', 0)",
    ).bind(`key_${organizationId}`, organizationId, keyHash),
  ]);
  return new Response(null, { status: 204 });
}

async function create(env: Env, request: Request): Promise<Response> {
  const raw = new Uint8Array(await request.arrayBuffer());
  const keyHash = await sha256Hex(request.headers.get("x-api-key") ?? "");
  const key = await env.DB.prepare(FIND_KEY)
    .bind(keyHash)
    .first<{ id: string; organization_id: string }>();
  if (!key) return new Response("unknown key", { status: 401 });
  const scope = { scope: `key:${key.id}`, key: request.headers.get("idempotency-key") ?? "" };
  const fingerprint = `POST /experiences sha256:${await sha256Hex(raw)}`;
  const store = env.IDEMPOTENCY.getByName(idempotencyObjectName(scope));
  const begun = await store.begin(fingerprint, Date.now());
  if (begun.outcome !== "new") return new Response(begun.outcome, { status: 409 });
  const input = JSON.parse(new TextDecoder().decode(raw)) as CreateBody;
  const id = `exp_${crypto.randomUUID().replaceAll("-", "")}`;
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(INSERT_EXPERIENCE).bind(
      id,
      key.organization_id,
      input.name,
      input.duration_minutes,
      input.default_capacity,
      RULES,
      now,
      now,
    ),
    env.DB.prepare(INSERT_OUTCOME).bind(scope.scope, scope.key, id, now),
  ]);
  const body = await new Response(JSON.stringify({ data: { id, ...input } })).arrayBuffer();
  const response = {
    status: 201,
    contentType: "application/json",
    location: null,
    body,
  };
  await store.complete(fingerprint, response, now);
  return new Response(body, { status: 201, headers: { "content-type": "application/json" } });
}

export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    if (request.method === "POST" && path === "/seed") return seed(env, request);
    if (request.method === "POST" && path === "/experiences") return create(env, request);
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
