import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { TEST_EVENT_TYPE } from "../../events/event-types";
import { addEvent } from "../../events/outbox";
import {
  findOriginalResourceId,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { presentEndpoint } from "./webhooks.presenter";
import { type EndpointScope, requireEndpoint } from "./webhooks.service";

export interface SendTestEventInput extends EndpointScope, WriteRequest {}

const TEST_EVENT = "webhook_test_event";

/**
 * A `webhook.test` event whose object is the endpoint, delivered to this endpoint only (even
 * a disabled one, so it can be checked before it is re-enabled).
 */
export async function sendTestEvent(db: Database, input: SendTestEventInput) {
  const endpoint = await requireEndpoint(db, input);
  const original = await findOriginalResourceId(db, input, TEST_EVENT);
  if (original) return { event_id: original };
  const batch = new WriteBatch(db);
  const eventId = addEvent(
    batch,
    endpoint.organizationId,
    TEST_EVENT_TYPE,
    { object: presentEndpoint(endpoint) },
    input.now,
    { endpointId: endpoint.id },
  );
  recordIdempotencyKey(batch, input, { resourceType: TEST_EVENT, resourceId: eventId });
  await batch.commit();
  return { event_id: eventId };
}
