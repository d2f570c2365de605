import { and, eq, inArray, isNull, lt, lte, type Placeholder, sql } from "drizzle-orm";
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

/** `id IN` the JSON array bound at `ids`: one parameter, one shape, however many events. */
const idInJson = (ids: Placeholder) => sql`${events.id} IN (SELECT value FROM json_each(${ids}))`;

/**
 * The last statement of a batch that wrote customer emails (§17): their events, written
 * settled when no endpoint gets them, wait for the dispatch again. Returns those it found
 * with a pending email (an email whose event the batch refused was never written).
 */
export const unsettleMailedEvents = prepared(["ids"], (db, p) => {
  const mailPending = sql`EXISTS (SELECT 1 FROM notifications n
    WHERE n.event_id = ${events.id} AND n.status = 'pending')`;
  return db
    .update(events)
    .set({ enqueuedAt: null })
    .where(and(idInJson(p.ids), mailPending))
    .returning({ id: events.id });
});
