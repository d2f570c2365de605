import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { anyOf, findOwnedRow, listPage } from "../../db/queries";
import { events } from "../../db/schema";
import { EVENT_RETENTION_MS } from "../../events/event-types";
import type { PageRequest } from "../../lib/pagination";

export type EventRow = typeof events.$inferSelect;

/** §12 keeps events 30 days: older ones are gone at once, not when the sweep deletes them. */
const isKept = (now: number) => gt(events.createdAt, now - EVENT_RETENTION_MS);

export async function findEventById(
  db: Database,
  organizationId: string,
  eventId: string,
  now: number,
) {
  return findOwnedRow(db, events, organizationId, eventId, isKept(now));
}

/** Newest first (created_at, then id), with the total for pagination. */
export async function listEventsByOrganization(
  db: Database,
  organizationId: string,
  types: string[] | undefined,
  page: PageRequest,
  now: number,
) {
  const where = and(
    eq(events.organizationId, organizationId),
    anyOf(events.type, types),
    isKept(now),
  );
  // Events of one change share created_at; rowid is their insert order, so the newest-first
  // list shows them in reverse order of writing (never shuffled by their random ids).
  const order = [desc(events.createdAt), sql`${events}.rowid DESC`];
  return listPage(db, events, { where, order }, page);
}
