/**
 * The bodies of WEBHOOK_QUEUE messages, one kind per job. §17's email sender adds its own kind
 * here and a handler in queue-consumer.ts (the handler map is exhaustive over the kinds).
 */
export type QueueMessage =
  | { kind: "webhook_delivery"; delivery_id: string }
  | { kind: "customer_email"; notification_id: string };

export type QueueMessageKind = QueueMessage["kind"];

export function parseQueueMessage(body: unknown): QueueMessage | null {
  if (typeof body !== "object" || body === null) return null;
  const {
    kind,
    delivery_id: deliveryId,
    notification_id: notificationId,
  } = body as Record<string, unknown>;
  if (kind === "webhook_delivery" && typeof deliveryId === "string") {
    return { kind, delivery_id: deliveryId };
  }
  if (kind === "customer_email" && typeof notificationId === "string") {
    return { kind, notification_id: notificationId };
  }
  return null;
}

/** What the consumer does with a message after handling it. */
export type MessageOutcome = { action: "ack" } | { action: "retry"; delaySeconds: number };

export const ACK: MessageOutcome = { action: "ack" };

/** One attempt at the job a message names (one webhook delivery, one customer email) at `now`. */
export type MessageAttempt = (env: Env, id: string, now: number) => Promise<MessageOutcome>;
