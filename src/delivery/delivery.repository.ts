import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { listIds } from "../db/queries";
import { events, webhookDeliveries, webhookEndpoints } from "../db/schema";

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type EventRow = typeof events.$inferSelect;

/** A Queue message may arrive this early (clock skew) and still count as due. */
const EARLY_TOLERANCE_MS = 2_000;

/**
 * Takes the next attempt of a pending, due delivery by pushing next_attempt_at past the
 * attempt's lease before any call goes out; a duplicate message for the same delivery finds
 * it not due and is dropped. Returns undefined when there is nothing to attempt.
 */
export async function claimDueDelivery(
  db: Database,
  deliveryId: string,
  now: number,
  leaseMs: number,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: now + leaseMs })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.status, "pending"),
        or(
          isNull(webhookDeliveries.nextAttemptAt),
          lte(webhookDeliveries.nextAttemptAt, now + EARLY_TOLERANCE_MS),
        ),
      ),
    )
    .returning();
  return row;
}

export async function findAttemptContext(db: Database, delivery: DeliveryRow) {
  const [[endpoint], [event]] = await Promise.all([
    db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId)).limit(1),
    db.select().from(events).where(eq(events.id, delivery.eventId)).limit(1),
  ]);
  return { endpoint, event };
}

export interface AttemptRecord {
  deliveryId: string;
  endpointId: string;
  now: number;
  status: "pending" | "succeeded" | "failed";
  responseStatus: number | null;
  error: string | null;
  nextAttemptAt: number | null;
}

const FAILING_DISABLE_MS = 5 * 86_400_000;

/** The attempt's outcome and the endpoint's health, in one batch. */
export async function recordAttempt(db: Database, record: AttemptRecord, endpointGone: boolean) {
  const delivery = db
    .update(webhookDeliveries)
    .set({
      status: record.status,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastResponseStatus: record.responseStatus,
      lastError: record.error,
      lastAttemptAt: record.now,
      nextAttemptAt: record.nextAttemptAt,
    })
    .where(eq(webhookDeliveries.id, record.deliveryId));
  const byId = eq(webhookEndpoints.id, record.endpointId);
  if (record.status === "succeeded") {
    await db.batch([delivery, db.update(webhookEndpoints).set({ failingSince: null }).where(byId)]);
    return;
  }
  const disable = endpointGone
    ? db
        .update(webhookEndpoints)
        .set({ status: "disabled", disabledReason: "gone", updatedAt: record.now })
        .where(and(byId, eq(webhookEndpoints.status, "active")))
    : db
        .update(webhookEndpoints)
        .set({ status: "disabled", disabledReason: "failing", updatedAt: record.now })
        .where(
          and(
            byId,
            eq(webhookEndpoints.status, "active"),
            lte(webhookEndpoints.failingSince, record.now - FAILING_DISABLE_MS),
          ),
        );
  await db.batch([
    delivery,
    db
      .update(webhookEndpoints)
      .set({ failingSince: sql`COALESCE(${webhookEndpoints.failingSince}, ${record.now})` })
      .where(byId),
    disable,
  ]);
}

/** Ends a delivery that can no longer be attempted (endpoint deleted or disabled, event expired). */
export async function abandonDelivery(db: Database, deliveryId: string, reason: string) {
  await db
    .update(webhookDeliveries)
    .set({ status: "failed", lastError: reason, nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending")));
}

/** Deliveries of these events that have never been attempted: the messages to enqueue. */
export async function listUnattemptedDeliveryIds(db: Database, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return listIds(
    db,
    webhookDeliveries,
    and(
      inArray(webhookDeliveries.eventId, eventIds),
      eq(webhookDeliveries.status, "pending"),
      eq(webhookDeliveries.attempts, 0),
    ),
  );
}
