import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { assertPatchHasFields, orNotFound } from "../../errors";
import { addEvent } from "../../events/outbox";
import {
  type CreateRequest,
  findOriginalResourceId,
  recordIdempotencyKey,
} from "../../idempotency/idempotent-write";
import { requireExperience } from "../experiences/experiences.service";
import { assertProvidersAllowed } from "../spaces/provider-rule";
import { buildRecurrenceRow, mergeRecurrencePatch } from "./recurrence-rows";
import { recurrenceProviderReferences, validateRecurrence } from "./recurrence-validation";
import { presentRecurrence } from "./recurrences.presenter";
import {
  findLiveRecurrence,
  insertRecurrenceStatement,
  listLiveRecurrencesByExperience,
  type RecurrenceRow,
  recurrenceDeletedAt,
  recurrenceUpdatedAt,
  softDeleteRecurrenceStatement,
  updateRecurrenceValuesStatement,
} from "./recurrences.repository";
import type { CreateRecurrenceBody, UpdateRecurrenceBody } from "./recurrences.schemas";

/**
 * 404 unless the recurrence belongs to this experience of this organization and is not deleted:
 * a real recurrence asked for under another experience is as unknown as a made-up ID.
 */
export async function requireRecurrence(
  db: Database,
  organizationId: string,
  experienceId: string,
  recurrenceId: string,
): Promise<RecurrenceRow> {
  return orNotFound(
    await findLiveRecurrence(db, organizationId, experienceId, recurrenceId),
    "Recurrence",
  );
}

export async function getRecurrence(
  db: Database,
  organizationId: string,
  experienceId: string,
  recurrenceId: string,
) {
  return presentRecurrence(await requireRecurrence(db, organizationId, experienceId, recurrenceId));
}

export async function listRecurrences(db: Database, organizationId: string, experienceId: string) {
  await requireExperience(db, organizationId, experienceId);
  return (await listLiveRecurrencesByExperience(db, experienceId)).map(presentRecurrence);
}

export interface CreateRecurrenceInput extends CreateRequest<CreateRecurrenceBody> {
  experienceId: string;
}

/** Creates a recurrence (§6), with the Idempotency-Key in the same batch (§7), like createExperience. */
export async function createRecurrence(db: Database, input: CreateRecurrenceInput) {
  const { organizationId, experienceId, now } = input;
  const originalId = await findOriginalResourceId(db, input, "recurrence");
  if (originalId) return getRecurrence(db, organizationId, experienceId, originalId);

  const experience = await requireExperience(db, organizationId, experienceId);
  const values = validateRecurrence(input.body);
  const references = recurrenceProviderReferences(values);
  await assertProvidersAllowed(db, organizationId, experience.spaceId, references);
  const row = buildRecurrenceRow(organizationId, experience.id, values, now);
  const recurrence = presentRecurrence(row);
  const batch = new WriteBatch(db).add(insertRecurrenceStatement(db, row));
  addEvent(batch, organizationId, "recurrence.created", { object: recurrence }, now);
  recordIdempotencyKey(batch, input, { resourceType: "recurrence", resourceId: row.id });
  await batch.commit();
  return recurrence;
}

export interface RecurrenceChange {
  organizationId: string;
  experienceId: string;
  recurrenceId: string;
  now: number;
}

export interface UpdateRecurrenceInput extends RecurrenceChange {
  patch: UpdateRecurrenceBody;
}

export async function updateRecurrence(db: Database, input: UpdateRecurrenceInput) {
  const { organizationId, patch, now } = input;
  assertPatchHasFields(patch);
  const experience = await requireExperience(db, organizationId, input.experienceId);
  const row = await requireRecurrence(db, organizationId, experience.id, input.recurrenceId);
  const values = validateRecurrence(mergeRecurrencePatch(row, patch));
  const references = recurrenceProviderReferences(values);
  await assertProvidersAllowed(db, organizationId, experience.spaceId, references);
  const recurrence = presentRecurrence({ ...row, ...values, updatedAt: now });
  const batch = new WriteBatch(db).add(updateRecurrenceValuesStatement(db, row.id, values, now));
  addEvent(batch, organizationId, "recurrence.updated", { object: recurrence }, now, {
    onlyIf: recurrenceUpdatedAt(row.id, now),
  });
  await batch.commit();
  return recurrence;
}

/** Soft delete (§6): gone from every read at once, kept only for its bookings; no restore. */
export async function deleteRecurrence(db: Database, input: RecurrenceChange) {
  const { organizationId, experienceId, recurrenceId } = input;
  const row = await requireRecurrence(db, organizationId, experienceId, recurrenceId);
  const batch = new WriteBatch(db).add(softDeleteRecurrenceStatement(db, row.id, input.now));
  // The object as it was when deleted (deletion is not a field of the recurrence object).
  addEvent(
    batch,
    organizationId,
    "recurrence.deleted",
    { object: presentRecurrence(row) },
    input.now,
    {
      onlyIf: recurrenceDeletedAt(row.id, input.now),
    },
  );
  await batch.commit();
}
