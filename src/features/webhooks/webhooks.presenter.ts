import { toIso, toIsoOrNull } from "../../lib/time";
import type { DeliveryRow, EndpointRow } from "./webhooks.repository";

/** The endpoint object (§12); the secret is added only by create and rotate. */
export function presentEndpoint(row: EndpointRow) {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    status: row.status,
    disabled_reason: row.disabledReason,
    created_at: toIso(row.createdAt),
    updated_at: toIso(row.updatedAt),
  };
}

export function presentDelivery(row: DeliveryRow) {
  return {
    id: row.id,
    endpoint_id: row.endpointId,
    event_id: row.eventId,
    event_type: row.eventType,
    status: row.status,
    attempts: row.attempts,
    last_response_status: row.lastResponseStatus,
    last_error: row.lastError,
    last_attempt_at: toIsoOrNull(row.lastAttemptAt),
    next_attempt_at: toIsoOrNull(row.nextAttemptAt),
    created_at: toIso(row.createdAt),
  };
}
