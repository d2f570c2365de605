import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { anyOf, findOwnedRow, listPage } from "../../db/queries";
import { events } from "../../db/schema";
import type { PageRequest } from "../../lib/pagination";

export type EventRow = typeof events.$inferSelect;

export async function findEventById(db: Database, organizationId: string, eventId: string) {
  return findOwnedRow(db, events, organizationId, eventId);
}

/** Newest first (created_at, then id), with the total for pagination. */
export async function listEventsByOrganization(
  db: Database,
  organizationId: string,
  types: string[] | undefined,
  page: PageRequest,
) {
  const where = and(eq(events.organizationId, organizationId), anyOf(events.type, types));
  // Events of one change share created_at; rowid is their insert order, so the newest-first
  // list shows them in reverse order of writing (never shuffled by their random ids).
  const order = [desc(events.createdAt), sql`${events}.rowid DESC`];
  return listPage(db, events, { where, order }, page);
}
