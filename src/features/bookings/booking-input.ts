import { ValidationError } from "../../errors";
import type { WriteRequest } from "../../idempotency/idempotent-write";
import { newId } from "../../lib/ids";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { quantityErrors } from "../sessions/session-admission";
import { priceSnapshot } from "./booking-price";
import type { NewBooking } from "./bookings.repository";
import type { CreateBookingBody } from "./bookings.schemas";

/** Resource type of a booking's Idempotency-Key row (§7). */
export const BOOKING = "booking";

export interface CreateBookingInput extends WriteRequest {
  organizationId: string;
  experienceId: string;
  body: CreateBookingBody;
  /** Public bookings store the hash of their cancel token. */
  cancelTokenHash?: string | null;
}

/** Quantity and contact rules that depend on the experience (§9). */
export function assertBookingFitsExperience(
  experience: ExperienceRow,
  body: CreateBookingBody,
  quantity: number | null,
) {
  const fieldErrors: Record<string, string[]> =
    quantity === null ? {} : quantityErrors(experience, quantity);
  const method = experience.requiredContactMethod;
  if (method !== "none" && !body.contact.email) {
    fieldErrors["contact.email"] = ["An email address is required for this experience"];
  }
  if (method === "email_and_phone" && !body.contact.phone) {
    fieldErrors["contact.phone"] = ["A phone number is required for this experience"];
  }
  const error = ValidationError.fromFieldErrors(fieldErrors);
  if (error) throw error;
}

/** The booking row's own values; start, end and provider come from the session snapshot. */
export function newBookingOf(
  input: CreateBookingInput,
  experience: ExperienceRow,
  seats: { sessionId: string; quantity: number },
): NewBooking {
  const { body } = input;
  const { quantity } = seats;
  return {
    id: newId("bkg"),
    organizationId: input.organizationId,
    experienceId: experience.id,
    sessionId: seats.sessionId,
    quantity,
    contact: {
      name: body.contact.name,
      email: body.contact.email ?? null,
      phone: body.contact.phone ?? null,
    },
    notes: body.notes ?? null,
    price: priceSnapshot(experience.pricing, quantity),
    refundableHoursBefore:
      experience.schedulingRules.cancellation_policy.refundable_until_hours_before,
    cancelTokenHash: input.cancelTokenHash ?? null,
    now: input.now,
  };
}
