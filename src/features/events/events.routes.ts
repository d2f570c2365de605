import { createRouter, dataOf, jsonResponse, listOf, pageOf } from "../../http/openapi";
import { idempotentOptionalBody, v1Routes } from "../../http/route";
import { authOf } from "../../http/scopes";
import { WebhookDeliverySchema } from "../webhooks/webhooks.schemas";
import {
  EventParamsSchema,
  EventSchema,
  ListEventsQuerySchema,
  RedeliverBodySchema,
} from "./events.schemas";
import { getEvent, listEvents, redeliverEvent } from "./events.service";

const route = v1Routes("Events", "webhooks");

export const eventsRoutes = createRouter()
  .openapi(
    route.get("/events", {
      summary: "List events of the last 30 days, newest first",
      description:
        "Paginated; filter `type` (comma list of event types). `data.object` is the resource as the API returned it when the change committed.",
      query: ListEventsQuerySchema,
      responses: jsonResponse(200, pageOf(EventSchema), "Events, newest first"),
    }),
    async (c) => {
      const { organizationId } = authOf(c);
      const page = await listEvents(c.get("db"), organizationId, c.req.valid("query"), Date.now());
      return c.json(page, 200);
    },
  )
  .openapi(
    route.get("/events/{id}", {
      summary: "Get an event",
      description:
        "One event of the caller's organization; 404 for unknown, foreign or expired (older than 30 days) ids.",
      params: EventParamsSchema,
      responses: jsonResponse(200, dataOf(EventSchema), "The event"),
    }),
    async (c) => {
      const { organizationId } = authOf(c);
      const event = await getEvent(
        c.get("db"),
        organizationId,
        c.req.valid("param").id,
        Date.now(),
      );
      return c.json({ data: event }, 200);
    },
  )
  .openapi(
    route.post("/events/{id}/redeliver", {
      summary: "Deliver an event again",
      description:
        "A new delivery (same `webhook-id`) to `endpoint_id`, or to every active endpoint subscribed to the event type. A named endpoint must be live, active and subscribed (or have received the event before), else 400 on `endpoint_id`. The body is optional.",
      params: EventParamsSchema,
      request: idempotentOptionalBody(RedeliverBodySchema),
      responses: jsonResponse(202, listOf(WebhookDeliverySchema), "The new deliveries"),
    }),
    async (c) => {
      const deliveries = await redeliverEvent(c.get("db"), {
        organizationId: authOf(c).organizationId,
        eventId: c.req.valid("param").id,
        endpointId: c.req.valid("json").endpoint_id,
        now: Date.now(),
      });
      return c.json({ data: deliveries }, 202);
    },
  );
