import { toIso } from "../../lib/time";
import { recurrenceDraftOf } from "./recurrence-rows";
import type { RecurrenceRow } from "./recurrences.repository";

export function presentRecurrence(row: RecurrenceRow) {
  return {
    id: row.id,
    experience_id: row.experienceId,
    ...recurrenceDraftOf(row),
    created_at: toIso(row.createdAt),
    updated_at: toIso(row.updatedAt),
  };
}
