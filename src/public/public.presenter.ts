import type { ExperienceRow } from "../features/experiences/experiences.repository";
import type { PublicExperience } from "./public.schemas";

export interface PublicExperienceRecord {
  experience: ExperienceRow;
  timezone: string;
}

export function presentPublicExperience({
  experience,
  timezone,
}: PublicExperienceRecord): PublicExperience {
  return {
    id: experience.id,
    name: experience.name,
    description: experience.description,
    duration_minutes: experience.durationMinutes,
    location: experience.location,
    pricing: experience.pricing,
    required_contact_method: experience.requiredContactMethod,
    max_booking_quantity: experience.maxBookingQuantity,
    registration_status: experience.registrationStatus,
    scheduling_rules: experience.schedulingRules,
    waitlist: experience.waitlist,
    timezone,
  };
}
