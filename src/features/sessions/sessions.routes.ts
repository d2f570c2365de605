import { dataResponse } from "../../http/openapi";
import { idempotentEmptyBody, idempotentOptionalBody } from "../../http/route";
import { route, v1Router } from "../../http/route-table";
import { cancelSession, getSession, restoreSession } from "./session-operations.service";
import {
  CancelSessionBodySchema,
  SessionDetailSchema,
  SessionOperationSchema,
  SessionParamsSchema,
} from "./sessions.schemas";

const path = "/experiences/{id}/sessions/{session_id}";

/** The session a route names: the caller's organization, the experience and the session id. */
function sessionOf(r: { orgId: string; param: { id: string; session_id: string } }) {
  return { organizationId: r.orgId, experienceId: r.param.id, sessionId: r.param.session_id };
}

export const sessionsRoutes = v1Router("Sessions", "experiences", [
  route.get(
    path,
    {
      summary: "Get one session with its seats, holds, waitlist and bookings",
      description:
        "404 when the recurrence does not produce this session and it is not materialized (or its recurrence was deleted).",
      params: SessionParamsSchema,
      responses: dataResponse(200, SessionDetailSchema, "The session"),
    },
    (r) => getSession(r.db, { ...sessionOf(r), now: r.now }),
  ),
  route.post(
    `${path}/cancel`,
    {
      summary: "Cancel one session with all its bookings",
      description:
        "Materializes the session as cancelled and, in the same batch, cancels every confirmed and waitlisted booking with refund_eligible true and cancel_reason = reason, and releases its holds. 409 session_already_cancelled; 422 session_started once it began. The body is optional.",
      params: SessionParamsSchema,
      request: idempotentOptionalBody(CancelSessionBodySchema),
      responses: dataResponse(200, SessionOperationSchema, "The cancelled session"),
    },
    (r) => cancelSession(r.db, { ...r.write, ...sessionOf(r), reason: r.json.reason ?? null }),
  ),
  route.post(
    `${path}/restore`,
    {
      summary: "Restore a cancelled session",
      description:
        "The session is bookable again; its bookings stay cancelled. 409 session_not_cancelled. No fields: an empty body or `{}`.",
      params: SessionParamsSchema,
      request: idempotentEmptyBody(),
      responses: dataResponse(200, SessionOperationSchema, "The restored session"),
    },
    (r) => restoreSession(r.db, { ...r.write, ...sessionOf(r) }),
  ),
]);
