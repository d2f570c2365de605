import { createRouter, jsonContent, listOf } from "../../http/openapi";
import { v1Route } from "../../http/route";
import { authOf } from "../../http/scopes";
import { ExperienceParamsSchema } from "../experiences/experiences.schemas";
import { requireExperience } from "../experiences/experiences.service";
import { SlotSchema, SlotsQuerySchema } from "./slots.schemas";
import { listSlots } from "./slots.service";

export const slotsRoutes = createRouter().openapi(
  v1Route("experiences:read", {
    method: "get",
    path: "/experiences/{id}/slots",
    tags: ["Slots"],
    summary: "List the experience's sessions in a date range, with seats and bookability",
    description:
      "Sessions whose local start date in `timezone` lies in [from, to]. Only bookable slots by default; `include_unbookable=true` adds the others (including paused recurrences) with `unbookable_reason`.",
    request: { params: ExperienceParamsSchema, query: SlotsQuerySchema },
    responses: { 200: jsonContent(listOf(SlotSchema), "Slots ordered by start, then session_id") },
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
