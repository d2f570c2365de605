import { and, count, desc, eq, getTableColumns, inArray, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../../db/client";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema";
import { chunk, MAX_BOUND_PARAMETERS } from "../../lib/bound-parameters";
import type { DeliveryStatus } from "./webhooks.schemas";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const isLive = isNull(webhookEndpoints.deletedAt);

export function insertEndpointStatement(db: Database, row: EndpointRow) {
  return db.insert(webhookEndpoints).values(row);
}

export async function findLiveEndpoint(db: Database, organizationId: string, endpointId: string) {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.id, endpointId),
        eq(webhookEndpoints.organizationId, organizationId),
        isLive,
      ),
    )
    .limit(1);
  return row;
}

/** Newest first (created_at, then id), with the total for pagination. */
export async function listLiveEndpoints(
  db: Database,
  organizationId: string,
  limit: number,
  offset: number,
) {
  const where = and(eq(webhookEndpoints.organizationId, organizationId), isLive);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(webhookEndpoints)
      .where(where)
      .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
      .limit(limit)
      .offset(offset),
    db.select({ value: count() }).from(webhookEndpoints).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}

/** Every live endpoint of the organization (redelivery picks the subscribed ones). */
export async function listAllLiveEndpoints(db: Database, organizationId: string) {
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, organizationId), isLive));
}

export function updateEndpointStatement(db: Database, row: EndpointRow) {
  const { id, organizationId, createdAt: _createdAt, ...changes } = row;
  return db
    .update(webhookEndpoints)
    .set(changes)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, organizationId)));
}

/** Soft delete; its pending deliveries stop in the same batch (§12). */
export async function softDeleteEndpoint(db: Database, endpoint: EndpointRow, now: number) {
  await db.batch([
    db
      .update(webhookEndpoints)
      .set({ deletedAt: now, updatedAt: now })
      .where(and(eq(webhookEndpoints.id, endpoint.id), isLive)),
    db
      .update(webhookDeliveries)
      .set({ status: "failed", lastError: "endpoint_deleted", nextAttemptAt: null })
      .where(
        and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, "pending")),
      ),
  ]);
}

export async function listDeliveriesByEndpoint(
  db: Database,
  endpointId: string,
  statuses: DeliveryStatus[] | undefined,
  limit: number,
  offset: number,
) {
  const where = and(
    eq(webhookDeliveries.endpointId, endpointId),
    statuses?.length ? inArray(webhookDeliveries.status, statuses) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(limit)
      .offset(offset),
    db.select({ value: count() }).from(webhookDeliveries).where(where),
  ]);
  return { rows, total: total?.value ?? 0 };
}

/** Endpoints that already received a delivery of this event (redelivering a test event). */
export async function listEndpointIdsDeliveredEvent(db: Database, eventId: string) {
  const rows = await db
    .selectDistinct({ endpointId: webhookDeliveries.endpointId })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.eventId, eventId));
  return rows.map((row) => row.endpointId);
}

/** A delivery row binds one parameter per column: as many rows per statement as fit in D1's 100. */
const DELIVERIES_PER_STATEMENT = Math.floor(
  MAX_BOUND_PARAMETERS / Object.keys(getTableColumns(webhookDeliveries)).length,
);

export function insertDeliveriesStatements(
  db: Database,
  rows: DeliveryRow[],
): BatchItem<"sqlite">[] {
  return chunk(rows, DELIVERIES_PER_STATEMENT).map((part) =>
    db.insert(webhookDeliveries).values(part),
  );
}
