import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import {
  createRouter,
  dataOf,
  jsonBodyOf,
  jsonResponse,
  noContent,
  pageOf,
} from "../../http/openapi";
import { PaginationQuerySchema } from "../../http/pagination";
import {
  idempotentEmptyBody,
  idempotentJsonBody,
  v1Routes,
  v1WriteRequestOf,
} from "../../http/route";
import { authOf } from "../../http/scopes";
import { webhookConfigOf } from "./webhook-config";
import { listEndpointDeliveries } from "./webhook-deliveries.service";
import { sendTestEvent } from "./webhook-test-event";
import {
  CreateWebhookEndpointBodySchema,
  ListDeliveriesQuerySchema,
  TestEventResultSchema,
  UpdateWebhookEndpointBodySchema,
  WebhookDeliverySchema,
  WebhookEndpointParamsSchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
} from "./webhooks.schemas";
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
} from "./webhooks.service";

const route = v1Routes("Webhooks", "webhooks");

/** The caller's endpoint a route acts on (a foreign id is 404 in the service). */
function endpointScopeOf(c: Context<AppEnv>, endpointId: string) {
  return { organizationId: authOf(c).organizationId, endpointId };
}

export const webhooksRoutes = createRouter()
  .openapi(
    route.post("/webhook-endpoints", {
      summary: "Create a webhook endpoint",
      description:
        'Returns the signing `secret` (shown only here and by rotate-secret). Deliveries are signed the Standard Webhooks way: `webhook-signature: v1,<base64 HMAC-SHA256(secret bytes, "<webhook-id>.<webhook-timestamp>.<body>")>`.',
      request: idempotentJsonBody(CreateWebhookEndpointBodySchema),
      responses: jsonResponse(
        201,
        dataOf(WebhookEndpointWithSecretSchema),
        "The endpoint, with its secret",
      ),
    }),
    async (c) => {
      const endpoint = await createEndpoint(c.get("db"), {
        ...v1WriteRequestOf(c),
        body: c.req.valid("json"),
        config: webhookConfigOf(c.env),
      });
      return c.json({ data: endpoint }, 201);
    },
  )
  .openapi(
    route.get("/webhook-endpoints", {
      summary: "List webhook endpoints, newest first",
      description:
        "Paginated (`page`, `page_size`). Secrets are never listed: they appear only in the create and rotate-secret responses.",
      query: PaginationQuerySchema,
      responses: jsonResponse(200, pageOf(WebhookEndpointSchema), "Endpoints, newest first"),
    }),
    async (c) => {
      const page = await listEndpoints(c.get("db"), authOf(c).organizationId, c.req.valid("query"));
      return c.json(page, 200);
    },
  )
  .openapi(
    route.get("/webhook-endpoints/{id}", {
      summary: "Get a webhook endpoint",
      description:
        "One endpoint of the caller's organization (404 for unknown or foreign ids), without its secret.",
      params: WebhookEndpointParamsSchema,
      responses: jsonResponse(200, dataOf(WebhookEndpointSchema), "The endpoint"),
    }),
    async (c) => {
      const scope = endpointScopeOf(c, c.req.valid("param").id);
      return c.json({ data: await getEndpoint(c.get("db"), scope) }, 200);
    },
  )
  .openapi(
    route.patch("/webhook-endpoints/{id}", {
      summary: "Update a webhook endpoint",
      description:
        "url, events, description, status; at least one. Re-enabling clears `disabled_reason`.",
      params: WebhookEndpointParamsSchema,
      request: jsonBodyOf(UpdateWebhookEndpointBodySchema),
      responses: jsonResponse(200, dataOf(WebhookEndpointSchema), "The updated endpoint"),
    }),
    async (c) => {
      const endpoint = await updateEndpoint(c.get("db"), {
        ...endpointScopeOf(c, c.req.valid("param").id),
        patch: c.req.valid("json"),
        config: webhookConfigOf(c.env),
        now: Date.now(),
      });
      return c.json({ data: endpoint }, 200);
    },
  )
  .openapi(
    route.delete("/webhook-endpoints/{id}", {
      summary: "Delete a webhook endpoint",
      description:
        "Its pending deliveries stop (they end as `failed` with `last_error: endpoint_deleted`).",
      params: WebhookEndpointParamsSchema,
      responses: noContent("Deleted; empty body"),
    }),
    async (c) => {
      const scope = endpointScopeOf(c, c.req.valid("param").id);
      await deleteEndpoint(c.get("db"), scope, Date.now());
      return c.body(null, 204);
    },
  )
  .openapi(
    route.post("/webhook-endpoints/{id}/rotate-secret", {
      summary: "Rotate the signing secret",
      description:
        "Returns the new `secret`. For 24 h the previous secret keeps signing alongside: `webhook-signature` carries both signatures, separated by a space.",
      params: WebhookEndpointParamsSchema,
      request: idempotentEmptyBody(),
      responses: jsonResponse(
        200,
        dataOf(WebhookEndpointWithSecretSchema),
        "The endpoint, with its new secret",
      ),
    }),
    async (c) => {
      const endpoint = await rotateSecret(c.get("db"), {
        ...v1WriteRequestOf(c),
        endpointId: c.req.valid("param").id,
        config: webhookConfigOf(c.env),
      });
      return c.json({ data: endpoint }, 200);
    },
  )
  .openapi(
    route.post("/webhook-endpoints/{id}/test", {
      summary: "Send a webhook.test event to this endpoint only",
      description: "The event's `data.object` is the endpoint. Sent even to a disabled endpoint.",
      params: WebhookEndpointParamsSchema,
      request: idempotentEmptyBody(),
      responses: jsonResponse(
        202,
        TestEventResultSchema,
        "The test event was written and is being delivered",
      ),
    }),
    async (c) => {
      const result = await sendTestEvent(c.get("db"), {
        ...v1WriteRequestOf(c),
        endpointId: c.req.valid("param").id,
      });
      return c.json({ data: result }, 202);
    },
  )
  .openapi(
    route.get("/webhook-endpoints/{id}/deliveries", {
      summary: "The endpoint's delivery log, newest first",
      description:
        "Paginated; filter `status` (`pending`, `succeeded`, `failed`). One row per (event, endpoint) delivery with its attempts, last response status and error, and the next attempt.",
      params: WebhookEndpointParamsSchema,
      query: ListDeliveriesQuerySchema,
      responses: jsonResponse(200, pageOf(WebhookDeliverySchema), "Deliveries, newest first"),
    }),
    async (c) => {
      const scope = endpointScopeOf(c, c.req.valid("param").id);
      const page = await listEndpointDeliveries(c.get("db"), scope, c.req.valid("query"));
      return c.json(page, 200);
    },
  );
