import { toIso } from "../../lib/time";
import type { ExperienceRow } from "./experiences.repository";

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
