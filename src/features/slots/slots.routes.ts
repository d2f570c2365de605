import { createRoute } from "@hono/zod-openapi";
import {
  createRouter,
  errorResponses,
  jsonContent,
  listOf,
  V1_READ_ERRORS,
} from "../../http/openapi";
import { authOf, requireScope } from "../../http/scopes";
import { requireExperience } from "../experiences/experiences.service";
import { ExperienceParamsSchema } from "../recurrences/recurrences.schemas";
import { SlotSchema, SlotsQuerySchema } from "./slots.schemas";
import { listSlots } from "./slots.service";

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
    const auth = authOf(c);
    const db = c.get("db");
    const experience = await requireExperience(db, auth.organizationId, c.req.valid("param").id);
    const query = c.req.valid("query");
    const slots = await listSlots(db, experience, query, auth.organizationTimezone, Date.now());
    return c.json({ data: slots }, 200);
  },
);
