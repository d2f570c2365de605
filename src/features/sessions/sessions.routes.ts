import { createRouter, dataOf, jsonResponse } from "../../http/openapi";
import {
  idempotentEmptyBody,
  idempotentOptionalBody,
  v1Routes,
  writeRequestOf,
} from "../../http/route";
import { authOf } from "../../http/scopes";
import { cancelSession, getSession, restoreSession } from "./session-operations.service";
import {
  CancelSessionBodySchema,
  SessionDetailSchema,
  SessionOperationSchema,
  SessionParamsSchema,
} from "./sessions.schemas";

const route = v1Routes("Sessions", "experiences");
const path = "/experiences/{id}/sessions/{session_id}";

function sessionRequest(organizationId: string, params: { id: string; session_id: string }) {
  return { organizationId, experienceId: params.id, sessionId: params.session_id };
}

export const sessionsRoutes = createRouter()
  .openapi(
    route.get(path, {
      summary: "Get one session with its seats, holds, waitlist and bookings",
      description:
        "404 when the recurrence does not produce this session and it is not materialized (or its recurrence was deleted).",
      params: SessionParamsSchema,
      responses: jsonResponse(200, dataOf(SessionDetailSchema), "The session"),
    }),
    async (c) => {
      const input = sessionRequest(authOf(c).organizationId, c.req.valid("param"));
      const session = await getSession(c.get("db"), { ...input, now: Date.now() });
      return c.json({ data: session }, 200);
    },
  )
  .openapi(
    route.post(`${path}/cancel`, {
      summary: "Cancel one session with all its bookings",
      description:
        "Materializes the session as cancelled and, in the same batch, cancels every confirmed and waitlisted booking with refund_eligible true and cancel_reason = reason, and releases its holds. 409 session_already_cancelled; 422 session_started once it began. The body is optional.",
      params: SessionParamsSchema,
      request: idempotentOptionalBody(CancelSessionBodySchema),
      responses: jsonResponse(200, dataOf(SessionOperationSchema), "The cancelled session"),
    }),
    async (c) => {
      const session = await cancelSession(c.get("db"), {
        ...writeRequestOf(c),
        ...sessionRequest(authOf(c).organizationId, c.req.valid("param")),
        reason: c.req.valid("json").reason ?? null,
      });
      return c.json({ data: session }, 200);
    },
  )
  .openapi(
    route.post(`${path}/restore`, {
      summary: "Restore a cancelled session",
      description:
        "The session is bookable again; its bookings stay cancelled. 409 session_not_cancelled. No fields: an empty body or `{}`.",
      params: SessionParamsSchema,
      request: idempotentEmptyBody(),
      responses: jsonResponse(200, dataOf(SessionOperationSchema), "The restored session"),
    }),
    async (c) => {
      const session = await restoreSession(c.get("db"), {
        ...writeRequestOf(c),
        ...sessionRequest(authOf(c).organizationId, c.req.valid("param")),
      });
      return c.json({ data: session }, 200);
    },
  );
