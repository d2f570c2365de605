import {
  CreateHoldBodySchema,
  HoldTokenBodySchema,
  PublicHoldParamsSchema,
  PublicHoldSchema,
} from "../features/holds/holds.schemas";
import {
  createRouter,
  dataOf,
  jsonResponse,
  noContent,
  PUBLIC_WRITE_ERRORS,
} from "../http/openapi";
import { idempotentJsonBody, keylessRoutes, writeRequestOf } from "../http/route";
import { PublicExperienceParamsSchema } from "./public.schemas";
import { createPublicHold, releasePublicHold } from "./public-holds.service";

const publicRoute = keylessRoutes("Public");

export const publicHoldsRoutes = createRouter()
  .openapi(
    publicRoute.post("/experiences/{id}/holds", {
      summary: "Reserve seats while the visitor fills the booking form",
      errors: PUBLIC_WRITE_ERRORS,
      description:
        "Same body and rules as POST /v1/experiences/{id}/holds. The response adds `hold_token`, shown only here: send it with `hold_id` to POST /public/experiences/{id}/bookings, or to POST /public/holds/{id}/release.",
      params: PublicExperienceParamsSchema,
      request: idempotentJsonBody(CreateHoldBodySchema),
      responses: jsonResponse(201, dataOf(PublicHoldSchema), "The hold and its token"),
    }),
    async (c) => {
      const result = await createPublicHold(c.get("db"), {
        ...writeRequestOf(c),
        experienceId: c.req.valid("param").id,
        body: c.req.valid("json"),
      });
      c.set("organizationId", result.organizationId);
      return c.json({ data: result.hold }, 201);
    },
  )
  .openapi(
    publicRoute.post("/holds/{id}/release", {
      summary: "Release a hold with its token: its seats are free at once",
      errors: [400, 404, 409, 413, 415, 429],
      description:
        "A wrong or missing token is 404, like an unknown hold. Releasing a released or expired hold answers 204 too; a converted one is 409 hold_not_active.",
      params: PublicHoldParamsSchema,
      request: idempotentJsonBody(HoldTokenBodySchema),
      responses: noContent("Released; empty body"),
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { hold_token } = c.req.valid("json");
      const result = await releasePublicHold(c.get("db"), id, hold_token, Date.now());
      c.set("organizationId", result.organizationId);
      return c.body(null, 204);
    },
  );
