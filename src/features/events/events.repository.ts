import { and, desc, eq } from "drizzle-orm";
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
  return listPage(db, events, { where, order: [desc(events.createdAt), desc(events.id)] }, page);
}
