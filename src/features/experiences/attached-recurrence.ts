// The recurrence written with a new experience (§5): the caller's default_recurrence, else the
// auto-default when the experience has providers, else none and a hint.

import { todayInZone } from "../../scheduling/time-zone";
import {
  type RecurrenceValues,
  recurrenceProviderReferences,
  validateRecurrence,
} from "../recurrences/recurrence-validation";
import type { ProviderReference } from "../spaces/provider-rule";
import type { CreateExperienceBody } from "./experiences.schemas";

export type AttachmentFlags =
  | Record<string, never>
  | { auto_recurrence: true }
  | { recurrence_required: true; hint: string };

export interface AttachedRecurrence {
  values: RecurrenceValues | null;
  /** Provider IDs the recurrence adds (the auto-default's is providers[0], checked as such). */
  providerReferences: ProviderReference[];
  flags: AttachmentFlags;
}

const DEFAULT_RECURRENCE_FIELD = "default_recurrence";

/** Monday to Friday at 09:00 in the organization's zone, from today on, with no end. */
function autoDefaultRecurrence(
  providerId: string,
  capacity: number,
  timezone: string,
  now: number,
): RecurrenceValues {
  return {
    providerId,
    timezone,
    startDate: todayInZone(timezone, now),
    cadence: { frequency: "weekly", interval: 1, days_of_week: [1, 2, 3, 4, 5] },
    endCondition: { type: "never" },
    sessionTemplates: [
      { start_time_of_day: "09:00", capacity, provider_id: null, days_of_week: null },
    ],
    excludedDates: [],
    status: "active",
  };
}

export function recurrenceHint(experienceId: string): string {
  return (
    `This experience has no recurrence, so it has no sessions yet. Attach one with ` +
    `POST /v1/experiences/${experienceId}/recurrences, or send default_recurrence when ` +
    `creating an experience.`
  );
}

export function planAttachedRecurrence(
  input: CreateExperienceBody,
  experienceId: string,
  organizationTimezone: string,
  now: number,
): AttachedRecurrence {
  if (input.default_recurrence) {
    const values = validateRecurrence(input.default_recurrence, DEFAULT_RECURRENCE_FIELD);
    const providerReferences = recurrenceProviderReferences(values, DEFAULT_RECURRENCE_FIELD);
    return { values, providerReferences, flags: {} };
  }
  const [firstProvider] = input.providers;
  if (firstProvider) {
    const values = autoDefaultRecurrence(
      firstProvider,
      input.default_capacity,
      organizationTimezone,
      now,
    );
    return { values, providerReferences: [], flags: { auto_recurrence: true } };
  }
  const flags = { recurrence_required: true as const, hint: recurrenceHint(experienceId) };
  return { values: null, providerReferences: [], flags };
}
