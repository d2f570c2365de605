import { z } from "@hono/zod-openapi";
import { EVENT_TYPES, TEST_EVENT_TYPE } from "../../events/event-types";
import { IsoInstantSchema, idSchema, pathParam } from "../../http/common-schemas";
import { PaginationQuerySchema } from "../../http/pagination";

const LISTABLE_TYPES = new Set<string>([...EVENT_TYPES, TEST_EVENT_TYPE]);

export const EventSchema = z
  .object({
    id: idSchema("evt_7LpWzR4aN3kTMd9fQ2bY"),
    type: z.string().openapi({ example: "booking.created" }),
    created_at: IsoInstantSchema,
    data: z.object({ object: z.unknown() }).catchall(z.unknown()).openapi({
      description:
        "`object` is the resource exactly as the API returned it at that moment (never a cancel_token); `booking.rescheduled` adds `previous_session_id`",
    }),
  })
  .openapi("Event");

export const ListEventsQuerySchema = PaginationQuerySchema.extend({
  type: z
    .string()
    .refine((value) => value.split(",").every((type) => LISTABLE_TYPES.has(type)), {
      message: `Use a comma list of: ${[...LISTABLE_TYPES].join(", ")}`,
    })
    .optional()
    .openapi({ example: "booking.created,booking.cancelled" }),
});

export const EventParamsSchema = z.object({
  id: pathParam("id", "evt_7LpWzR4aN3kTMd9fQ2bY"),
});

export const RedeliverBodySchema = z
  .object({
    endpoint_id: z.string().min(1).optional().openapi({
      description:
        "Only this endpoint; by default every active endpoint subscribed to the event type",
    }),
  })
  .strict()
  .openapi("RedeliverBody", { example: { endpoint_id: "whe_3kTMd9xQ2bY7LpWzR4aN" } });

export type ListEventsQuery = z.infer<typeof ListEventsQuerySchema>;
