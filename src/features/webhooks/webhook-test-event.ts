import type { Database } from "../../db/client";
import { TEST_EVENT_TYPE } from "../../events/event-types";
import { buildEvent, outboxStatements } from "../../events/outbox";
import {
  batchWithIdempotentOutcome,
  findOriginalResourceId,
  type IdempotencyScope,
} from "../../idempotency/d1-record";
import { presentEndpoint } from "./webhook-presenter";
import { type EndpointScope, requireEndpoint } from "./webhooks.service";

export interface SendTestEventInput extends EndpointScope {
  idempotency: IdempotencyScope | undefined;
  now: number;
}

const TEST_EVENT_SENT = { resourceType: "webhook_test_event", statusCode: 202 } as const;

/**
 * A `webhook.test` event whose object is the endpoint, delivered to this endpoint only (even
 * a disabled one, so it can be checked before it is re-enabled).
 */
export async function sendTestEvent(db: Database, input: SendTestEventInput) {
  const endpoint = await requireEndpoint(db, input);
  const { idempotency, now } = input;
  const original = await findOriginalResourceId(db, idempotency, TEST_EVENT_SENT.resourceType, now);
  if (original) return { event_id: original };
  const event = buildEvent(
    endpoint.organizationId,
    TEST_EVENT_TYPE,
    { object: presentEndpoint(endpoint) },
    now,
  );
  await batchWithIdempotentOutcome(
    db,
    outboxStatements(db, event, { endpointId: endpoint.id }),
    idempotency,
    { ...TEST_EVENT_SENT, resourceId: event.id },
    now,
  );
  return { event_id: event.id };
}
