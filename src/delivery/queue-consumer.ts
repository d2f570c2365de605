import {
  type MessageOutcome,
  parseQueueMessage,
  type QueueMessage,
  type QueueMessageKind,
} from "./messages";
import { abandonDeadLetteredDelivery, attemptWebhookDelivery } from "./webhook-attempt";

export const DEAD_LETTER_QUEUE = "booking-api-deliveries-dlq";
/** After an unexpected error (D1 unavailable…), the message is tried again this much later. */
const ERROR_RETRY_SECONDS = 60;

type Handler<K extends QueueMessageKind> = (
  env: Env,
  message: Extract<QueueMessage, { kind: K }>,
  now: number,
) => Promise<MessageOutcome>;
type Handlers = { [K in QueueMessageKind]: Handler<K> };

const HANDLERS: Handlers = {
  webhook_delivery: (env, message, now) => attemptWebhookDelivery(env, message.delivery_id, now),
};

const DEAD_LETTER_HANDLERS: Handlers = {
  webhook_delivery: (env, message) => abandonDeadLetteredDelivery(env, message.delivery_id),
};

function dispatchTo(handlers: Handlers, env: Env, message: QueueMessage, now: number) {
  const handler = handlers[message.kind] as Handler<QueueMessageKind>;
  return handler(env, message, now);
}

async function handleMessage(message: Message<unknown>, env: Env, deadLetter: boolean) {
  const parsed = parseQueueMessage(message.body);
  if (!parsed) {
    console.error(JSON.stringify({ type: "queue_message_unknown", id: message.id }));
    message.ack();
    return;
  }
  try {
    const handlers = deadLetter ? DEAD_LETTER_HANDLERS : HANDLERS;
    const outcome = await dispatchTo(handlers, env, parsed, Date.now());
    if (outcome.action === "retry") message.retry({ delaySeconds: outcome.delaySeconds });
    else message.ack();
  } catch (err) {
    console.error(
      JSON.stringify({
        type: "queue_message_failed",
        kind: parsed.kind,
        id: message.id,
        message: err instanceof Error ? err.message : String(err),
      }),
    );
    message.retry({ delaySeconds: ERROR_RETRY_SECONDS });
  }
}

/** The Worker's queue() handler: every message is acked or retried on its own. */
export async function consumeQueueBatch(batch: MessageBatch<unknown>, env: Env) {
  const deadLetter = batch.queue === DEAD_LETTER_QUEUE;
  await Promise.all(batch.messages.map((message) => handleMessage(message, env, deadLetter)));
}
