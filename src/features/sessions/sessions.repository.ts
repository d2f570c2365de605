import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { bookings, sessions } from "../../db/schema";
import { queryInChunks } from "../../lib/bound-parameters";

export type SessionRow = typeof sessions.$inferSelect;

export async function findMaterializedSession(db: Database, sessionId: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId)).limit(1);
  return row;
}

export async function listMaterializedSessionsInWindow(
  db: Database,
  experienceId: string,
  fromMs: number,
  toMs: number,
) {
  return db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.experienceId, experienceId),
        gte(sessions.startAt, fromMs),
        lt(sessions.startAt, toMs),
      ),
    );
}

/** Seats held by confirmed bookings, per session; sessions without bookings are absent. */
export async function sumConfirmedSeatsBySession(db: Database, sessionIds: string[]) {
  const totals = new Map<string, number>();
  const rows = await queryInChunks(sessionIds, 1, (chunk) =>
    db
      .select({ sessionId: bookings.sessionId, seats: sql<number>`sum(${bookings.quantity})` })
      .from(bookings)
      .where(and(inArray(bookings.sessionId, chunk), eq(bookings.status, "confirmed")))
      .groupBy(bookings.sessionId),
  );
  for (const row of rows) totals.set(row.sessionId, Number(row.seats));
  return totals;
}
