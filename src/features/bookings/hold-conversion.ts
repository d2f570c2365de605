import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { HoldExpiredError, HoldNotActiveError, NotFoundError, ValidationError } from "../../errors";
import { recordIdempotencyKey } from "../../idempotency/idempotent-write";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { holdStateAt } from "../holds/holds.presenter";
import { claimHoldStatement, findHoldById, type HoldRow } from "../holds/holds.repository";
import { admitSession } from "../sessions/session-admission";
import { addNewBookingEvents } from "./booking-events";
import {
  assertBookingFitsExperience,
  BOOKING,
  type CreateBookingInput,
  newBookingOf,
} from "./booking-input";
import { bookingExists, insertBookingForConvertedHold } from "./bookings.repository";

/** 409 hold_expired or hold_not_active for a hold that can no longer be converted. */
function assertConvertible(hold: HoldRow, now: number) {
  const state = holdStateAt(hold, now);
  if (state === "expired") throw new HoldExpiredError();
  if (state !== "active") throw new HoldNotActiveError(state);
}

async function requireConvertibleHold(
  db: Database,
  input: CreateBookingInput,
  experience: ExperienceRow,
  holdId: string,
) {
  const hold = await findHoldById(db, input.organizationId, holdId);
  if (hold?.experienceId !== experience.id) throw new NotFoundError("Hold not found");
  const { quantity } = input.body;
  if (quantity !== undefined && quantity !== hold.quantity) {
    throw ValidationError.forField("quantity", `Must equal the hold's quantity (${hold.quantity})`);
  }
  assertConvertible(hold, input.now);
  return hold;
}

/**
 * §14: a booking with `hold_id` takes the held session and quantity, whatever the seats left,
 * if the hold is active and unexpired; the booking window is checked again. One batch: the
 * hold is claimed (`converted` with the booking's id), the booking inserted only if that
 * happened, the Idempotency-Key row and the booking.created event only if the booking was. A concurrent conversion or
 * release, or the hold's expiry, makes the claim change nothing and the whole batch a no-op.
 * Returns the new booking's id.
 */
export async function convertHold(
  db: Database,
  input: CreateBookingInput,
  experience: ExperienceRow,
  holdId: string,
): Promise<string> {
  assertBookingFitsExperience(experience, input.body, null);
  const hold = await requireConvertibleHold(db, input, experience, holdId);
  const session = await admitSession(db, experience, hold.sessionId, input.now);
  const booking = newBookingOf(input, experience, hold);

  const batch = new WriteBatch(db);
  const claimed = batch.track(claimHoldStatement(db, hold.id, booking.id, input.now));
  batch.add(insertBookingForConvertedHold(db, booking, hold.id));
  recordIdempotencyKey(
    batch,
    input,
    { resourceType: BOOKING, resourceId: booking.id },
    bookingExists(booking.id),
  );
  addNewBookingEvents(batch, booking, session, { waitlist: false });
  const committed = await batch.commit();
  if (committed.rowsChanged(claimed) === 0) {
    // Lost to a concurrent conversion or release, or to the hold's expiry.
    const current = await findHoldById(db, input.organizationId, holdId);
    if (current) assertConvertible(current, input.now);
    throw new HoldExpiredError();
  }
  return booking.id;
}
