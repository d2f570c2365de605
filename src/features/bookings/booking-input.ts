import type { WriteBatch } from "../../db/write-batch";
import { NotFoundError, ValidationError } from "../../errors";
import type { CreateRequest } from "../../idempotency/idempotent-write";
import { recordIdempotencyKey } from "../../idempotency/idempotent-write";
import { newId } from "../../lib/ids";
import type { CancelToken } from "../../public/cancel-token";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { assertExperienceTakesBookings, quantityErrors } from "../sessions/session-admission";
import { priceSnapshot } from "./booking-price";
import { type BookingRow, bookingExists, type NewBooking } from "./bookings.repository";
import type { CreateBookingBody } from "./bookings.schemas";

/** Resource type of a booking's Idempotency-Key row (§7). */
export const BOOKING = "booking";

/**
 * What a booking write ended in: the row as the batch wrote it (with a waitlisted booking's
 * FIFO position, read in the same batch), or the ID an earlier execution under the
 * Idempotency-Key wrote (§7 crash safety).
 */
export type BookingOutcome = { originalId: string } | { row: BookingRow; position?: number };

export interface CreateBookingInput extends CreateRequest<CreateBookingBody> {
  experienceId: string;
  /** The customer's cancel token (§10, §17): only its hash is stored, the token goes in the mail. */
  cancelToken?: CancelToken;
  /** Encrypts the manage link kept with the pending notification (§17). */
  encryptionKey?: string;
  /** The Worker's public origin, for the manage link in the confirmation email (none without). */
  origin?: string;
}

/** The experience as read for a seat request: 404 when not the organization's, then §9's first checks. */
export function requireBookableExperience(experience: ExperienceRow | undefined): ExperienceRow {
  if (!experience) throw new NotFoundError("Experience not found");
  assertExperienceTakesBookings(experience);
  return experience;
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
    cancelTokenHash: input.cancelToken?.hash ?? null,
    now: input.now,
  };
}

/** The booking's Idempotency-Key row (§7), written only if the booking was. */
export function recordBookingKey(batch: WriteBatch, input: CreateBookingInput, bookingId: string) {
  const outcome = { resourceType: BOOKING, resourceId: bookingId };
  recordIdempotencyKey(batch, input, outcome, bookingExists(bookingId));
}
