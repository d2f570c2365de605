import { createRoute } from "@hono/zod-openapi";
import {
  createRouter,
  dataOf,
  errorResponses,
  IdempotencyKeyHeaderSchema,
  jsonBodyOf,
  jsonContent,
  listOf,
  V1_READ_ERRORS,
  V1_WRITE_ERRORS,
} from "../../http/openapi";
import { authOf, requireScope } from "../../http/scopes";
import {
  CreateRecurrenceBodySchema,
  ExperienceParamsSchema,
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

const tags = ["Recurrences"];

export const recurrencesRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/experiences/{id}/recurrences",
      tags,
      summary: "Attach a recurrence to an experience",
      description:
        "Template times are wall-clock times in `timezone`. A template without capacity or " +
        "provider_id takes the experience's default_capacity and the recurrence's provider_id " +
        "(then the experience's first provider) when sessions are expanded.",
      middleware: [requireScope("experiences", "write")] as const,
      request: {
        params: ExperienceParamsSchema,
        headers: IdempotencyKeyHeaderSchema,
        ...jsonBodyOf(CreateRecurrenceBodySchema),
      },
      responses: {
        201: jsonContent(dataOf(RecurrenceSchema), "The recurrence"),
        ...errorResponses(...V1_WRITE_ERRORS),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = c.get("db");
      const idempotency = c.get("idempotency");
      const { organizationId } = authOf(c);
      const input = c.req.valid("json");
      const recurrence = await createRecurrence(
        db,
        organizationId,
        id,
        input,
        idempotency,
        Date.now(),
      );
      return c.json({ data: recurrence }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/experiences/{id}/recurrences",
      tags,
      summary: "List an experience's recurrences",
      description: "Active and paused recurrences, oldest first; deleted ones never appear.",
      middleware: [requireScope("experiences", "read")] as const,
      request: { params: ExperienceParamsSchema },
      responses: {
        200: jsonContent(listOf(RecurrenceSchema), "The recurrences"),
        ...errorResponses(...V1_READ_ERRORS),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const recurrences = await listRecurrences(c.get("db"), authOf(c).organizationId, id);
      return c.json({ data: recurrences }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/experiences/{id}/recurrences/{rec_id}",
      tags,
      summary: "Get a recurrence",
      description:
        "One live (active or paused) recurrence of the experience. Deleted, unknown or foreign IDs are 404.",
      middleware: [requireScope("experiences", "read")] as const,
      request: { params: RecurrenceParamsSchema },
      responses: {
        200: jsonContent(dataOf(RecurrenceSchema), "The recurrence"),
        ...errorResponses(...V1_READ_ERRORS),
      },
    }),
    async (c) => {
      const { id, rec_id } = c.req.valid("param");
      const { organizationId } = authOf(c);
      const recurrence = await getRecurrence(c.get("db"), organizationId, id, rec_id);
      return c.json({ data: recurrence }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/experiences/{id}/recurrences/{rec_id}",
      tags,
      summary: "Update a recurrence",
      description:
        "Edits change only future sessions that have no bookings; materialized sessions keep " +
        "their snapshot.",
      middleware: [requireScope("experiences", "write")] as const,
      request: { params: RecurrenceParamsSchema, ...jsonBodyOf(UpdateRecurrenceBodySchema) },
      responses: {
        200: jsonContent(dataOf(RecurrenceSchema), "The updated recurrence"),
        ...errorResponses(...V1_WRITE_ERRORS),
      },
    }),
    async (c) => {
      const { id, rec_id } = c.req.valid("param");
      const { organizationId } = authOf(c);
      const patch = c.req.valid("json");
      const db = c.get("db");
      const recurrence = await updateRecurrence(db, organizationId, id, rec_id, patch, Date.now());
      return c.json({ data: recurrence }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/experiences/{id}/recurrences/{rec_id}",
      tags,
      summary: "Delete a recurrence",
      description:
        "Soft delete: the recurrence vanishes from lists, GET, PATCH and the experience's " +
        "recurrence_ids, and cannot be restored (pause it instead). Its bookings stay readable.",
      middleware: [requireScope("experiences", "write")] as const,
      request: { params: RecurrenceParamsSchema },
      responses: {
        204: { description: "Deleted; empty body" },
        ...errorResponses(...V1_READ_ERRORS),
      },
    }),
    async (c) => {
      const { id, rec_id } = c.req.valid("param");
      await deleteRecurrence(c.get("db"), authOf(c).organizationId, id, rec_id, Date.now());
      return c.body(null, 204);
    },
  );
