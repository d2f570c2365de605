import type { Database } from "../../db/client";
import { orNotFound, ValidationError } from "../../errors";
import { ALL_EVENTS, TEST_EVENT_TYPE } from "../../events/event-types";
import { markEventUnenqueuedStatement } from "../../events/outbox.repository";
import { noteEventWritten } from "../../events/pending-events";
import { newId } from "../../lib/ids";
import { type PageRequest, paginationOf } from "../../lib/pagination";
import { presentDelivery } from "../webhooks/webhooks.presenter";
import {
  type DeliveryRow,
  type EndpointRow,
  findLiveEndpoint,
  insertDeliveriesStatements,
  listAllLiveEndpoints,
  listEndpointIdsDeliveredEvent,
} from "../webhooks/webhooks.repository";
import { presentEvent } from "./events.presenter";
import { type EventRow, findEventById, listEventsByOrganization } from "./events.repository";
import type { ListEventsQuery } from "./events.schemas";

async function requireEvent(db: Database, organizationId: string, eventId: string, now: number) {
  return orNotFound(await findEventById(db, organizationId, eventId, now), "Event");
}

export async function getEvent(db: Database, organizationId: string, eventId: string, now: number) {
  return presentEvent(await requireEvent(db, organizationId, eventId, now));
}

export async function listEvents(
  db: Database,
  organizationId: string,
  query: ListEventsQuery,
  now: number,
) {
  const page: PageRequest = { page: query.page, page_size: query.page_size };
  // Deduplicated: a repeated type must not grow the IN list past D1's 100 parameters.
  const types = query.type ? [...new Set(query.type.split(","))] : undefined;
  const { rows, total } = await listEventsByOrganization(db, organizationId, types, page, now);
  return { data: rows.map(presentEvent), pagination: paginationOf(total, page) };
}

const subscribesTo = (endpoint: EndpointRow, type: string) =>
  endpoint.events.includes(ALL_EVENTS) || endpoint.events.includes(type);

/** The endpoint a redelivery names: live, active, and one this event is meant for. */
async function namedTarget(db: Database, event: EventRow, endpointId: string) {
  const endpoint = await findLiveEndpoint(db, event.organizationId, endpointId);
  if (!endpoint)
    throw ValidationError.forField("endpoint_id", `Unknown webhook endpoint: ${endpointId}`);
  if (endpoint.status !== "active" && event.type !== TEST_EVENT_TYPE) {
    throw ValidationError.forField("endpoint_id", "This endpoint is disabled; re-enable it first");
  }
  const received = await listEndpointIdsDeliveredEvent(db, event.id);
  if (!subscribesTo(endpoint, event.type) && !received.includes(endpoint.id)) {
    throw ValidationError.forField(
      "endpoint_id",
      `This endpoint does not subscribe to ${event.type}`,
    );
  }
  return [endpoint];
}

/** By default: active endpoints subscribed now; a test event goes back to where it went. */
async function defaultTargets(db: Database, event: EventRow) {
  const endpoints = await listAllLiveEndpoints(db, event.organizationId);
  if (event.type !== TEST_EVENT_TYPE) {
    return endpoints.filter((e) => e.status === "active" && subscribesTo(e, event.type));
  }
  const received = new Set(await listEndpointIdsDeliveredEvent(db, event.id));
  return endpoints.filter((e) => received.has(e.id));
}

export interface RedeliverInput {
  organizationId: string;
  eventId: string;
  endpointId: string | undefined;
  now: number;
}

/**
 * New deliveries of the event (the same webhook-id, so receivers can deduplicate). The event is
 * marked not enqueued in the same batch: if the Worker dies before it enqueues, the sweep does.
 */
export async function redeliverEvent(db: Database, input: RedeliverInput) {
  const event = await requireEvent(db, input.organizationId, input.eventId, input.now);
  const targets = input.endpointId
    ? await namedTarget(db, event, input.endpointId)
    : await defaultTargets(db, event);
  if (targets.length === 0) return [];
  const rows: DeliveryRow[] = targets.map((endpoint) => ({
    id: newId("whd"),
    organizationId: event.organizationId,
    endpointId: endpoint.id,
    eventId: event.id,
    eventType: event.type,
    status: "pending",
    attempts: 0,
    lastResponseStatus: null,
    lastError: null,
    lastAttemptAt: null,
    nextAttemptAt: input.now,
    createdAt: input.now,
  }));
  await db.batch([
    markEventUnenqueuedStatement(db, event.id),
    ...insertDeliveriesStatements(db, rows),
  ]);
  noteEventWritten(db, event.id);
  return rows.map(presentDelivery);
}
