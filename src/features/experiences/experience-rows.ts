// Experience rows built from a create body, and a stored row with a PATCH laid over it (§5).

import type { PricingValue, SchedulingRulesValue } from "../../db/schema";
import { newId } from "../../lib/ids";
import type { ExperienceRow } from "./experiences.repository";
import type { CreateExperienceBody, UpdateExperienceBody } from "./experiences.schemas";

type SchedulingRulesPatch = NonNullable<CreateExperienceBody["scheduling_rules"]>;

const DEFAULT_SCHEDULING_RULES: SchedulingRulesValue = {
  booking_window: { min_hours_before: 1, max_days_ahead: 60 },
  cancellation_policy: { refundable_until_hours_before: 24 },
};

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

export function buildExperienceRow(
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
    notifyCustomers: input.notify_customers,
    createdAt: now,
    updatedAt: now,
    revision: 0,
  };
}

export function applyExperiencePatch(
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
    notifyCustomers: patch.notify_customers ?? row.notifyCustomers,
    providers: patch.providers ?? row.providers,
    location: patch.location === undefined ? row.location : patch.location,
    pricing: patch.pricing ? normalizePricing(patch.pricing) : row.pricing,
    schedulingRules: mergeSchedulingRules(row.schedulingRules, patch.scheduling_rules),
    waitlist: patch.waitlist ?? row.waitlist,
    updatedAt: now,
  };
}
