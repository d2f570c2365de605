/**
 * The bodies of WEBHOOK_QUEUE messages, one kind per job. §17's email sender adds its own kind
 * here and a handler in queue-consumer.ts (the handler map is exhaustive over the kinds).
 */
export type QueueMessage = { kind: "webhook_delivery"; delivery_id: string };

export type QueueMessageKind = QueueMessage["kind"];

export function parseQueueMessage(body: unknown): QueueMessage | null {
  if (typeof body !== "object" || body === null) return null;
  const { kind, delivery_id: deliveryId } = body as Record<string, unknown>;
  if (kind === "webhook_delivery" && typeof deliveryId === "string") {
    return { kind, delivery_id: deliveryId };
  }
  return null;
}

/** What the consumer does with a message after handling it. */
export type MessageOutcome = { action: "ack" } | { action: "retry"; delaySeconds: number };

export const ACK: MessageOutcome = { action: "ack" };
