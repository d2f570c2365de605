import { createRoute, z } from "@hono/zod-openapi";
import {
  createRouter,
  dataOf,
  errorResponses,
  IdempotencyKeyHeaderSchema,
  jsonContent,
  pageOf,
  V1_READ_ERRORS,
  V1_WRITE_ERRORS,
} from "../../http/openapi";
import { authOf, requireScope } from "../../http/scopes";
import { WebhookDeliverySchema } from "../webhooks/webhooks.schemas";
import {
  EventParamsSchema,
  EventSchema,
  ListEventsQuerySchema,
  RedeliverBodySchema,
} from "./events.schemas";
import { getEvent, listEvents, redeliverEvent } from "./events.service";

const tags = ["Events"];

export const eventsRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/events",
      tags,
      summary: "List events of the last 30 days, newest first",
      description:
        "Paginated; filter `type` (comma list of event types). `data.object` is the resource as the API returned it when the change committed.",
      middleware: [requireScope("webhooks", "read")] as const,
      request: { query: ListEventsQuerySchema },
      responses: {
        200: jsonContent(pageOf(EventSchema), "Events, newest first"),
        ...errorResponses(...V1_READ_ERRORS),
      },
    }),
    async (c) => {
      const page = await listEvents(c.get("db"), authOf(c).organizationId, c.req.valid("query"));
      return c.json(page, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/events/{id}",
      tags,
      summary: "Get an event",
      description:
        "One event of the caller's organization; 404 for unknown, foreign or expired (older than 30 days) ids.",
      middleware: [requireScope("webhooks", "read")] as const,
      request: { params: EventParamsSchema },
      responses: {
        200: jsonContent(dataOf(EventSchema), "The event"),
        ...errorResponses(...V1_READ_ERRORS),
      },
    }),
    async (c) => {
      const event = await getEvent(c.get("db"), authOf(c).organizationId, c.req.valid("param").id);
      return c.json({ data: event }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/events/{id}/redeliver",
      tags,
      summary: "Deliver an event again",
      description:
        "A new delivery (same `webhook-id`) to `endpoint_id`, or to every active endpoint subscribed to the event type. A named endpoint must be live, active and subscribed (or have received the event before), else 400 on `endpoint_id`. The body is optional.",
      middleware: [requireScope("webhooks", "write")] as const,
      request: {
        params: EventParamsSchema,
        headers: IdempotencyKeyHeaderSchema,
        body: { content: { "application/json": { schema: RedeliverBodySchema } }, required: false },
      },
      responses: {
        202: jsonContent(z.object({ data: z.array(WebhookDeliverySchema) }), "The new deliveries"),
        ...errorResponses(...V1_WRITE_ERRORS),
      },
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
