import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { createDb } from "../../src/db/client";
import type { QueueMessage } from "../../src/delivery/messages";
import { sendTestEvent } from "../../src/features/webhooks/webhook-test-event";
import worker from "../../src/index";

export const DELIVERY_QUEUE = "booking-api-deliveries";

let messageCounter = 0;

/**
 * Runs the Worker's queue() handler on these delivery messages. Returns the acked message IDs
 * and the retries with the delay each asked for (the pool's own result omits delays).
 */
export async function consumeDeliveries(
  deliveryIds: string[],
  queue = DELIVERY_QUEUE,
  workerEnv: Env = env,
) {
  return consumeMessages(
    deliveryIds.map((id) => ({ kind: "webhook_delivery", delivery_id: id })),
    queue,
    workerEnv,
  );
}

/** The same for §17 customer emails; `workerEnv` lets a test run the consumer misconfigured. */
export async function consumeNotifications(
  notificationIds: string[],
  { queue = DELIVERY_QUEUE, workerEnv = env }: { queue?: string; workerEnv?: Env } = {},
) {
  return consumeMessages(
    notificationIds.map((id) => ({ kind: "customer_email", notification_id: id })),
    queue,
    workerEnv,
  );
}

async function consumeMessages(bodies: QueueMessage[], queue: string, workerEnv: Env = env) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body) => ({
      id: `msg-${messageCounter++}`,
      timestamp: new Date(),
      attempts: 1,
      body,
    })),
  );
  const retries: Array<{ id: string; delaySeconds: number | undefined }> = [];
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    vi.spyOn(message, "retry").mockImplementation((options) => {
      retries.push({ id: message.id, delaySeconds: options?.delaySeconds });
      retry(options);
    });
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, workerEnv);
  const result = await getQueueResult(batch, ctx);
  return { acked: result.explicitAcks, retries, delays: retries.map((r) => r.delaySeconds) };
}

/**
 * A webhook.test event written straight through the service, so nothing is enqueued: the test
 * drives the consumer itself. Returns the event's delivery.
 */
export async function unenqueuedTestDelivery(organizationId: string, endpointId: string) {
  const db = createDb(env.DB);
  const { event_id: eventId } = await sendTestEvent(db, {
    organizationId,
    endpointId,
    idempotency: undefined,
    now: Date.now(),
  });
  const row = await env.DB.prepare("SELECT id FROM webhook_deliveries WHERE event_id = ?")
    .bind(eventId)
    .first<{ id: string }>();
  if (!row) throw new Error("No delivery written");
  return { eventId, deliveryId: row.id };
}

export async function deliveryRow(deliveryId: string) {
  const row = await env.DB.prepare("SELECT * FROM webhook_deliveries WHERE id = ?")
    .bind(deliveryId)
    .first<Record<string, unknown> & { next_attempt_at: number | null }>();
  if (!row) throw new Error(`No delivery ${deliveryId}`);
  return row;
}

export async function endpointRow(endpointId: string) {
  return env.DB.prepare(
    "SELECT status, disabled_reason, failing_since FROM webhook_endpoints WHERE id = ?",
  )
    .bind(endpointId)
    .first<{ status: string; disabled_reason: string | null; failing_since: number | null }>();
}
