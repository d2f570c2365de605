import { createRoute, z } from "@hono/zod-openapi";
import { NotFoundError } from "../../errors";
import {
  createRouter,
  errorResponses,
  jsonContent,
  listOf,
  V1_READ_ERRORS,
} from "../../http/openapi";
import { authOf, requireScope } from "../../http/scopes";
import { findExperienceById } from "../experiences/experiences.repository";
import { SlotSchema, SlotsQuerySchema } from "./slots.schemas";
import { listSlots } from "./slots.service";

const ExperienceIdParamsSchema = z.object({
  id: z
    .string()
    .openapi({ param: { name: "id", in: "path" }, example: "exp_3kTMd9xQ2bY7LpWzR4aN" }),
});

export const slotsRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/experiences/{id}/slots",
    tags: ["Slots"],
    summary: "List the experience's sessions in a date range, with seats and bookability",
    description:
      "Sessions whose local start date in `timezone` lies in [from, to]. Only bookable slots by default; `include_unbookable=true` adds the others (including paused recurrences) with `unbookable_reason`.",
    middleware: [requireScope("experiences", "read")] as const,
    request: { params: ExperienceIdParamsSchema, query: SlotsQuerySchema },
    responses: {
      200: jsonContent(listOf(SlotSchema), "Slots ordered by start, then session_id"),
      ...errorResponses(...V1_READ_ERRORS),
    },
  }),
  async (c) => {
    const auth = authOf(c);
    const experience = await findExperienceById(
      c.get("db"),
      auth.organizationId,
      c.req.valid("param").id,
    );
    if (!experience) throw new NotFoundError("Experience not found");
    const query = c.req.valid("query");
    const slots = await listSlots(
      c.get("db"),
      experience,
      query,
      auth.organizationTimezone,
      Date.now(),
    );
    return c.json({ data: slots }, 200);
  },
);
