import { dataResponse, jsonBodyOf, listResponse, noContent } from "../../http/openapi";
import { idempotentJsonBody } from "../../http/route";
import { route, v1Router } from "../../http/route-table";
import { ExperienceParamsSchema } from "../experiences/experiences.schemas";
import {
  CreateRecurrenceBodySchema,
  RecurrenceParamsSchema,
  RecurrenceSchema,
  UpdateRecurrenceBodySchema,
} from "./recurrences.schemas";
import {
  createRecurrence,
  deleteRecurrence,
  getRecurrence,
  listRecurrences,
  updateRecurrence,
} from "./recurrences.service";

/** The recurrence a route names: the caller's organization, the experience and its id. */
function recurrenceOf(r: { orgId: string; param: { id: string; rec_id: string } }) {
  return { organizationId: r.orgId, experienceId: r.param.id, recurrenceId: r.param.rec_id };
}

export const recurrencesRoutes = v1Router("Recurrences", "experiences", [
  route.post(
    "/experiences/{id}/recurrences",
    {
      summary: "Attach a recurrence to an experience",
      description:
        "Template times are wall-clock times in `timezone`. A template without capacity or " +
        "provider_id takes the experience's default_capacity and the recurrence's provider_id " +
        "(then the experience's first provider) when sessions are expanded.",
      params: ExperienceParamsSchema,
      request: idempotentJsonBody(CreateRecurrenceBodySchema),
      responses: dataResponse(201, RecurrenceSchema, "The recurrence"),
    },
    (r) => createRecurrence(r.db, { ...r.v1Write, experienceId: r.param.id, body: r.json }),
  ),
  route.get(
    "/experiences/{id}/recurrences",
    {
      summary: "List an experience's recurrences",
      description: "Active and paused recurrences, oldest first; deleted ones never appear.",
      params: ExperienceParamsSchema,
      responses: listResponse(200, RecurrenceSchema, "The recurrences"),
    },
    (r) => listRecurrences(r.db, r.orgId, r.param.id),
  ),
  route.get(
    "/experiences/{id}/recurrences/{rec_id}",
    {
      summary: "Get a recurrence",
      description:
        "One live (active or paused) recurrence of the experience. Deleted, unknown or foreign IDs are 404.",
      params: RecurrenceParamsSchema,
      responses: dataResponse(200, RecurrenceSchema, "The recurrence"),
    },
    (r) => getRecurrence(r.db, r.orgId, r.param.id, r.param.rec_id),
  ),
  route.patch(
    "/experiences/{id}/recurrences/{rec_id}",
    {
      summary: "Update a recurrence",
      description:
        "Edits change only future sessions that have no bookings; materialized sessions keep " +
        "their snapshot.",
      params: RecurrenceParamsSchema,
      request: jsonBodyOf(UpdateRecurrenceBodySchema),
      responses: dataResponse(200, RecurrenceSchema, "The updated recurrence"),
    },
    (r) => updateRecurrence(r.db, { ...recurrenceOf(r), patch: r.json, now: r.now }),
  ),
  route.delete(
    "/experiences/{id}/recurrences/{rec_id}",
    {
      summary: "Delete a recurrence",
      description:
        "Soft delete: the recurrence vanishes from lists, GET, PATCH and the experience's " +
        "recurrence_ids, and cannot be restored (pause it instead). Its bookings stay readable.",
      params: RecurrenceParamsSchema,
      responses: noContent("Deleted; empty body"),
    },
    (r) => deleteRecurrence(r.db, { ...recurrenceOf(r), now: r.now }),
  ),
]);
