import { dataResponse, jsonBodyOf, pageResponse } from "../../http/openapi";
import { idempotentJsonBody } from "../../http/route";
import { route, v1Router } from "../../http/route-table";
import {
  CreatedExperienceSchema,
  CreateExperienceBodySchema,
  ExperienceParamsSchema,
  ExperienceSchema,
  ListExperiencesQuerySchema,
  UpdateExperienceBodySchema,
} from "./experiences.schemas";
import {
  createExperience,
  getExperience,
  listExperiences,
  updateExperience,
} from "./experiences.service";

const createDescription = [
  "Creates an experience and, in the same atomic write, its first recurrence:",
  "1. `default_recurrence` given: that recurrence (validated as in Create Recurrence; errors",
  "   are reported under `default_recurrence.…`).",
  "2. else, `providers` non-empty: the auto-default recurrence (providers[0], the",
  "   organization's time zone, from today, Monday to Friday at 09:00 with default_capacity,",
  '   no end); the response carries `"auto_recurrence": true`.',
  '3. else no recurrence; the response carries `"recurrence_required": true` and a `hint`.',
  "",
  "An unknown `space_id` is a 400 validation_failed on `space_id` (it is a body field, like a",
  "provider ID), not a 404. Providers must be members of that space or of GENERAL.",
].join("\n");

export const experiencesRoutes = v1Router("Experiences", "experiences", [
  route.post(
    "/experiences",
    {
      summary: "Create an experience",
      description: createDescription,
      request: idempotentJsonBody(CreateExperienceBodySchema),
      responses: dataResponse(201, CreatedExperienceSchema, "The experience"),
    },
    (r) =>
      createExperience(r.db, {
        ...r.v1Write,
        organizationTimezone: r.auth.organizationTimezone,
        body: r.json,
      }),
  ),
  route.get(
    "/experiences",
    {
      summary: "List experiences",
      description:
        "Newest first (created_at, then id, descending). `status` is a comma list " +
        "(`active,inactive`); `space_id` an exact space (an unknown one lists nothing).",
      query: ListExperiencesQuerySchema,
      responses: pageResponse(ExperienceSchema, "A page of experiences"),
    },
    (r) => listExperiences(r.db, r.orgId, r.query),
  ),
  route.get(
    "/experiences/{id}",
    {
      summary: "Get an experience",
      description:
        "One experience of the organization with its recurrence IDs and confirmed bookings count. Unknown or foreign IDs are 404.",
      params: ExperienceParamsSchema,
      responses: dataResponse(200, ExperienceSchema, "The experience"),
    },
    (r) => getExperience(r.db, r.orgId, r.param.id),
  ),
  route.patch(
    "/experiences/{id}",
    {
      summary: "Update an experience",
      description:
        "Any create field except default_recurrence, at least one. There is no DELETE: retire " +
        'an experience with `status: "inactive"`.',
      params: ExperienceParamsSchema,
      request: jsonBodyOf(UpdateExperienceBodySchema),
      responses: dataResponse(200, ExperienceSchema, "The updated experience"),
    },
    (r) =>
      updateExperience(r.db, {
        organizationId: r.orgId,
        experienceId: r.param.id,
        patch: r.json,
        now: r.now,
      }),
  ),
]);
