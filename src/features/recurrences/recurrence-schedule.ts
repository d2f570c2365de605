// What session expansion reads of a stored recurrence: the scheduling core's rule and the §6
// template defaults.

import type { CadenceValue } from "../../db/schema";
import type { Cadence, RecurrenceRule, SessionTemplate } from "../../scheduling/types";
import type { ExperienceRow } from "../experiences/experiences.repository";
import type { RecurrenceRow } from "./recurrences.repository";

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
