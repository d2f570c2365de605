import { createRouter, dataOf, jsonResponse, noContent, V1_READ_ERRORS } from "../../http/openapi";
import { idempotentJsonBody, v1Routes, v1WriteRequestOf } from "../../http/route";
import { authOf } from "../../http/scopes";
import { ExperienceParamsSchema } from "../experiences/experiences.schemas";
import { CreateHoldBodySchema, HoldParamsSchema, HoldSchema } from "./holds.schemas";
import { createHold, getHold, releaseHoldById } from "./holds.service";

const route = v1Routes("Holds", "bookings");

export const holdsRoutes = createRouter()
  .openapi(
    route.post("/experiences/{id}/holds", {
      summary: "Reserve seats while a customer checks out",
      description:
        "The §9 checks apply in their order (422 experience_inactive, 422 registration_closed, 404, 422 session_unavailable, 422 outside_booking_window); the seats are taken with the bookings' atomic guard — capacity − confirmed seats − seats of unexpired active holds ≥ quantity — else 409 session_full with `details.seats_available`. The hold expires at `expires_at` by itself; convert it with POST /v1/experiences/{id}/bookings `{hold_id}`.",
      params: ExperienceParamsSchema,
      request: idempotentJsonBody(CreateHoldBodySchema),
      responses: jsonResponse(201, dataOf(HoldSchema), "The hold"),
    }),
    async (c) => {
      const hold = await createHold(c.get("db"), {
        ...v1WriteRequestOf(c),
        experienceId: c.req.valid("param").id,
        body: c.req.valid("json"),
      });
      return c.json({ data: hold }, 201);
    },
  )
  .openapi(
    route.get("/holds/{hold_id}", {
      summary: "Get a hold",
      description:
        "The hold as stored, with `status` computed at the time of the request: `expired` from `expires_at` on, whatever was written.",
      params: HoldParamsSchema,
      responses: jsonResponse(
        200,
        dataOf(HoldSchema),
        "The hold; `status` reads `expired` from `expires_at` on",
      ),
    }),
    async (c) => {
      const { organizationId } = authOf(c);
      const { hold_id } = c.req.valid("param");
      return c.json({ data: await getHold(c.get("db"), organizationId, hold_id, Date.now()) }, 200);
    },
  )
  .openapi(
    route.delete("/holds/{hold_id}", {
      summary: "Release a hold: its seats are free at once",
      errors: [...V1_READ_ERRORS, 409],
      description:
        "Waitlisted bookings of the session are promoted into the freed seats. Releasing a hold that is already released or expired changes nothing and answers 204 too; a converted hold is 409 hold_not_active (its seats belong to the booking: cancel that instead).",
      params: HoldParamsSchema,
      responses: noContent("Released; empty body"),
    }),
    async (c) => {
      const { organizationId } = authOf(c);
      await releaseHoldById(c.get("db"), organizationId, c.req.valid("param").hold_id, Date.now());
      return c.body(null, 204);
    },
  );
