import { z } from "@hono/zod-openapi";
import { ALL_EVENTS, EVENT_TYPES } from "../../events/event-types";
import { IsoInstantSchema, idSchema, pathParam } from "../../http/common-schemas";
import { PaginationQuerySchema } from "../../http/pagination";

const SubscribableSchema = z.enum([...EVENT_TYPES, ALL_EVENTS]);

export const EndpointEventsSchema = z
  .array(SubscribableSchema)
  .min(1)
  .refine((list) => new Set(list).size === list.length, { message: "Event types must be unique" })
  .refine((list) => !list.includes(ALL_EVENTS) || list.length === 1, {
    message: 'Use ["*"] alone to subscribe to every event type',
  })
  .openapi({
    example: ["booking.created", "booking.cancelled"],
    description: 'Event types to receive, or `["*"]` for all of them',
  });

const UrlSchema = z.string().trim().min(1).max(2048).openapi({
  example: "https://hooks.example.com/booking-api",
  description:
    "https:// only; IP literals of private, loopback, link-local, CGNAT or multicast ranges are refused. With WEBHOOK_ALLOW_INSECURE_LOCAL=true (local development) http://127.0.0.1:<port> and http://localhost:<port> are accepted too.",
});

const EndpointStatusSchema = z.enum(["active", "disabled"]);

export const CreateWebhookEndpointBodySchema = z
  .object({
    url: UrlSchema,
    events: EndpointEventsSchema,
    description: z.string().max(500).optional().default(""),
    status: EndpointStatusSchema.optional().default("active"),
  })
  .strict()
  .openapi("CreateWebhookEndpointBody", {
    example: {
      url: "https://hooks.example.com/booking-api",
      events: ["booking.created", "booking.cancelled"],
      description: "Front-desk sync",
    },
  });

export const UpdateWebhookEndpointBodySchema = z
  .object({
    url: UrlSchema.optional(),
    events: EndpointEventsSchema.optional(),
    description: z.string().max(500).optional(),
    status: EndpointStatusSchema.optional().openapi({
      description: "Re-enabling (`active`) clears `disabled_reason`",
    }),
  })
  .strict()
  .openapi("UpdateWebhookEndpointBody", { example: { status: "active" } });

export const WebhookEndpointSchema = z
  .object({
    id: idSchema("whe_4bY7LpWzR4aN3kTMd9fQ"),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string(),
    status: EndpointStatusSchema,
    disabled_reason: z.enum(["gone", "failing"]).nullable().openapi({
      description: "`gone`: the receiver answered 410; `failing`: every delivery failed for 5 days",
    }),
    created_at: IsoInstantSchema,
    updated_at: IsoInstantSchema,
  })
  .openapi("WebhookEndpoint");

export const WebhookEndpointWithSecretSchema = WebhookEndpointSchema.extend({
  secret: z.string().openapi({
    example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    description: "Signing secret (`whsec_` + base64 of 32 bytes); shown in this response only",
  }),
}).openapi("WebhookEndpointWithSecret");

export const WebhookEndpointParamsSchema = z.object({
  id: pathParam("id", "whe_4bY7LpWzR4aN3kTMd9fQ"),
});

export const DeliveryStatusSchema = z.enum(["pending", "succeeded", "failed"]);

export const WebhookDeliverySchema = z
  .object({
    id: idSchema("whd_5c0f2a9e41b7d3e8a6c1f0b2"),
    endpoint_id: z.string(),
    event_id: z.string(),
    event_type: z.string(),
    status: DeliveryStatusSchema,
    attempts: z.number().int(),
    last_response_status: z.number().int().nullable(),
    last_error: z.string().nullable(),
    last_attempt_at: IsoInstantSchema.nullable(),
    next_attempt_at: IsoInstantSchema.nullable(),
    created_at: IsoInstantSchema,
  })
  .openapi("WebhookDelivery");

export const ListDeliveriesQuerySchema = PaginationQuerySchema.extend({
  status: z
    .string()
    .regex(
      /^(pending|succeeded|failed)(,(pending|succeeded|failed))*$/,
      "Use pending, succeeded, failed or a comma list of them",
    )
    .optional()
    .openapi({ example: "failed" }),
});

export const TestEventResultSchema = z.object({
  data: z.object({ event_id: idSchema("evt_7LpWzR4aN3kTMd9fQ2bY") }),
});

export type CreateWebhookEndpointBody = z.infer<typeof CreateWebhookEndpointBodySchema>;
export type UpdateWebhookEndpointBody = z.infer<typeof UpdateWebhookEndpointBodySchema>;
export type ListDeliveriesQuery = z.infer<typeof ListDeliveriesQuerySchema>;
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;
