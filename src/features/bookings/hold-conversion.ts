import type { Database } from "../../db/client";
import { HoldExpiredError, HoldNotActiveError, NotFoundError, ValidationError } from "../../errors";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { holdStateAt } from "../holds/hold-presenter";
import { findHoldById, type HoldRow } from "../holds/holds.repository";
import { admitSession } from "../sessions/session-admission";
import {
  assertBookingFitsExperience,
  type CreateBookingInput,
  newBookingOf,
} from "./booking-input";
import { convertHoldToBooking } from "./booking-inserts";

/** 409 hold_expired or hold_not_active for a hold that can no longer be converted. */
function assertConvertible(hold: HoldRow, now: number) {
  const state = holdStateAt(hold, now);
  if (state === "expired") throw new HoldExpiredError();
  if (state !== "active") throw new HoldNotActiveError(state);
}

/**
 * §14: a booking with `hold_id` takes the held session and quantity, whatever the seats left,
 * if the hold is active and unexpired; the booking window is checked again. Returns the new
 * booking's id.
 */
export async function convertHold(
  db: Database,
  input: CreateBookingInput,
  experience: ExperienceRow,
  holdId: string,
): Promise<string> {
  assertBookingFitsExperience(experience, input.body, null);
  const hold = await findHoldById(db, input.organizationId, holdId);
  if (hold?.experienceId !== experience.id) throw new NotFoundError("Hold not found");
  const { quantity } = input.body;
  if (quantity !== undefined && quantity !== hold.quantity) {
    throw ValidationError.forField("quantity", `Must equal the hold's quantity (${hold.quantity})`);
  }
  assertConvertible(hold, input.now);
  await admitSession(db, experience, hold.sessionId, input.now);
  const booking = newBookingOf(input, experience, hold.quantity);
  if (!(await convertHoldToBooking(db, hold, booking, input.idempotency))) {
    // Lost to a concurrent conversion or release, or to the hold's expiry.
    const current = await findHoldById(db, input.organizationId, holdId);
    if (current) assertConvertible(current, input.now);
    throw new HoldExpiredError();
  }
  return booking.id;
}
