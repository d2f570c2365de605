import {
  dataResponse,
  jsonBodyOf,
  jsonResponse,
  noContent,
  pageResponse,
} from "../../http/openapi";
import { PaginationQuerySchema } from "../../http/pagination";
import { idempotentEmptyBody, idempotentJsonBody } from "../../http/route";
import { route, v1Router } from "../../http/route-table";
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

/** The caller's endpoint a route acts on (a foreign id is 404 in the service). */
function endpointOf(r: { orgId: string; param: { id: string } }) {
  return { organizationId: r.orgId, endpointId: r.param.id };
}

export const webhooksRoutes = v1Router("Webhooks", "webhooks", [
  route.post(
    "/webhook-endpoints",
    {
      summary: "Create a webhook endpoint",
      description:
        'Returns the signing `secret` (shown only here and by rotate-secret). Deliveries are signed the Standard Webhooks way: `webhook-signature: v1,<base64 HMAC-SHA256(secret bytes, "<webhook-id>.<webhook-timestamp>.<body>")>`.',
      request: idempotentJsonBody(CreateWebhookEndpointBodySchema),
      responses: dataResponse(
        201,
        WebhookEndpointWithSecretSchema,
        "The endpoint, with its secret",
      ),
    },
    (r) => createEndpoint(r.db, { ...r.v1Write, body: r.json, config: webhookConfigOf(r.c.env) }),
  ),
  route.get(
    "/webhook-endpoints",
    {
      summary: "List webhook endpoints, newest first",
      description:
        "Paginated (`page`, `page_size`). Secrets are never listed: they appear only in the create and rotate-secret responses.",
      query: PaginationQuerySchema,
      responses: pageResponse(WebhookEndpointSchema, "Endpoints, newest first"),
    },
    (r) => listEndpoints(r.db, r.orgId, r.query),
  ),
  route.get(
    "/webhook-endpoints/{id}",
    {
      summary: "Get a webhook endpoint",
      description:
        "One endpoint of the caller's organization (404 for unknown or foreign ids), without its secret.",
      params: WebhookEndpointParamsSchema,
      responses: dataResponse(200, WebhookEndpointSchema, "The endpoint"),
    },
    (r) => getEndpoint(r.db, endpointOf(r)),
  ),
  route.patch(
    "/webhook-endpoints/{id}",
    {
      summary: "Update a webhook endpoint",
      description:
        "url, events, description, status; at least one. Re-enabling clears `disabled_reason`.",
      params: WebhookEndpointParamsSchema,
      request: jsonBodyOf(UpdateWebhookEndpointBodySchema),
      responses: dataResponse(200, WebhookEndpointSchema, "The updated endpoint"),
    },
    (r) =>
      updateEndpoint(r.db, {
        ...endpointOf(r),
        patch: r.json,
        config: webhookConfigOf(r.c.env),
        now: r.now,
      }),
  ),
  route.delete(
    "/webhook-endpoints/{id}",
    {
      summary: "Delete a webhook endpoint",
      description:
        "Its pending deliveries stop (they end as `failed` with `last_error: endpoint_deleted`).",
      params: WebhookEndpointParamsSchema,
      responses: noContent("Deleted; empty body"),
    },
    (r) => deleteEndpoint(r.db, endpointOf(r), r.now),
  ),
  route.post(
    "/webhook-endpoints/{id}/rotate-secret",
    {
      summary: "Rotate the signing secret",
      description:
        "Returns the new `secret`. For 24 h the previous secret keeps signing alongside: `webhook-signature` carries both signatures, separated by a space.",
      params: WebhookEndpointParamsSchema,
      request: idempotentEmptyBody(),
      responses: dataResponse(
        200,
        WebhookEndpointWithSecretSchema,
        "The endpoint, with its new secret",
      ),
    },
    (r) =>
      rotateSecret(r.db, {
        ...r.v1Write,
        endpointId: r.param.id,
        config: webhookConfigOf(r.c.env),
      }),
  ),
  route.post(
    "/webhook-endpoints/{id}/test",
    {
      summary: "Send a webhook.test event to this endpoint only",
      description: "The event's `data.object` is the endpoint. Sent even to a disabled endpoint.",
      params: WebhookEndpointParamsSchema,
      request: idempotentEmptyBody(),
      responses: jsonResponse(
        202,
        TestEventResultSchema,
        "The test event was written and is being delivered",
      ),
    },
    (r) => sendTestEvent(r.db, { ...r.v1Write, endpointId: r.param.id }),
  ),
  route.get(
    "/webhook-endpoints/{id}/deliveries",
    {
      summary: "The endpoint's delivery log, newest first",
      description:
        "Paginated; filter `status` (`pending`, `succeeded`, `failed`). One row per (event, endpoint) delivery with its attempts, last response status and error, and the next attempt.",
      params: WebhookEndpointParamsSchema,
      query: ListDeliveriesQuerySchema,
      responses: pageResponse(WebhookDeliverySchema, "Deliveries, newest first"),
    },
    (r) => listEndpointDeliveries(r.db, endpointOf(r), r.query),
  ),
]);
