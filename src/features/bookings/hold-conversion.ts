import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { HoldExpiredError, HoldNotActiveError, NotFoundError, ValidationError } from "../../errors";
import { readWithOriginal } from "../../idempotency/idempotent-write";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { holdStateAt } from "../holds/holds.presenter";
import { claimHoldStatement, findHoldByIdQuery, type HoldRow } from "../holds/holds.repository";
import { admitSession } from "../sessions/session-admission";
import { sessionViewOf } from "../sessions/sessions.service";
import { addNewBookingEvents } from "./booking-events";
import type { BookingOutcome, CreateBookingInput } from "./booking-input";
import {
  assertBookingFitsExperience,
  BOOKING,
  newBookingOf,
  recordBookingKey,
  requireBookableExperience,
} from "./booking-input";
import { addNewBookingNotifications } from "./booking-notifications";
import { holdConversionReads } from "./booking-reads.repository";
import { insertBookingForConvertedHold } from "./bookings.repository";

/** 409 hold_expired or hold_not_active for a hold that can no longer be converted. */
function assertConvertible(hold: HoldRow, now: number) {
  const state = holdStateAt(hold, now);
  if (state === "expired") throw new HoldExpiredError();
  if (state !== "active") throw new HoldNotActiveError(state);
}

function requireConvertibleHold(
  input: CreateBookingInput,
  experience: ExperienceRow,
  hold: HoldRow | undefined,
) {
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
 * if the hold is active and unexpired; the booking window is checked again. One read batch
 * (the key's row, the experience, the hold and its session's sources), then one write batch:
 * the hold is claimed (`converted` with the booking's id), the booking inserted only if that
 * happened, the Idempotency-Key row and the booking.created event only if the booking was. A
 * concurrent conversion or release, or the hold's expiry, makes the claim change nothing and
 * the whole batch a no-op; the hold as read at its end says which.
 */
export async function convertHold(
  db: Database,
  input: CreateBookingInput,
  holdId: string,
): Promise<BookingOutcome> {
  const { organizationId, experienceId, now } = input;
  const reads = holdConversionReads(db, organizationId, experienceId, holdId, now);
  const { originalId, rows } = await readWithOriginal(db, input, BOOKING, reads);
  if (originalId) return { originalId };
  const [[found], [held], [recurrence], [stored]] = rows;
  const experience = requireBookableExperience(found);
  assertBookingFitsExperience(experience, input.body, null);
  const hold = requireConvertibleHold(input, experience, held);
  const view = sessionViewOf(experience, hold.sessionId, recurrence, stored);
  const session = admitSession(experience, view, now);
  const booking = newBookingOf(input, experience, hold);

  const batch = new WriteBatch(db);
  const claimed = batch.track(claimHoldStatement(db, hold.id, booking.id, now));
  const inserted = batch.trackRows(insertBookingForConvertedHold(db, booking, hold.id));
  recordBookingKey(batch, input, booking.id);
  const eventIds = addNewBookingEvents(batch, booking, session, { waitlist: false });
  await addNewBookingNotifications(batch, input, experience, booking, eventIds);
  const after = batch.trackRows(findHoldByIdQuery(db, organizationId, holdId));
  const committed = await batch.commit();
  const [row] = committed.rows(inserted);
  if (committed.rowsChanged(claimed) === 0 || !row) {
    // Lost to a concurrent conversion or release, or to the hold's expiry.
    const [current] = committed.rows(after);
    if (current) assertConvertible(current, now);
    throw new HoldExpiredError();
  }
  return { row };
}
