// A recurrence row from validated values, and a stored row back to a draft for a PATCH (§6).

import { newId } from "../../lib/ids";
import type { RecurrenceDraft, RecurrenceValues } from "./recurrence-validation";
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
    revision: 0,
    deletedAt: null,
  };
}

/** The stored recurrence with a PATCH laid over it; the result is validated like a new one. */
export function mergeRecurrencePatch(row: RecurrenceRow, patch: UpdateRecurrenceBody) {
  const current = recurrenceDraftOf(row);
  // Absent keys are absent from the parsed patch, so the spread keeps them; null clears provider_id.
  return { ...current, ...patch } satisfies RecurrenceDraft;
}

/** The stored recurrence in its wire names: what a PATCH merges into and the API shows. */
export function recurrenceDraftOf(row: RecurrenceRow) {
  return {
    provider_id: row.providerId,
    timezone: row.timezone,
    start_date: row.startDate,
    cadence: row.cadence,
    end_condition: row.endCondition,
    session_templates: row.sessionTemplates,
    excluded_dates: row.excludedDates,
    status: row.status,
  } satisfies RecurrenceDraft;
}
