// The §6 rules that span several fields of a recurrence. Field-level rules (ranges, formats,
// enums) live in the zod schemas; these run after them, on a whole recurrence, so a create,
// a `default_recurrence` and a PATCH merged onto the stored recurrence are judged alike.

import type { CadenceValue, EndConditionValue, SessionTemplateValue } from "../../db/schema";
import { ValidationError } from "../../errors";
import { DATE_BOUNDS_MESSAGE, isBoundedDate } from "../../scheduling/date-bounds";
import { parseOffsetDateTime } from "../../scheduling/iso-instant";
import { calendarDateInZone } from "../../scheduling/time-zone";
import type { SessionTemplate } from "../../scheduling/types";
import type { ProviderReference } from "../spaces/provider-rule";

/** A recurrence as a body describes it: a create body, or a PATCH merged onto a stored one. */
export interface RecurrenceDraft {
  provider_id?: string | null;
  timezone: string;
  start_date: string;
  cadence: CadenceValue;
  end_condition: EndConditionValue;
  session_templates: SessionTemplate[];
  excluded_dates: string[];
  status: "active" | "paused";
}

/** A validated recurrence in its stored shape (the row without ids and timestamps). */
export interface RecurrenceValues {
  providerId: string | null;
  timezone: string;
  startDate: string;
  cadence: CadenceValue;
  endCondition: EndConditionValue;
  sessionTemplates: SessionTemplateValue[];
  excludedDates: string[];
  status: "active" | "paused";
}

interface Issue {
  field: string;
  message: string;
}

const EVERY_DAY_MASK = 0b111_1111;

const fieldAt = (prefix: string, path: string) => (prefix ? `${prefix}.${path}` : path);

const maskOf = (days: readonly number[] | null | undefined) =>
  days ? days.reduce((mask, day) => mask | (1 << day), 0) : EVERY_DAY_MASK;

/** A date-time with offset counts as its calendar date in the recurrence's zone (§6). */
export function resolveStartDate(value: string, timeZone: string): string | null {
  if (isBoundedDate(value)) return value;
  const instant = parseOffsetDateTime(value);
  return instant === null ? null : calendarDateInZone(instant, timeZone);
}

/** The weekdays a cadence lists itself, or null when it runs on any weekday. */
function listedCadenceDays(cadence: CadenceValue): number[] | null {
  return cadence.frequency === "monthly" ? null : (cadence.days_of_week ?? null);
}

function findTemplateIssues(cadence: CadenceValue, templates: SessionTemplate[]): Issue[] {
  const issues: Issue[] = [];
  const cadenceDays = listedCadenceDays(cadence);
  const seen = new Map<string, { index: number; mask: number }[]>();
  templates.forEach((template, index) => {
    const days = template.days_of_week;
    const outside = cadenceDays && days ? days.filter((day) => !cadenceDays.includes(day)) : [];
    if (outside.length > 0) {
      issues.push({
        field: `session_templates.${index}.days_of_week`,
        message: `Must be a subset of the cadence's days_of_week (${cadenceDays?.join(", ")})`,
      });
    }
    const mask = maskOf(days) & maskOf(cadenceDays);
    const sameTime = seen.get(template.start_time_of_day) ?? [];
    const clash = sameTime.find((other) => (other.mask & mask) !== 0);
    if (clash) {
      issues.push({
        field: `session_templates.${index}.start_time_of_day`,
        message: `Template ${clash.index} already starts at ${template.start_time_of_day} on some of these days; give templates with the same start time disjoint days_of_week`,
      });
    }
    seen.set(template.start_time_of_day, [...sameTime, { index, mask }]);
  });
  return issues;
}

function validationErrorOf(first: Issue, issues: Issue[], prefix: string): ValidationError {
  const fieldErrors: Record<string, string[]> = {};
  for (const { field, message } of issues) {
    const key = fieldAt(prefix, field);
    fieldErrors[key] ??= [];
    fieldErrors[key].push(message);
  }
  const summary = `Validation failed: ${fieldAt(prefix, first.field)}: ${first.message}`;
  return new ValidationError(summary, { fieldErrors, formErrors: [] });
}

function toStoredCadence(cadence: CadenceValue): CadenceValue {
  const { frequency, interval } = cadence;
  if (frequency === "weekly") return { frequency, interval, days_of_week: cadence.days_of_week };
  if (frequency === "daily") {
    return { frequency, interval, days_of_week: cadence.days_of_week ?? null };
  }
  return { frequency, interval, day_of_month: cadence.day_of_month ?? null };
}

// Templates keep capacity and provider as given (null when absent): their defaults are read at
// expansion, so later experience edits reach empty future sessions (§6).
const toStoredTemplate = (template: SessionTemplate): SessionTemplateValue => ({
  start_time_of_day: template.start_time_of_day,
  capacity: template.capacity ?? null,
  provider_id: template.provider_id ?? null,
  days_of_week: template.days_of_week ?? null,
});

/**
 * Applies the cross-field §6 rules to a field-valid draft and returns its stored shape, or
 * throws a 400 whose field paths start with `prefix` (e.g. `default_recurrence`).
 */
export function validateRecurrence(draft: RecurrenceDraft, prefix = ""): RecurrenceValues {
  const start = resolveStartDate(draft.start_date, draft.timezone);
  if (!start || !isBoundedDate(start)) {
    const message = start
      ? `${DATE_BOUNDS_MESSAGE} (in ${draft.timezone})`
      : "Not a valid date-time";
    const issue = { field: "start_date", message };
    throw validationErrorOf(issue, [issue], prefix);
  }
  const issues: Issue[] = [];
  const end = draft.end_condition;
  if (end.type === "date" && end.until < start) {
    issues.push({
      field: "end_condition.until",
      message: `Must be on or after start_date ${start}`,
    });
  }
  issues.push(...findTemplateIssues(draft.cadence, draft.session_templates));
  const [first] = issues;
  if (first) throw validationErrorOf(first, issues, prefix);
  return {
    providerId: draft.provider_id ?? null,
    timezone: draft.timezone,
    startDate: start,
    cadence: toStoredCadence(draft.cadence),
    endCondition: end,
    sessionTemplates: draft.session_templates.map(toStoredTemplate),
    // A set of holidays: stored sorted and without repeats.
    excludedDates: [...new Set(draft.excluded_dates)].sort(),
    status: draft.status,
  };
}

/** Every provider ID a recurrence names, with the field an error should point at. */
export function recurrenceProviderReferences(
  values: Pick<RecurrenceValues, "providerId" | "sessionTemplates">,
  prefix = "",
): ProviderReference[] {
  const references: ProviderReference[] = [];
  if (values.providerId) {
    references.push({ memberId: values.providerId, field: fieldAt(prefix, "provider_id") });
  }
  values.sessionTemplates.forEach((template, index) => {
    if (!template.provider_id) return;
    const field = fieldAt(prefix, `session_templates.${index}.provider_id`);
    references.push({ memberId: template.provider_id, field });
  });
  return references;
}
