import { and, eq, inArray, isNull, lt, lte, not, type Placeholder, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { prepared } from "../db/prepared-statement";
import { idsQuery, listIds } from "../db/queries";
import { events, webhookDeliveries } from "../db/schema";

/** Of these IDs, the events that are committed and not yet handed to the Queue. */
export async function findUnenqueuedEventIds(db: Database, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return listIds(db, events, and(inArray(events.id, eventIds), isNull(events.enqueuedAt)));
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
  const stale = and(isNull(events.enqueuedAt), lte(events.createdAt, createdBefore));
  const rows = await idsQuery(db, events, stale).orderBy(events.createdAt).limit(limit);
  return rows.map((row) => row.id);
}

/** Retention (§12: 30 days): events and their deliveries go together. */
export async function deleteEventsCreatedBefore(db: Database, cutoff: number) {
  const old = idsQuery(db, events, lt(events.createdAt, cutoff));
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

/**
 * The end of a change's batch (§12): its events that have nothing to deliver (no subscribed
 * endpoint, no customer email) are marked enqueued at once, so the request's dispatch has no
 * work for them; then the ones left to hand to the Queue. An event the batch did not write (its
 * guard refused) is in neither.
 */
export function settleEventsStatements(db: Database, eventIds: string[], now: number) {
  const ids = JSON.stringify(eventIds);
  return [markEventsSettled(db, { ids, now }), unsettledEvents(db, { ids })] as const;
}

/** `id IN` the JSON array bound at `ids`: one parameter, one shape, however many events. */
const idInJson = (ids: Placeholder) => sql`${events.id} IN (SELECT value FROM json_each(${ids}))`;

// The end of every write batch that writes an event: both statements are built once.
const markEventsSettled = prepared(["ids", "now"], (db, p) => {
  const deliveryPending = sql`EXISTS (SELECT 1 FROM webhook_deliveries d
    WHERE d.event_id = ${events.id} AND d.status = 'pending' AND d.attempts = 0)`;
  const mailPending = sql`EXISTS (SELECT 1 FROM notifications n
    WHERE n.event_id = ${events.id} AND n.status = 'pending')`;
  const pending = and(isNull(events.enqueuedAt), not(deliveryPending), not(mailPending));
  return db
    .update(events)
    .set({ enqueuedAt: p.now as unknown as number })
    .where(and(idInJson(p.ids), pending));
});

const unsettledEvents = prepared(["ids"], (db, p) =>
  idsQuery(db, events, and(idInJson(p.ids), isNull(events.enqueuedAt))),
);
