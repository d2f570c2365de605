import { createRouter, dataOf, jsonBodyOf, jsonResponse, pageOf } from "../../http/openapi";
import { idempotentJsonBody, v1Routes, writeRequestOf } from "../../http/route";
import { authOf } from "../../http/scopes";
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

const route = v1Routes("Experiences", "experiences");

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

export const experiencesRoutes = createRouter()
  .openapi(
    route.post("/experiences", {
      summary: "Create an experience",
      description: createDescription,
      request: idempotentJsonBody(CreateExperienceBodySchema),
      responses: jsonResponse(201, dataOf(CreatedExperienceSchema), "The experience"),
    }),
    async (c) => {
      const { organizationId, organizationTimezone } = authOf(c);
      const experience = await createExperience(c.get("db"), {
        ...writeRequestOf(c),
        organizationId,
        organizationTimezone,
        body: c.req.valid("json"),
      });
      return c.json({ data: experience }, 201);
    },
  )
  .openapi(
    route.get("/experiences", {
      summary: "List experiences",
      description:
        "Newest first (created_at, then id, descending). `status` is a comma list " +
        "(`active,inactive`); `space_id` an exact space (an unknown one lists nothing).",
      query: ListExperiencesQuerySchema,
      responses: jsonResponse(200, pageOf(ExperienceSchema), "A page of experiences"),
    }),
    async (c) => {
      const { organizationId } = authOf(c);
      return c.json(await listExperiences(c.get("db"), organizationId, c.req.valid("query")), 200);
    },
  )
  .openapi(
    route.get("/experiences/{id}", {
      summary: "Get an experience",
      description:
        "One experience of the organization with its recurrence IDs and confirmed bookings count. Unknown or foreign IDs are 404.",
      params: ExperienceParamsSchema,
      responses: jsonResponse(200, dataOf(ExperienceSchema), "The experience"),
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const experience = await getExperience(c.get("db"), authOf(c).organizationId, id);
      return c.json({ data: experience }, 200);
    },
  )
  .openapi(
    route.patch("/experiences/{id}", {
      summary: "Update an experience",
      description:
        "Any create field except default_recurrence, at least one. There is no DELETE: retire " +
        'an experience with `status: "inactive"`.',
      params: ExperienceParamsSchema,
      request: jsonBodyOf(UpdateExperienceBodySchema),
      responses: jsonResponse(200, dataOf(ExperienceSchema), "The updated experience"),
    }),
    async (c) => {
      const experience = await updateExperience(c.get("db"), {
        organizationId: authOf(c).organizationId,
        experienceId: c.req.valid("param").id,
        patch: c.req.valid("json"),
        now: Date.now(),
      });
      return c.json({ data: experience }, 200);
    },
  );
