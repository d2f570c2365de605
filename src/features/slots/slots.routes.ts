import { createRoute } from "@hono/zod-openapi";
import {
  createRouter,
  errorResponses,
  jsonContent,
  listOf,
  V1_READ_ERRORS,
} from "../../http/openapi";
import { authOf, requireScope } from "../../http/scopes";
import { ExperienceParamsSchema } from "../recurrences/recurrences.schemas";
import { SlotSchema, SlotsQuerySchema } from "./slots.schemas";
import { listExperienceSlots } from "./slots.service";

export const slotsRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/experiences/{id}/slots",
    tags: ["Slots"],
    summary: "List the experience's sessions in a date range, with seats and bookability",
    description:
      "Sessions whose local start date in `timezone` lies in [from, to]. Only bookable slots by default; `include_unbookable=true` adds the others (including paused recurrences) with `unbookable_reason`.",
    middleware: [requireScope("experiences", "read")] as const,
    request: { params: ExperienceParamsSchema, query: SlotsQuerySchema },
    responses: {
      200: jsonContent(listOf(SlotSchema), "Slots ordered by start, then session_id"),
      ...errorResponses(...V1_READ_ERRORS),
    },
  }),
  async (c) => {
    const { organizationId, organizationTimezone } = authOf(c);
    const slots = await listExperienceSlots(
      c.get("db"),
      organizationId,
      c.req.valid("param").id,
      c.req.valid("query"),
      organizationTimezone,
      Date.now(),
    );
    return c.json({ data: slots }, 200);
  },
);
