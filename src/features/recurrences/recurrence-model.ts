// Mappings of a recurrence row: to the wire, to the scheduling core's rule, from a PATCH.

import type { CadenceValue } from "../../db/schema";
import { newId } from "../../lib/ids";
import { toIso } from "../../lib/time";
import type { Cadence, RecurrenceRule, SessionTemplate } from "../../scheduling/types";
import type { ExperienceRow } from "../experiences/experiences.repository";
import type { RecurrenceDraft, RecurrenceValues } from "./recurrence-rules";
import type { RecurrenceRow } from "./recurrences.repository";
import type { UpdateRecurrenceBody } from "./recurrences.schemas";

export function buildRecurrenceRow(
  organizationId: string,
  experienceId: string,
  values: RecurrenceValues,
  now: number,
): RecurrenceRow {
  return {
    id: newId("rec"),
    organizationId,
    experienceId,
    ...values,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
}

export function presentRecurrence(row: RecurrenceRow) {
  return {
    id: row.id,
    experience_id: row.experienceId,
    provider_id: row.providerId,
    timezone: row.timezone,
    start_date: row.startDate,
    cadence: row.cadence,
    end_condition: row.endCondition,
    session_templates: row.sessionTemplates,
    excluded_dates: row.excludedDates,
    status: row.status,
    created_at: toIso(row.createdAt),
    updated_at: toIso(row.updatedAt),
  };
}

/** The stored recurrence with a PATCH laid over it; the result is validated like a new one. */
export function mergeRecurrencePatch(row: RecurrenceRow, patch: UpdateRecurrenceBody) {
  const current: RecurrenceDraft = {
    provider_id: row.providerId,
    timezone: row.timezone,
    start_date: row.startDate,
    cadence: row.cadence,
    end_condition: row.endCondition,
    session_templates: row.sessionTemplates,
    excluded_dates: row.excludedDates,
    status: row.status,
  };
  // Absent keys are absent from the parsed patch, so the spread keeps them; null clears provider_id.
  return { ...current, ...patch } satisfies RecurrenceDraft;
}

function toCadence(cadence: CadenceValue): Cadence {
  const { interval } = cadence;
  if (cadence.frequency === "weekly") {
    return { frequency: "weekly", interval, days_of_week: cadence.days_of_week ?? [] };
  }
  if (cadence.frequency === "daily") {
    return { frequency: "daily", interval, days_of_week: cadence.days_of_week ?? null };
  }
  return { frequency: "monthly", interval, day_of_month: cadence.day_of_month ?? null };
}

/** The scheduling core's view of a stored recurrence (src/scheduling/types.ts). */
export function toRecurrenceRule(row: RecurrenceRow): RecurrenceRule {
  return {
    id: row.id,
    timezone: row.timezone,
    start_date: row.startDate,
    cadence: toCadence(row.cadence),
    end_condition: row.endCondition,
    session_templates: row.sessionTemplates,
    excluded_dates: row.excludedDates,
  };
}

/**
 * §6 template defaults, read at expansion time: capacity falls back to the experience's
 * default_capacity; provider to the recurrence's provider_id, then the experience's first
 * provider, else null.
 */
export function resolveTemplateDefaults(
  template: Pick<SessionTemplate, "capacity" | "provider_id">,
  recurrence: Pick<RecurrenceRow, "providerId">,
  experience: Pick<ExperienceRow, "defaultCapacity" | "providers">,
): { capacity: number; provider_id: string | null } {
  return {
    capacity: template.capacity ?? experience.defaultCapacity,
    provider_id: template.provider_id ?? recurrence.providerId ?? experience.providers[0] ?? null,
  };
}
