import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { generateSigningSecret } from "../../delivery/signing";
import { assertPatchHasFields, orNotFound, ValidationError } from "../../errors";
import {
  type CreateRequest,
  findOriginalResourceId,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { newId } from "../../lib/ids";
import { type PageRequest, paginationOf } from "../../lib/pagination";
import { decryptText, encryptText } from "../../lib/secret-box";
import { webhookUrlProblem } from "./webhook-url";
import { presentEndpoint } from "./webhooks.presenter";
import {
  type EndpointRow,
  findLiveEndpoint,
  insertEndpointStatement,
  listLiveEndpoints,
  softDeleteEndpoint,
  updateEndpointStatement,
} from "./webhooks.repository";
import type { CreateWebhookEndpointBody, UpdateWebhookEndpointBody } from "./webhooks.schemas";

/** Worker configuration the webhook services need (kept out of them as plain values). */
export interface WebhookConfig {
  encryptionKey: string | undefined;
  allowInsecureLocal: boolean;
}

export interface EndpointScope {
  organizationId: string;
  endpointId: string;
}

/** After a rotation the previous secret keeps signing for 24 h. */
export const PREVIOUS_SECRET_TTL_MS = 24 * 3_600_000;

function assertUrlAllowed(url: string, config: WebhookConfig) {
  const problem = webhookUrlProblem(url, config.allowInsecureLocal);
  if (problem) throw ValidationError.forField("url", problem);
}

/** 404 for unknown, deleted and foreign endpoints alike. */
export async function requireEndpoint(db: Database, scope: EndpointScope): Promise<EndpointRow> {
  return orNotFound(
    await findLiveEndpoint(db, scope.organizationId, scope.endpointId),
    "Webhook endpoint",
  );
}

async function withSecret(row: EndpointRow, config: WebhookConfig) {
  return {
    ...presentEndpoint(row),
    secret: await decryptText(config.encryptionKey, row.secretCiphertext),
  };
}

export interface CreateEndpointInput extends CreateRequest<CreateWebhookEndpointBody> {
  config: WebhookConfig;
}

const ENDPOINT = "webhook_endpoint";

/** The secret is generated here, stored only encrypted and returned in this response only. */
export async function createEndpoint(db: Database, input: CreateEndpointInput) {
  const { organizationId, config, now } = input;
  const originalId = await findOriginalResourceId(db, input, ENDPOINT);
  if (originalId)
    return withSecret(
      await requireEndpoint(db, { organizationId, endpointId: originalId }),
      config,
    );
  assertUrlAllowed(input.body.url, config);
  const secret = generateSigningSecret();
  const row: EndpointRow = {
    id: newId("whe"),
    organizationId,
    url: input.body.url,
    events: input.body.events,
    description: input.body.description,
    status: input.body.status,
    disabledReason: null,
    secretCiphertext: await encryptText(config.encryptionKey, secret),
    previousSecretCiphertext: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  const batch = new WriteBatch(db).add(insertEndpointStatement(db, row));
  recordIdempotencyKey(batch, input, { resourceType: ENDPOINT, resourceId: row.id });
  await batch.commit();
  return { ...presentEndpoint(row), secret };
}

export async function getEndpoint(db: Database, scope: EndpointScope) {
  return presentEndpoint(await requireEndpoint(db, scope));
}

export async function listEndpoints(db: Database, organizationId: string, page: PageRequest) {
  const { rows, total } = await listLiveEndpoints(db, organizationId, page);
  return { data: rows.map(presentEndpoint), pagination: paginationOf(total, page) };
}

export interface UpdateEndpointInput extends EndpointScope {
  patch: UpdateWebhookEndpointBody;
  config: WebhookConfig;
  now: number;
}

/** Re-enabling clears disabled_reason and the failure clock; disabling by hand has no reason. */
export async function updateEndpoint(db: Database, input: UpdateEndpointInput) {
  const { patch } = input;
  assertPatchHasFields(patch);
  // An unknown endpoint is a 404 whatever the URL (§2); only a known one's URL is judged.
  const row = await requireEndpoint(db, input);
  if (patch.url !== undefined) assertUrlAllowed(patch.url, input.config);
  const statusChanged = patch.status !== undefined && patch.status !== row.status;
  const next: EndpointRow = {
    ...row,
    url: patch.url ?? row.url,
    events: patch.events ?? row.events,
    description: patch.description ?? row.description,
    status: patch.status ?? row.status,
    disabledReason: statusChanged ? null : row.disabledReason,
    failingSince: statusChanged ? null : row.failingSince,
    updatedAt: input.now,
  };
  await updateEndpointStatement(db, next);
  return presentEndpoint(next);
}

export async function deleteEndpoint(db: Database, scope: EndpointScope, now: number) {
  await softDeleteEndpoint(db, await requireEndpoint(db, scope), now);
}

export interface RotateSecretInput extends EndpointScope, WriteRequest {
  config: WebhookConfig;
}

const SECRET_ROTATION = "webhook_secret_rotation";

/** New secret now; the one it replaces keeps signing alongside for 24 h. */
export async function rotateSecret(db: Database, input: RotateSecretInput) {
  const { config, now } = input;
  const row = await requireEndpoint(db, input);
  // A retry of a rotation that committed returns that rotation's secret, not a third one.
  if (await findOriginalResourceId(db, input, SECRET_ROTATION)) {
    return withSecret(row, config);
  }
  const secret = generateSigningSecret();
  const next: EndpointRow = {
    ...row,
    secretCiphertext: await encryptText(config.encryptionKey, secret),
    previousSecretCiphertext: row.secretCiphertext,
    previousSecretExpiresAt: now + PREVIOUS_SECRET_TTL_MS,
    updatedAt: now,
  };
  const batch = new WriteBatch(db).add(updateEndpointStatement(db, next));
  recordIdempotencyKey(batch, input, { resourceType: SECRET_ROTATION, resourceId: row.id });
  await batch.commit();
  return { ...presentEndpoint(next), secret };
}
