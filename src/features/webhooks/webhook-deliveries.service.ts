import type { Database } from "../../db/client";
import { type PageRequest, paginationOf } from "../../lib/pagination";
import { presentDelivery } from "./webhooks.presenter";
import { listDeliveriesByEndpoint } from "./webhooks.repository";
import type { DeliveryStatus, ListDeliveriesQuery } from "./webhooks.schemas";
import { type EndpointScope, requireEndpoint } from "./webhooks.service";

/** The delivery log of one endpoint, newest first (§12). */
export async function listEndpointDeliveries(
  db: Database,
  scope: EndpointScope,
  query: ListDeliveriesQuery,
) {
  const endpoint = await requireEndpoint(db, scope);
  const page: PageRequest = { page: query.page, page_size: query.page_size };
  const statuses = query.status
    ? ([...new Set(query.status.split(","))] as DeliveryStatus[])
    : undefined;
  const { rows, total } = await listDeliveriesByEndpoint(db, endpoint.id, statuses, page);
  return { data: rows.map(presentDelivery), pagination: paginationOf(total, page) };
}
