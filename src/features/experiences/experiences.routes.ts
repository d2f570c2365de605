import { createRoute } from "@hono/zod-openapi";
import {
  createRouter,
  dataOf,
  errorResponses,
  IdempotencyKeyHeaderSchema,
  jsonBodyOf,
  jsonContent,
  pageOf,
  V1_READ_ERRORS,
  V1_WRITE_ERRORS,
} from "../../http/openapi";
import { authOf, requireScope } from "../../http/scopes";
import { ExperienceParamsSchema } from "../recurrences/recurrences.schemas";
import {
  CreatedExperienceSchema,
  CreateExperienceBodySchema,
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

const tags = ["Experiences"];

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
    createRoute({
      method: "post",
      path: "/experiences",
      tags,
      summary: "Create an experience",
      description: createDescription,
      middleware: [requireScope("experiences", "write")] as const,
      request: { headers: IdempotencyKeyHeaderSchema, ...jsonBodyOf(CreateExperienceBodySchema) },
      responses: {
        201: jsonContent(dataOf(CreatedExperienceSchema), "The experience"),
        ...errorResponses(...V1_WRITE_ERRORS),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const db = c.get("db");
      const idempotency = c.get("idempotency");
      const experience = await createExperience(db, authOf(c), input, idempotency, Date.now());
      return c.json({ data: experience }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/experiences",
      tags,
      summary: "List experiences",
      description:
        "Newest first (created_at, then id, descending). `status` is a comma list " +
        "(`active,inactive`); `space_id` an exact space (an unknown one lists nothing).",
      middleware: [requireScope("experiences", "read")] as const,
      request: { query: ListExperiencesQuerySchema },
      responses: {
        200: jsonContent(pageOf(ExperienceSchema), "A page of experiences"),
        ...errorResponses(...V1_READ_ERRORS),
      },
    }),
    async (c) => {
      const result = await listExperiences(
        c.get("db"),
        authOf(c).organizationId,
        c.req.valid("query"),
      );
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/experiences/{id}",
      tags,
      summary: "Get an experience",
      description:
        "One experience of the organization with its recurrence IDs and confirmed bookings count. Unknown or foreign IDs are 404.",
      middleware: [requireScope("experiences", "read")] as const,
      request: { params: ExperienceParamsSchema },
      responses: {
        200: jsonContent(dataOf(ExperienceSchema), "The experience"),
        ...errorResponses(...V1_READ_ERRORS),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const experience = await getExperience(c.get("db"), authOf(c).organizationId, id);
      return c.json({ data: experience }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/experiences/{id}",
      tags,
      summary: "Update an experience",
      description:
        "Any create field except default_recurrence, at least one. There is no DELETE: retire " +
        'an experience with `status: "inactive"`.',
      middleware: [requireScope("experiences", "write")] as const,
      request: { params: ExperienceParamsSchema, ...jsonBodyOf(UpdateExperienceBodySchema) },
      responses: {
        200: jsonContent(dataOf(ExperienceSchema), "The updated experience"),
        ...errorResponses(...V1_WRITE_ERRORS),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { organizationId } = authOf(c);
      const patch = c.req.valid("json");
      const experience = await updateExperience(c.get("db"), organizationId, id, patch, Date.now());
      return c.json({ data: experience }, 200);
    },
  );
