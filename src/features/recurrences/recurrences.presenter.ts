import { toIso } from "../../lib/time";
import type { RecurrenceRow } from "./recurrences.repository";

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
