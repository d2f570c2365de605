import { registerEarlyRead } from "../../http/early-reads";
import { matchesIfNoneMatch } from "../../http/etag";
import { createRouter, jsonContent } from "../../http/openapi";
import { v1Routes } from "../../http/route";
import { authOf } from "../../http/scopes";
import { ExperienceParamsSchema } from "../experiences/experiences.schemas";
import { SlotPageSchema, SlotsPageQuerySchema } from "./slots.schemas";
import { slotRowsEarly, slotsBodyOf } from "./slots-response";

// Clients may keep a copy but must revalidate each time: seats and bookability change at any
// moment, and a revalidation that matches costs a 304 without the body.
const SLOTS_CACHE_CONTROL = "private, max-age=0, must-revalidate";
const SLOTS_CACHE_HEADERS = {
  ETag: {
    description:
      "Strong tag of the exact body; it changes with any booking, edit or the clock moving a slot's bookability. Send it back in `If-None-Match` to get 304 while nothing changed.",
    schema: { type: "string" as const, example: '"3f7a0c2b9d1e4f5a6b7c8d9e0f1a2b3c"' },
  },
  "Cache-Control": {
    description: SLOTS_CACHE_CONTROL,
    schema: { type: "string" as const, example: SLOTS_CACHE_CONTROL },
  },
};

const route = v1Routes("Slots", "experiences");

// The hottest read: its rows are read while the API key is looked up.
registerEarlyRead("/v1/experiences/:id/slots", slotRowsEarly);

export const slotsRoutes = createRouter().openapi(
  route.get("/experiences/{id}/slots", {
    summary: "List the experience's sessions in a date range, with seats and bookability",
    description:
      "Sessions whose local start date in `timezone` lies in [from, to]. Only bookable slots by default; `include_unbookable=true` adds the others (including paused recurrences) with `unbookable_reason`. At most `limit` (default and maximum 2000) slots per answer: when the range holds more, `next_cursor` continues after the last one. Responses carry a strong `ETag` and `Cache-Control: private, max-age=0, must-revalidate`; a request whose `If-None-Match` matches gets `304` with no body.",
    request: { params: ExperienceParamsSchema, query: SlotsPageQuerySchema },
    responses: {
      200: {
        ...jsonContent(SlotPageSchema, "Slots ordered by start, then session_id"),
        headers: SLOTS_CACHE_HEADERS,
      },
      304: {
        description: "Not modified: `If-None-Match` holds the current `ETag`; empty body",
        headers: SLOTS_CACHE_HEADERS,
      },
    },
  }),
  async (c) => {
    const { bytes, etag } = await slotsBodyOf(
      c,
      authOf(c),
      c.req.valid("param").id,
      c.req.valid("query"),
    );
    c.header("ETag", etag);
    c.header("Cache-Control", SLOTS_CACHE_CONTROL);
    if (matchesIfNoneMatch(c.req.header("if-none-match"), etag)) return c.body(null, 304);
    return c.body(bytes, 200, { "Content-Type": "application/json" });
  },
);
