import { dataResponse, listResponse, pageResponse } from "../../http/openapi";
import { idempotentOptionalBody } from "../../http/route";
import { route, v1Router } from "../../http/route-table";
import { WebhookDeliverySchema } from "../webhooks/webhooks.schemas";
import {
  EventParamsSchema,
  EventSchema,
  ListEventsQuerySchema,
  RedeliverBodySchema,
} from "./events.schemas";
import { getEvent, listEvents, redeliverEvent } from "./events.service";

export const eventsRoutes = v1Router("Events", "webhooks", [
  route.get(
    "/events",
    {
      summary: "List events of the last 30 days, newest first",
      description:
        "Paginated; filter `type` (comma list of event types). `data.object` is the resource as the API returned it when the change committed.",
      query: ListEventsQuerySchema,
      responses: pageResponse(EventSchema, "Events, newest first"),
    },
    (r) => listEvents(r.db, r.orgId, r.query, r.now),
  ),
  route.get(
    "/events/{id}",
    {
      summary: "Get an event",
      description:
        "One event of the caller's organization; 404 for unknown, foreign or expired (older than 30 days) ids.",
      params: EventParamsSchema,
      responses: dataResponse(200, EventSchema, "The event"),
    },
    (r) => getEvent(r.db, r.orgId, r.param.id, r.now),
  ),
  route.post(
    "/events/{id}/redeliver",
    {
      summary: "Deliver an event again",
      description:
        "A new delivery (same `webhook-id`) to `endpoint_id`, or to every active endpoint subscribed to the event type. A named endpoint must be live, active and subscribed (or have received the event before), else 400 on `endpoint_id`. The body is optional.",
      params: EventParamsSchema,
      request: idempotentOptionalBody(RedeliverBodySchema),
      responses: listResponse(202, WebhookDeliverySchema, "The new deliveries"),
    },
    (r) =>
      redeliverEvent(r.db, {
        organizationId: r.orgId,
        eventId: r.param.id,
        endpointId: r.json.endpoint_id,
        now: r.now,
      }),
  ),
]);
