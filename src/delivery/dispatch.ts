import type { Database } from "../db/client";
import { createDb } from "../db/client";
import {
  findUnenqueuedEventIds,
  listStaleUnenqueuedEventIds,
  markEventsEnqueued,
} from "../events/outbox.repository";
import { chunk, MAX_BOUND_PARAMETERS } from "../lib/bound-parameters";
import { listPendingNotificationIds } from "../notifications/notifications.repository";
import { listUnattemptedDeliveryIds } from "./delivery.repository";
import type { QueueMessage } from "./messages";

type MessageSource = (db: Database, eventIds: string[]) => Promise<QueueMessage[]>;

/** Jobs an event causes; §17 adds its notifications here. */
const MESSAGE_SOURCES: MessageSource[] = [
  async (db, eventIds) =>
    (await listUnattemptedDeliveryIds(db, eventIds)).map((id) => ({
      kind: "webhook_delivery" as const,
      delivery_id: id,
    })),
  async (db, eventIds) =>
    (await listPendingNotificationIds(db, eventIds)).map((id) => ({
      kind: "customer_email" as const,
      notification_id: id,
    })),
];

const SEND_BATCH_LIMIT = 100;

async function sendMessages(queue: Queue<QueueMessage>, messages: QueueMessage[]) {
  for (let i = 0; i < messages.length; i += SEND_BATCH_LIMIT) {
    const chunk = messages.slice(i, i + SEND_BATCH_LIMIT);
    await queue.sendBatch(chunk.map((body) => ({ body, contentType: "json" as const })));
  }
}

/**
 * Hands committed events to the Queue, then marks them enqueued. Sending first means a crash
 * in between re-sends (the consumer's claim drops the duplicate) rather than losing anything.
 * IDs that are not committed events (a refused write) are ignored.
 */
export async function dispatchEvents(env: Env, eventIds: string[], now = Date.now()) {
  const db = createDb(env.DB);
  // One change can write many events (a session cancellation: one per booking); each chunk's
  // IN lists stay under D1's bound-parameter limit.
  for (const part of chunk(eventIds, DISPATCH_CHUNK)) await dispatchChunk(db, env, part, now);
}

const DISPATCH_CHUNK = MAX_BOUND_PARAMETERS - 10;

async function dispatchChunk(db: Database, env: Env, eventIds: string[], now: number) {
  const ids = await findUnenqueuedEventIds(db, eventIds);
  if (ids.length === 0) return;
  const messages = (await Promise.all(MESSAGE_SOURCES.map((source) => source(db, ids)))).flat();
  await sendMessages(env.WEBHOOK_QUEUE, messages);
  await markEventsEnqueued(db, ids, now);
}

/** §12 crash safety: events committed at least this long ago and never enqueued are swept. */
export const SWEEP_EVENTS_AFTER_MS = 30_000;
const SWEEP_PAGE = 50;
const SWEEP_MAX_PAGES = 20;

/** The sweep task: enqueues what a Worker that died after its batch left behind. */
export async function enqueueStaleEvents(env: Env, now: number): Promise<number> {
  const db = createDb(env.DB);
  let swept = 0;
  for (let page = 0; page < SWEEP_MAX_PAGES; page++) {
    const ids = await listStaleUnenqueuedEventIds(db, now - SWEEP_EVENTS_AFTER_MS, SWEEP_PAGE);
    if (ids.length === 0) break;
    await dispatchEvents(env, ids, now);
    swept += ids.length;
    if (ids.length < SWEEP_PAGE) break;
  }
  return swept;
}
