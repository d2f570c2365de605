import { createRouter, jsonContent } from "../../http/openapi";
import { v1Route } from "../../http/route";
import { authOf } from "../../http/scopes";
import { ExperienceParamsSchema } from "../experiences/experiences.schemas";
import { requireExperience } from "../experiences/experiences.service";
import { listSlotPage } from "./slot-page";
import { SlotPageSchema, SlotsPageQuerySchema } from "./slots.schemas";

export const slotsRoutes = createRouter().openapi(
  v1Route("experiences:read", {
    method: "get",
    path: "/experiences/{id}/slots",
    tags: ["Slots"],
    summary: "List the experience's sessions in a date range, with seats and bookability",
    description:
      "Sessions whose local start date in `timezone` lies in [from, to]. Only bookable slots by default; `include_unbookable=true` adds the others (including paused recurrences) with `unbookable_reason`. At most `limit` (default and maximum 2000) slots per answer: when the range holds more, `next_cursor` continues after the last one.",
    request: { params: ExperienceParamsSchema, query: SlotsPageQuerySchema },
    responses: { 200: jsonContent(SlotPageSchema, "Slots ordered by start, then session_id") },
  }),
  async (c) => {
    const auth = authOf(c);
    const db = c.get("db");
    const experience = await requireExperience(db, auth.organizationId, c.req.valid("param").id);
    const query = c.req.valid("query");
    const page = await listSlotPage(db, experience, query, auth.organizationTimezone, Date.now());
    return c.json(page, 200);
  },
);
