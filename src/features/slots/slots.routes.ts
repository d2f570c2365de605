import { registerEarlyRead } from "../../http/early-reads";
import { createRouter } from "../../http/openapi";
import { v1Routes } from "../../http/route";
import { authOf } from "../../http/scopes";
import { ExperienceParamsSchema } from "../experiences/experiences.schemas";
import { SlotsPageQuerySchema } from "./slots.schemas";
import { SLOTS_RESPONSES, slotsResponse } from "./slots-http";
import { slotRowsEarly, slotsBodyOf } from "./slots-response";

const route = v1Routes("Slots", "experiences");

// The hottest read: its rows are read while the API key is looked up.
registerEarlyRead("/v1/experiences/:id/slots", slotRowsEarly);

export const slotsRoutes = createRouter().openapi(
  route.get("/experiences/{id}/slots", {
    summary: "List the experience's sessions in a date range, with seats and bookability",
    description:
      "Sessions whose local start date in `timezone` lies in [from, to]. Only bookable slots by default; `include_unbookable=true` adds the others (including paused recurrences) with `unbookable_reason`. At most `limit` (default and maximum 2000) slots per answer: when the range holds more, `next_cursor` continues after the last one. Responses carry a strong `ETag` and `Cache-Control: private, max-age=0, must-revalidate`; a request whose `If-None-Match` matches gets `304` with no body.",
    request: { params: ExperienceParamsSchema, query: SlotsPageQuerySchema },
    responses: SLOTS_RESPONSES,
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    return slotsResponse(c, await slotsBodyOf(c, authOf(c), id, c.req.valid("query")));
  },
);
