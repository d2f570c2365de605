import { createRoute } from "@hono/zod-openapi";
import {
  createRouter,
  dataOf,
  errorResponses,
  IdempotencyKeyHeaderSchema,
  jsonBodyOf,
  jsonContent,
  V1_READ_ERRORS,
  V1_WRITE_ERRORS,
} from "../../http/openapi";
import { authOf, requireScope } from "../../http/scopes";
import { ExperienceParamsSchema } from "../recurrences/recurrences.schemas";
import { CreateHoldBodySchema, HoldParamsSchema, HoldSchema } from "./holds.schemas";
import { createHold, getHold, releaseHoldById } from "./holds.service";

const tags = ["Holds"];

export const holdsRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/experiences/{id}/holds",
      tags,
      summary: "Reserve seats while a customer checks out",
      description:
        "The §9 checks apply in their order (422 experience_inactive, 422 registration_closed, 404, 422 session_unavailable, 422 outside_booking_window); the seats are taken with the bookings' atomic guard — capacity − confirmed seats − seats of unexpired active holds ≥ quantity — else 409 session_full with `details.seats_available`. The hold expires at `expires_at` by itself; convert it with POST /v1/experiences/{id}/bookings `{hold_id}`.",
      middleware: [requireScope("bookings", "write")] as const,
      request: {
        params: ExperienceParamsSchema,
        headers: IdempotencyKeyHeaderSchema,
        ...jsonBodyOf(CreateHoldBodySchema),
      },
      responses: {
        201: jsonContent(dataOf(HoldSchema), "The hold"),
        ...errorResponses(...V1_WRITE_ERRORS),
      },
    }),
    async (c) => {
      const { hold, status } = await createHold(c.get("db"), {
        organizationId: authOf(c).organizationId,
        experienceId: c.req.valid("param").id,
        body: c.req.valid("json"),
        idempotency: c.get("idempotency"),
        now: Date.now(),
      });
      return c.json({ data: hold }, status);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/holds/{hold_id}",
      tags,
      summary: "Get a hold",
      middleware: [requireScope("bookings", "read")] as const,
      request: { params: HoldParamsSchema },
      responses: {
        200: jsonContent(
          dataOf(HoldSchema),
          "The hold; `status` reads `expired` from `expires_at` on",
        ),
        ...errorResponses(...V1_READ_ERRORS),
      },
    }),
    async (c) => {
      const { organizationId } = authOf(c);
      const hold = await getHold(
        c.get("db"),
        organizationId,
        c.req.valid("param").hold_id,
        Date.now(),
      );
      return c.json({ data: hold }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/holds/{hold_id}",
      tags,
      summary: "Release a hold: its seats are free at once",
      description:
        "Waitlisted bookings of the session are promoted into the freed seats. Releasing a hold that is already released or expired changes nothing and answers 204 too; a converted hold is 409 hold_not_active (its seats belong to the booking: cancel that instead).",
      middleware: [requireScope("bookings", "write")] as const,
      request: { params: HoldParamsSchema },
      responses: {
        204: { description: "Released; empty body" },
        ...errorResponses(...V1_READ_ERRORS, 409),
      },
    }),
    async (c) => {
      const { organizationId } = authOf(c);
      await releaseHoldById(c.get("db"), organizationId, c.req.valid("param").hold_id, Date.now());
      return c.body(null, 204);
    },
  );
