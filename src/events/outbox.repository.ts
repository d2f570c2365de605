import { and, eq, inArray, isNull, lt, lte } from "drizzle-orm";
import type { Database } from "../db/client";
import { events, webhookDeliveries } from "../db/schema";

/** Of these IDs, the events that are committed and not yet handed to the Queue. */
export async function findUnenqueuedEventIds(db: Database, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  const rows = await db
    .select({ id: events.id })
    .from(events)
    .where(and(inArray(events.id, eventIds), isNull(events.enqueuedAt)));
  return rows.map((row) => row.id);
}

export async function markEventsEnqueued(db: Database, eventIds: string[], now: number) {
  if (eventIds.length === 0) return;
  await db.update(events).set({ enqueuedAt: now }).where(inArray(events.id, eventIds));
}

/** Events a Worker committed but never enqueued (it died in between), oldest first. */
export async function listStaleUnenqueuedEventIds(
  db: Database,
  createdBefore: number,
  limit: number,
) {
  const rows = await db
    .select({ id: events.id })
    .from(events)
    .where(and(isNull(events.enqueuedAt), lte(events.createdAt, createdBefore)))
    .orderBy(events.createdAt)
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Retention (§12: 30 days): events and their deliveries go together. */
export async function deleteEventsCreatedBefore(db: Database, cutoff: number) {
  const old = db.select({ id: events.id }).from(events).where(lt(events.createdAt, cutoff));
  const [, removed] = await db.batch([
    db.delete(webhookDeliveries).where(inArray(webhookDeliveries.eventId, old)),
    db.delete(events).where(lt(events.createdAt, cutoff)),
  ]);
  return removed.meta.changes;
}

/** Makes the sweep enqueue the event again (redelivery writes its new deliveries with it). */
export function markEventUnenqueuedStatement(db: Database, eventId: string) {
  return db.update(events).set({ enqueuedAt: null }).where(eq(events.id, eventId));
}
