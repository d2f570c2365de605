import { dataResponse, noContent, V1_READ_ERRORS } from "../../http/openapi";
import { idempotentJsonBody } from "../../http/route";
import { route, v1Router } from "../../http/route-table";
import { ExperienceParamsSchema } from "../experiences/experiences.schemas";
import { CreateHoldBodySchema, HoldParamsSchema, HoldSchema } from "./holds.schemas";
import { createHold, getHold, releaseHoldById } from "./holds.service";

export const holdsRoutes = v1Router("Holds", "bookings", [
  route.post(
    "/experiences/{id}/holds",
    {
      summary: "Reserve seats while a customer checks out",
      description:
        "The §9 checks apply in their order (422 experience_inactive, 422 registration_closed, 404, 422 session_unavailable, 422 outside_booking_window); the seats are taken with the bookings' atomic guard — capacity − confirmed seats − seats of unexpired active holds ≥ quantity — else 409 session_full with `details.seats_available`. The hold expires at `expires_at` by itself; convert it with POST /v1/experiences/{id}/bookings `{hold_id}`.",
      params: ExperienceParamsSchema,
      request: idempotentJsonBody(CreateHoldBodySchema),
      responses: dataResponse(201, HoldSchema, "The hold"),
    },
    (r) => createHold(r.db, { ...r.v1Write, experienceId: r.param.id, body: r.json }),
  ),
  route.get(
    "/holds/{hold_id}",
    {
      summary: "Get a hold",
      description:
        "The hold as stored, with `status` computed at the time of the request: `expired` from `expires_at` on, whatever was written.",
      params: HoldParamsSchema,
      responses: dataResponse(
        200,
        HoldSchema,
        "The hold; `status` reads `expired` from `expires_at` on",
      ),
    },
    (r) => getHold(r.db, r.orgId, r.param.hold_id, r.now),
  ),
  route.delete(
    "/holds/{hold_id}",
    {
      summary: "Release a hold: its seats are free at once",
      errors: [...V1_READ_ERRORS, 409],
      description:
        "Waitlisted bookings of the session are promoted into the freed seats. Releasing a hold that is already released or expired changes nothing and answers 204 too; a converted hold is 409 hold_not_active (its seats belong to the booking: cancel that instead).",
      params: HoldParamsSchema,
      responses: noContent("Released; empty body"),
    },
    (r) => releaseHoldById(r.db, r.orgId, r.param.hold_id, r.now),
  ),
]);
