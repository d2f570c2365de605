import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { events } from "../../db/schema";

export type EventRow = typeof events.$inferSelect;

export async function findEventById(db: Database, organizationId: string, eventId: string) {
  const [row] = await db
    .select()
    .from(events)
    .where(and(eq(events.id, eventId), eq(events.organizationId, organizationId)))
    .limit(1);
  return row;
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
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(events)
      .where(where)
      // Events of one change share created_at; rowid is their insert order, so the newest-first
      // list shows them in reverse order of writing (never shuffled by their random ids).
      .orderBy(desc(events.createdAt), sql`${events}.rowid DESC`)
      .limit(limit)
      .offset(offset),
    db.select({ value: count() }).from(events).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}
