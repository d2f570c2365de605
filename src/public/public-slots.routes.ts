import { SlotsPageQuerySchema } from "../features/slots/slots.schemas";
import { SLOTS_RESPONSES, slotsResponse } from "../features/slots/slots-http";
import { createRouter } from "../http/openapi";
import { keylessRoutes } from "../http/route";
import { PublicExperienceParamsSchema } from "./public.schemas";
import { publicSlotsOf } from "./public.service";

// The booking page's read (every zone switch, every visitor): the same bytes, ETag and 304 as
// GET /v1/experiences/{id}/slots, from the same encoded pages of the isolate.
export const publicSlotsRoutes = createRouter().openapi(
  keylessRoutes("Public").get("/experiences/{id}/slots", {
    summary: "Sessions of an active experience, with seats and bookability",
    errors: [400, 404, 429],
    description:
      "Same query, slot shape and paging (`limit`, `cursor`, `next_cursor`) as GET /v1/experiences/{id}/slots, and the same strong `ETag` with `Cache-Control: private, max-age=0, must-revalidate` (a matching `If-None-Match` gets `304` with no body); `timezone` defaults to the organization's. Inactive and unknown experiences are 404.",
    params: PublicExperienceParamsSchema,
    query: SlotsPageQuerySchema,
    responses: SLOTS_RESPONSES,
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { body, organizationId } = await publicSlotsOf(c.get("db"), id, c.req.valid("query"));
    c.set("organizationId", organizationId);
    return slotsResponse(c, body);
  },
);
