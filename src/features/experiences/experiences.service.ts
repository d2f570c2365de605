import type { ApiAuth } from "../../app-env";
import type { Database } from "../../db/client";
import type { PricingValue, SchedulingRulesValue } from "../../db/schema";
import { NotFoundError, ValidationError } from "../../errors";
import { type PageRequest, pageOffset, paginationOf } from "../../http/pagination";
import {
  batchWithIdempotentOutcome,
  findOriginalResourceId,
  type IdempotencyScope,
} from "../../idempotency/d1-record";
import { GENERAL_SPACE_ID, newId } from "../../lib/ids";
import { toIso } from "../../lib/time";
import { buildRecurrenceRow } from "../recurrences/recurrence-model";
import { recurrenceProviderReferences } from "../recurrences/recurrence-rules";
import {
  insertRecurrenceStatement,
  listLiveRecurrenceIdsByExperiences,
  listLiveRecurrencesByExperience,
} from "../recurrences/recurrences.repository";
import { assertProvidersAllowed, type ProviderReference } from "../spaces/provider-rule";
import { findSpaceById } from "../spaces/spaces.repository";
import { planAttachedRecurrence } from "./attached-recurrence";
import {
  countConfirmedBookingsByExperiences,
  type ExperienceRow,
  findExperienceById,
  insertExperienceStatement,
  listExperiencesByOrganization,
  updateExperienceRow,
} from "./experiences.repository";
import type {
  CreateExperienceBody,
  ListExperiencesQuery,
  UpdateExperienceBody,
} from "./experiences.schemas";

type SchedulingRulesPatch = NonNullable<CreateExperienceBody["scheduling_rules"]>;

const DEFAULT_SCHEDULING_RULES: SchedulingRulesValue = {
  booking_window: { min_hours_before: 1, max_days_ahead: 60 },
  cancellation_policy: { refundable_until_hours_before: 24 },
};

export function presentExperience(
  row: ExperienceRow,
  recurrenceIds: string[],
  bookingsCount: number,
) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    registration_status: row.registrationStatus,
    duration_minutes: row.durationMinutes,
    default_capacity: row.defaultCapacity,
    max_booking_quantity: row.maxBookingQuantity,
    required_contact_method: row.requiredContactMethod,
    space_id: row.spaceId,
    providers: row.providers,
    location: row.location,
    pricing: row.pricing,
    scheduling_rules: row.schedulingRules,
    waitlist: row.waitlist,
    recurrence_ids: recurrenceIds,
    bookings_count: bookingsCount,
    created_at: toIso(row.createdAt),
    updated_at: toIso(row.updatedAt),
  };
}

export type Experience = ReturnType<typeof presentExperience>;

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
  const row = await findExperienceById(db, organizationId, experienceId);
  if (!row) throw new NotFoundError("Experience not found");
  return row;
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
  const { rows, total } = await listExperiencesByOrganization(
    db,
    organizationId,
    filter,
    page.page_size,
    pageOffset(page),
  );
  const present = await presenterFor(
    db,
    rows.map((row) => row.id),
  );
  return { data: rows.map(present), pagination: paginationOf(total, page) };
}

function normalizePricing(pricing: PricingValue): PricingValue {
  return pricing.model === "free"
    ? pricing
    : { ...pricing, currency: pricing.currency.toLowerCase() };
}

/** Each nested object present replaces its predecessor; an absent one is kept (§5). */
function mergeSchedulingRules(
  current: SchedulingRulesValue,
  patch: SchedulingRulesPatch | undefined,
): SchedulingRulesValue {
  return {
    booking_window: patch?.booking_window ?? current.booking_window,
    cancellation_policy: patch?.cancellation_policy ?? current.cancellation_policy,
  };
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

function buildExperienceRow(
  organizationId: string,
  input: CreateExperienceBody,
  now: number,
): ExperienceRow {
  return {
    id: newId("exp"),
    organizationId,
    spaceId: input.space_id,
    name: input.name,
    description: input.description,
    status: input.status,
    registrationStatus: input.registration_status,
    durationMinutes: input.duration_minutes,
    defaultCapacity: input.default_capacity,
    maxBookingQuantity: input.max_booking_quantity,
    requiredContactMethod: input.required_contact_method,
    providers: input.providers,
    location: input.location,
    pricing: normalizePricing(input.pricing),
    schedulingRules: mergeSchedulingRules(DEFAULT_SCHEDULING_RULES, input.scheduling_rules),
    waitlist: input.waitlist,
    // §17's field joins the create body with its feature; stored default until then.
    notifyCustomers: true,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Creates the experience and its attached recurrence (§5) in one atomic D1 batch, together with
 * the Idempotency-Key (§7): a retry whose earlier run already wrote them gets the original.
 */
export async function createExperience(
  db: Database,
  caller: Pick<ApiAuth, "organizationId" | "organizationTimezone">,
  input: CreateExperienceBody,
  idempotency: IdempotencyScope | undefined,
  now: number,
) {
  const { organizationId } = caller;
  const originalId = await findOriginalResourceId(db, idempotency, "experience", now);
  if (originalId) return getExperience(db, organizationId, originalId);

  await assertSpaceExists(db, organizationId, input.space_id);
  const row = buildExperienceRow(organizationId, input, now);
  const attached = planAttachedRecurrence(input, row.id, caller.organizationTimezone, now);
  await assertProvidersAllowed(db, organizationId, row.spaceId, [
    ...providerReferences(row.providers),
    ...attached.providerReferences,
  ]);
  const recurrence =
    attached.values && buildRecurrenceRow(organizationId, row.id, attached.values, now);
  await batchWithIdempotentOutcome(
    db,
    [
      insertExperienceStatement(db, row),
      ...(recurrence ? [insertRecurrenceStatement(db, recurrence)] : []),
    ],
    idempotency,
    { resourceType: "experience", resourceId: row.id, statusCode: 201 },
    now,
  );
  return { ...presentExperience(row, recurrence ? [recurrence.id] : [], 0), ...attached.flags };
}

function applyExperiencePatch(
  row: ExperienceRow,
  patch: UpdateExperienceBody,
  now: number,
): ExperienceRow {
  return {
    ...row,
    spaceId: patch.space_id ?? row.spaceId,
    name: patch.name ?? row.name,
    description: patch.description ?? row.description,
    status: patch.status ?? row.status,
    registrationStatus: patch.registration_status ?? row.registrationStatus,
    durationMinutes: patch.duration_minutes ?? row.durationMinutes,
    defaultCapacity: patch.default_capacity ?? row.defaultCapacity,
    maxBookingQuantity: patch.max_booking_quantity ?? row.maxBookingQuantity,
    requiredContactMethod: patch.required_contact_method ?? row.requiredContactMethod,
    providers: patch.providers ?? row.providers,
    location: patch.location === undefined ? row.location : patch.location,
    pricing: patch.pricing ? normalizePricing(patch.pricing) : row.pricing,
    schedulingRules: mergeSchedulingRules(row.schedulingRules, patch.scheduling_rules),
    waitlist: patch.waitlist ?? row.waitlist,
    updatedAt: now,
  };
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

export async function updateExperience(
  db: Database,
  organizationId: string,
  experienceId: string,
  patch: UpdateExperienceBody,
  now: number,
) {
  if (Object.keys(patch).length === 0) {
    throw ValidationError.forForm("At least one field is required");
  }
  const row = await requireExperience(db, organizationId, experienceId);
  const next = applyExperiencePatch(row, patch, now);
  await assertProvidersFitSpace(db, row, next, patch.providers !== undefined);
  await updateExperienceRow(db, next);
  return (await presenterFor(db, [next.id]))(next);
}
