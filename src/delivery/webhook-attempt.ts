import { createDb, type Database } from "../db/client";
import { TEST_EVENT_TYPE } from "../events/event-types";
import { presentEvent } from "../features/events/events.presenter";
import { encryptionKeyOf } from "../lib/encryption-key";
import { decryptText } from "../lib/secret-box";
import {
  abandonDelivery,
  claimDueDelivery,
  type DeliveryRow,
  type EndpointRow,
  type EventRow,
  findAttemptContext,
  recordAttempt,
} from "./delivery.repository";
import { ACK, type MessageAttempt, type MessageOutcome } from "./messages";
import { nextRetryDelaySeconds } from "./retry-schedule";
import { signatureHeader } from "./signing";
import { ATTEMPT_TIMEOUT_MS, type AttemptResult, sendSignedRequest } from "./webhook-request";

/** Longer than an attempt may take, shorter than the Queue's retry_delay after a crash (60 s). */
const ATTEMPT_LEASE_MS = ATTEMPT_TIMEOUT_MS * 2;

function blockedReason(
  endpoint: EndpointRow | undefined,
  event: EventRow | undefined,
): string | null {
  if (!endpoint || endpoint.deletedAt !== null) return "endpoint_deleted";
  if (!event) return "event_expired";
  // A test may be sent to a disabled endpoint, to check it before re-enabling.
  if (endpoint.status === "disabled" && event.type !== TEST_EVENT_TYPE) return "endpoint_disabled";
  return null;
}

/** The current secret, plus the previous one during the 24 h after a rotation. */
async function liveSigningSecrets(env: Env, endpoint: EndpointRow, now: number) {
  const secrets = [await decryptText(encryptionKeyOf(env), endpoint.secretCiphertext)];
  const previous = endpoint.previousSecretCiphertext;
  if (previous && (endpoint.previousSecretExpiresAt ?? 0) > now) {
    secrets.push(await decryptText(encryptionKeyOf(env), previous));
  }
  return secrets;
}

async function recordOutcome(
  db: Database,
  delivery: DeliveryRow,
  result: AttemptResult,
  now: number,
): Promise<MessageOutcome> {
  const base = { deliveryId: delivery.id, endpointId: delivery.endpointId, now };
  if (result.ok) {
    await recordAttempt(
      db,
      {
        ...base,
        status: "succeeded",
        responseStatus: result.status,
        error: null,
        nextAttemptAt: null,
      },
      false,
    );
    return ACK;
  }
  const gone = result.status === 410;
  const delay = gone
    ? null
    : nextRetryDelaySeconds(delivery.attempts + 1, result.retryAfterSeconds);
  await recordAttempt(
    db,
    {
      ...base,
      status: delay === null ? "failed" : "pending",
      responseStatus: result.status,
      error: gone ? "HTTP 410: endpoint disabled" : result.error,
      nextAttemptAt: delay === null ? null : now + delay * 1000,
    },
    gone,
  );
  return delay === null ? ACK : { action: "retry", delaySeconds: delay };
}

/** One attempt of one delivery (§12): claim, sign, POST, record, and say when to retry. */
export const attemptWebhookDelivery: MessageAttempt = async (env, deliveryId, now) => {
  const db = createDb(env.DB);
  const delivery = await claimDueDelivery(db, deliveryId, now, ATTEMPT_LEASE_MS);
  if (!delivery) return ACK;
  const { endpoint, event } = await findAttemptContext(db, delivery);
  const blocked = blockedReason(endpoint, event);
  if (blocked || !endpoint || !event) {
    await abandonDelivery(db, delivery.id, blocked ?? "endpoint_deleted");
    return ACK;
  }
  const body = JSON.stringify(presentEvent(event));
  const timestamp = Math.floor(now / 1000);
  const secrets = await liveSigningSecrets(env, endpoint, now);
  const signature = await signatureHeader(secrets, event.id, timestamp, body);
  const result = await sendSignedRequest(
    { url: endpoint.url, webhookId: event.id, timestamp, signature, body },
    now,
  );
  return recordOutcome(db, delivery, result, now);
};

/** A message that exhausted the Queue's retries (the handler kept throwing): stop its delivery. */
export async function abandonDeadLetteredDelivery(env: Env, deliveryId: string) {
  await abandonDelivery(createDb(env.DB), deliveryId, "dead_lettered");
  return ACK;
}
