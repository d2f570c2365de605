import type { Database } from "../../db/client";
import { NotFoundError, ValidationError } from "../../errors";
import {
  batchWithIdempotentOutcome,
  findOriginalResourceId,
  type IdempotencyScope,
} from "../../idempotency/d1-record";
import { requireExperience } from "../experiences/experiences.service";
import { assertProvidersAllowed } from "../spaces/provider-rule";
import { buildRecurrenceRow, mergeRecurrencePatch, presentRecurrence } from "./recurrence-model";
import { recurrenceProviderReferences, validateRecurrence } from "./recurrence-rules";
import {
  findLiveRecurrence,
  insertRecurrenceStatement,
  listLiveRecurrencesByExperience,
  type RecurrenceRow,
  softDeleteRecurrence,
  updateRecurrenceValues,
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
  const row = await findLiveRecurrence(db, organizationId, experienceId, recurrenceId);
  if (!row) throw new NotFoundError("Recurrence not found");
  return row;
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

/** Creates a recurrence (§6), with the Idempotency-Key in the same batch (§7), like createExperience. */
export async function createRecurrence(
  db: Database,
  organizationId: string,
  experienceId: string,
  input: CreateRecurrenceBody,
  idempotency: IdempotencyScope | undefined,
  now: number,
) {
  const originalId = await findOriginalResourceId(db, idempotency, "recurrence", now);
  if (originalId) return getRecurrence(db, organizationId, experienceId, originalId);

  const experience = await requireExperience(db, organizationId, experienceId);
  const values = validateRecurrence(input);
  const references = recurrenceProviderReferences(values);
  await assertProvidersAllowed(db, organizationId, experience.spaceId, references);
  const row = buildRecurrenceRow(organizationId, experience.id, values, now);
  await batchWithIdempotentOutcome(
    db,
    [insertRecurrenceStatement(db, row)],
    idempotency,
    { resourceType: "recurrence", resourceId: row.id, statusCode: 201 },
    now,
  );
  return presentRecurrence(row);
}

export async function updateRecurrence(
  db: Database,
  organizationId: string,
  experienceId: string,
  recurrenceId: string,
  patch: UpdateRecurrenceBody,
  now: number,
) {
  if (Object.keys(patch).length === 0) {
    throw ValidationError.forForm("At least one field is required");
  }
  const experience = await requireExperience(db, organizationId, experienceId);
  const row = await requireRecurrence(db, organizationId, experience.id, recurrenceId);
  const values = validateRecurrence(mergeRecurrencePatch(row, patch));
  const references = recurrenceProviderReferences(values);
  await assertProvidersAllowed(db, organizationId, experience.spaceId, references);
  await updateRecurrenceValues(db, row.id, values, now);
  return presentRecurrence({ ...row, ...values, updatedAt: now });
}

/** Soft delete (§6): gone from every read at once, kept only for its bookings; no restore. */
export async function deleteRecurrence(
  db: Database,
  organizationId: string,
  experienceId: string,
  recurrenceId: string,
  now: number,
) {
  const row = await requireRecurrence(db, organizationId, experienceId, recurrenceId);
  await softDeleteRecurrence(db, row.id, now);
}
