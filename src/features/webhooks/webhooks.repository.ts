import { and, eq, getTableColumns, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../../db/client";
import {
  anyOf,
  findOwnedRow,
  listPage,
  listRows,
  newestFirst,
  updateOwnedRowStatement,
} from "../../db/queries";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema";
import { chunk, MAX_BOUND_PARAMETERS } from "../../lib/bound-parameters";
import type { PageRequest } from "../../lib/pagination";
import type { DeliveryStatus } from "./webhooks.schemas";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const isLive = isNull(webhookEndpoints.deletedAt);

export function insertEndpointStatement(db: Database, row: EndpointRow) {
  return db.insert(webhookEndpoints).values(row);
}

export async function findLiveEndpoint(db: Database, organizationId: string, endpointId: string) {
  return findOwnedRow(db, webhookEndpoints, organizationId, endpointId, isLive);
}

/** Newest first (created_at, then id), with the total for pagination. */
export async function listLiveEndpoints(db: Database, organizationId: string, page: PageRequest) {
  const where = and(eq(webhookEndpoints.organizationId, organizationId), isLive);
  return listPage(db, webhookEndpoints, { where, order: newestFirst(webhookEndpoints) }, page);
}

/** Every live endpoint of the organization (redelivery picks the subscribed ones). */
export async function listAllLiveEndpoints(db: Database, organizationId: string) {
  return listRows(
    db,
    webhookEndpoints,
    and(eq(webhookEndpoints.organizationId, organizationId), isLive),
  );
}

export function updateEndpointStatement(db: Database, row: EndpointRow) {
  return updateOwnedRowStatement(db, webhookEndpoints, row);
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
  page: PageRequest,
) {
  const where = and(
    eq(webhookDeliveries.endpointId, endpointId),
    anyOf(webhookDeliveries.status, statuses),
  );
  return listPage(db, webhookDeliveries, { where, order: newestFirst(webhookDeliveries) }, page);
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
