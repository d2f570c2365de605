import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { assertPatchHasFields, orNotFound, ValidationError } from "../../errors";
import { addEvent } from "../../events/outbox";
import {
  type CreateRequest,
  findOriginalResourceId,
  recordIdempotencyKey,
} from "../../idempotency/idempotent-write";
import { GENERAL_SPACE_ID } from "../../lib/ids";
import { type PageRequest, paginationOf } from "../../lib/pagination";
import { buildRecurrenceRow } from "../recurrences/recurrence-rows";
import { recurrenceProviderReferences } from "../recurrences/recurrence-validation";
import { presentRecurrence } from "../recurrences/recurrences.presenter";
import {
  insertRecurrenceStatement,
  listLiveRecurrenceIdsByExperiences,
  listLiveRecurrencesByExperience,
} from "../recurrences/recurrences.repository";
import { assertProvidersAllowed, type ProviderReference } from "../spaces/provider-rule";
import { findSpaceById } from "../spaces/spaces.repository";
import { planAttachedRecurrence } from "./attached-recurrence";
import { applyExperiencePatch, buildExperienceRow } from "./experience-rows";
import { presentExperience } from "./experiences.presenter";
import {
  countConfirmedBookingsByExperiences,
  type ExperienceRow,
  findExperienceById,
  insertExperienceStatement,
  listExperiencesByOrganization,
  updateExperienceStatement,
} from "./experiences.repository";
import type {
  CreateExperienceBody,
  ListExperiencesQuery,
  UpdateExperienceBody,
} from "./experiences.schemas";

/** Presents rows with their live recurrence IDs and confirmed booking counts (two queries). */
async function presenterFor(db: Database, experienceIds: string[]) {
  const [recurrenceIds, bookingCounts] = await Promise.all([
    listLiveRecurrenceIdsByExperiences(db, experienceIds),
    countConfirmedBookingsByExperiences(db, experienceIds),
  ]);
  return (row: ExperienceRow) =>
    presentExperience(row, recurrenceIds.get(row.id) ?? [], bookingCounts.get(row.id) ?? 0);
}

/** 404 for unknown IDs and for experiences of other organizations alike (§2: never 403). */
export async function requireExperience(
  db: Database,
  organizationId: string,
  experienceId: string,
): Promise<ExperienceRow> {
  return orNotFound(await findExperienceById(db, organizationId, experienceId), "Experience");
}

export async function getExperience(db: Database, organizationId: string, experienceId: string) {
  const row = await requireExperience(db, organizationId, experienceId);
  return (await presenterFor(db, [row.id]))(row);
}

export async function listExperiences(
  db: Database,
  organizationId: string,
  query: ListExperiencesQuery,
) {
  const filter = { statuses: query.status, spaceId: query.space_id };
  const page: PageRequest = query;
  const { rows, total } = await listExperiencesByOrganization(db, organizationId, filter, page);
  const present = await presenterFor(
    db,
    rows.map((row) => row.id),
  );
  return { data: rows.map(present), pagination: paginationOf(total, page) };
}

const providerReferences = (providers: string[]): ProviderReference[] =>
  providers.map((memberId, index) => ({ memberId, field: `providers.${index}` }));

/** An unknown space is a 400 on the field, like a disallowed provider (§4), not a 404. */
async function assertSpaceExists(db: Database, organizationId: string, spaceId: string) {
  if (spaceId === GENERAL_SPACE_ID) return;
  if (!(await findSpaceById(db, organizationId, spaceId))) {
    throw ValidationError.forField("space_id", `Unknown space: ${spaceId}`);
  }
}

export interface CreateExperienceInput extends CreateRequest<CreateExperienceBody> {
  /** The zone of the auto-default recurrence (§5). */
  organizationTimezone: string;
}

/**
 * Creates the experience and its attached recurrence (§5) in one atomic D1 batch, together with
 * the Idempotency-Key (§7): a retry whose earlier run already wrote them gets the original.
 *
 * The key's crash-safety row is looked for only when the create fails: its batch cannot commit
 * while a live row holds the key (see keyRowStatement), so a first execution, the common case,
 * costs no read. Any failure, a refused batch or a check of the body, is answered as before
 * when an earlier run left a row: with the original (or 422 for another request's key).
 */
export async function createExperience(db: Database, input: CreateExperienceInput) {
  try {
    return await writeExperience(db, input);
  } catch (err) {
    const originalId = await findOriginalResourceId(db, input, "experience");
    if (originalId) return getExperience(db, input.organizationId, originalId);
    throw err;
  }
}

async function writeExperience(db: Database, input: CreateExperienceInput) {
  const { organizationId, body, now } = input;
  await assertSpaceExists(db, organizationId, body.space_id);
  const row = buildExperienceRow(organizationId, body, now);
  const attached = planAttachedRecurrence(body, row.id, input.organizationTimezone, now);
  await assertProvidersAllowed(db, organizationId, row.spaceId, [
    ...providerReferences(row.providers),
    ...attached.providerReferences,
  ]);
  const recurrence =
    attached.values && buildRecurrenceRow(organizationId, row.id, attached.values, now);
  const experience = presentExperience(row, recurrence ? [recurrence.id] : [], 0);
  const batch = new WriteBatch(db).add(insertExperienceStatement(db, row));
  addEvent(batch, organizationId, "experience.created", { object: experience }, now);
  if (recurrence) {
    batch.add(insertRecurrenceStatement(db, recurrence));
    const object = presentRecurrence(recurrence);
    addEvent(batch, organizationId, "recurrence.created", { object }, now);
  }
  recordIdempotencyKey(batch, input, { resourceType: "experience", resourceId: row.id });
  await batch.commit();
  return { ...experience, ...attached.flags };
}

/**
 * A new space must hold every provider the experience and its live recurrences name (or they
 * must be GENERAL members); recurrence providers are reported on space_id, the field that moved.
 */
async function assertProvidersFitSpace(
  db: Database,
  previous: ExperienceRow,
  next: ExperienceRow,
  providersChanged: boolean,
) {
  const spaceChanged = next.spaceId !== previous.spaceId;
  if (!spaceChanged && !providersChanged) return;
  if (spaceChanged) await assertSpaceExists(db, next.organizationId, next.spaceId);
  const references = providerReferences(next.providers);
  if (spaceChanged) {
    for (const recurrence of await listLiveRecurrencesByExperience(db, next.id)) {
      const used = recurrenceProviderReferences(recurrence);
      references.push(...used.map(({ memberId }) => ({ memberId, field: "space_id" })));
    }
  }
  await assertProvidersAllowed(db, next.organizationId, next.spaceId, references);
}

export interface UpdateExperienceInput {
  organizationId: string;
  experienceId: string;
  patch: UpdateExperienceBody;
  now: number;
}

export async function updateExperience(db: Database, input: UpdateExperienceInput) {
  const { organizationId, patch, now } = input;
  assertPatchHasFields(patch);
  const row = await requireExperience(db, organizationId, input.experienceId);
  const next = applyExperiencePatch(row, patch, now);
  await assertProvidersFitSpace(db, row, next, patch.providers !== undefined);
  const experience = (await presenterFor(db, [next.id]))(next);
  const batch = new WriteBatch(db).add(updateExperienceStatement(db, next));
  addEvent(batch, organizationId, "experience.updated", { object: experience }, now);
  await batch.commit();
  return experience;
}
