import {
  CreateHoldBodySchema,
  HoldTokenBodySchema,
  PublicHoldParamsSchema,
  PublicHoldSchema,
} from "../features/holds/holds.schemas";
import { dataResponse, noContent, PUBLIC_WRITE_ERRORS } from "../http/openapi";
import { idempotentJsonBody } from "../http/route";
import { keylessRouter, route } from "../http/route-table";
import { PublicExperienceParamsSchema } from "./public.schemas";
import { createPublicHold, releasePublicHold } from "./public-holds.service";

export const publicHoldsRoutes = keylessRouter("Public", [
  route.post(
    "/experiences/{id}/holds",
    {
      summary: "Reserve seats while the visitor fills the booking form",
      errors: PUBLIC_WRITE_ERRORS,
      description:
        "Same body and rules as POST /v1/experiences/{id}/holds. The response adds `hold_token`, shown only here: send it with `hold_id` to POST /public/experiences/{id}/bookings, or to POST /public/holds/{id}/release.",
      params: PublicExperienceParamsSchema,
      request: idempotentJsonBody(CreateHoldBodySchema),
      responses: dataResponse(201, PublicHoldSchema, "The hold and its token"),
    },
    async (r) => {
      const input = { ...r.write, experienceId: r.param.id, body: r.json };
      return r.actingFor(await createPublicHold(r.db, input)).hold;
    },
  ),
  route.post(
    "/holds/{id}/release",
    {
      summary: "Release a hold with its token: its seats are free at once",
      errors: [400, 404, 409, 413, 415, 429],
      description:
        "A wrong or missing token is 404, like an unknown hold. Releasing a released or expired hold answers 204 too; a converted one is 409 hold_not_active.",
      params: PublicHoldParamsSchema,
      request: idempotentJsonBody(HoldTokenBodySchema),
      responses: noContent("Released; empty body"),
    },
    async (r) => r.actingFor(await releasePublicHold(r.db, r.param.id, r.json.hold_token, r.now)),
  ),
]);
