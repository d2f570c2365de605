import {
  createRouter,
  dataOf,
  jsonBodyOf,
  jsonResponse,
  listOf,
  noContent,
} from "../../http/openapi";
import { idempotentJsonBody, v1Routes, v1WriteRequestOf } from "../../http/route";
import { authOf } from "../../http/scopes";
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

const route = v1Routes("Recurrences", "experiences");

export const recurrencesRoutes = createRouter()
  .openapi(
    route.post("/experiences/{id}/recurrences", {
      summary: "Attach a recurrence to an experience",
      description:
        "Template times are wall-clock times in `timezone`. A template without capacity or " +
        "provider_id takes the experience's default_capacity and the recurrence's provider_id " +
        "(then the experience's first provider) when sessions are expanded.",
      params: ExperienceParamsSchema,
      request: idempotentJsonBody(CreateRecurrenceBodySchema),
      responses: jsonResponse(201, dataOf(RecurrenceSchema), "The recurrence"),
    }),
    async (c) => {
      const recurrence = await createRecurrence(c.get("db"), {
        ...v1WriteRequestOf(c),
        experienceId: c.req.valid("param").id,
        body: c.req.valid("json"),
      });
      return c.json({ data: recurrence }, 201);
    },
  )
  .openapi(
    route.get("/experiences/{id}/recurrences", {
      summary: "List an experience's recurrences",
      description: "Active and paused recurrences, oldest first; deleted ones never appear.",
      params: ExperienceParamsSchema,
      responses: jsonResponse(200, listOf(RecurrenceSchema), "The recurrences"),
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const recurrences = await listRecurrences(c.get("db"), authOf(c).organizationId, id);
      return c.json({ data: recurrences }, 200);
    },
  )
  .openapi(
    route.get("/experiences/{id}/recurrences/{rec_id}", {
      summary: "Get a recurrence",
      description:
        "One live (active or paused) recurrence of the experience. Deleted, unknown or foreign IDs are 404.",
      params: RecurrenceParamsSchema,
      responses: jsonResponse(200, dataOf(RecurrenceSchema), "The recurrence"),
    }),
    async (c) => {
      const { id, rec_id } = c.req.valid("param");
      const { organizationId } = authOf(c);
      const recurrence = await getRecurrence(c.get("db"), organizationId, id, rec_id);
      return c.json({ data: recurrence }, 200);
    },
  )
  .openapi(
    route.patch("/experiences/{id}/recurrences/{rec_id}", {
      summary: "Update a recurrence",
      description:
        "Edits change only future sessions that have no bookings; materialized sessions keep " +
        "their snapshot.",
      params: RecurrenceParamsSchema,
      request: jsonBodyOf(UpdateRecurrenceBodySchema),
      responses: jsonResponse(200, dataOf(RecurrenceSchema), "The updated recurrence"),
    }),
    async (c) => {
      const { id, rec_id } = c.req.valid("param");
      const recurrence = await updateRecurrence(c.get("db"), {
        organizationId: authOf(c).organizationId,
        experienceId: id,
        recurrenceId: rec_id,
        patch: c.req.valid("json"),
        now: Date.now(),
      });
      return c.json({ data: recurrence }, 200);
    },
  )
  .openapi(
    route.delete("/experiences/{id}/recurrences/{rec_id}", {
      summary: "Delete a recurrence",
      description:
        "Soft delete: the recurrence vanishes from lists, GET, PATCH and the experience's " +
        "recurrence_ids, and cannot be restored (pause it instead). Its bookings stay readable.",
      params: RecurrenceParamsSchema,
      responses: noContent("Deleted; empty body"),
    }),
    async (c) => {
      const { id, rec_id } = c.req.valid("param");
      await deleteRecurrence(c.get("db"), {
        organizationId: authOf(c).organizationId,
        experienceId: id,
        recurrenceId: rec_id,
        now: Date.now(),
      });
      return c.body(null, 204);
    },
  );
