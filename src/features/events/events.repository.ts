import { and, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { findOwnedRow, listPage } from "../../db/queries";
import { events } from "../../db/schema";

export type EventRow = typeof events.$inferSelect;

export async function findEventById(db: Database, organizationId: string, eventId: string) {
  return findOwnedRow(db, events, organizationId, eventId);
}

/** Newest first (created_at, then id), with the total for pagination. */
export async function listEventsByOrganization(
  db: Database,
  organizationId: string,
  types: string[] | undefined,
  limit: number,
  offset: number,
) {
  const where = and(
    eq(events.organizationId, organizationId),
    types?.length ? inArray(events.type, types) : undefined,
  );
  return listPage(db, events, {
    where,
    order: [desc(events.createdAt), desc(events.id)],
    limit,
    offset,
  });
}
