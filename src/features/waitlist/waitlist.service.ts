import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { addEvent } from "../../events/outbox";
import { addNotification } from "../../notifications/notification-statement";
import { promotedBookingRow } from "../bookings/booking-events";
import { presentBooking } from "../bookings/bookings.presenter";
import type { BookingRow } from "../bookings/bookings.repository";
import { findExperienceById } from "../experiences/experiences.repository";
import { findSeatsLeft } from "../sessions/sessions.repository";
import { listWaitlistInOrder, promotedAt, promoteStatement } from "./waitlist.repository";

/** One batch promotes at most this many bookings; a longer run continues in the next pass. */
const MAX_PROMOTIONS_PER_BATCH = 50;

/** The FIFO prefix of the waitlist whose seats fit: the first that does not fit blocks the rest. */
function fittingPrefix(waitlist: BookingRow[], seatsLeft: number) {
  const prefix: BookingRow[] = [];
  let seats = seatsLeft;
  for (const booking of waitlist) {
    if (booking.quantity > seats) break;
    seats -= booking.quantity;
    prefix.push(booking);
  }
  return prefix;
}

/**
 * §14 promotion, to call whenever seats of the session may have been freed (a cancellation, a
 * released or expired hold, a capacity increase, a reschedule away). Confirms waitlisted
 * bookings in FIFO order as long as they fit; every promotion is its own guarded statement
 * (see promoteStatement), so a stale read or a concurrent promoter can only make it promote
 * fewer, never more seats than are free. Each promotion writes its booking.promoted event in
 * the same batch, only if it happened. Returns the ids of the bookings this call promoted.
 */
export async function promoteWaitlist(
  db: Database,
  sessionId: string,
  now: number,
): Promise<string[]> {
  const [seatsLeft, waitlist] = await Promise.all([
    findSeatsLeft(db, sessionId, now),
    listWaitlistInOrder(db, sessionId, MAX_PROMOTIONS_PER_BATCH),
  ]);
  if (seatsLeft === null || seatsLeft <= 0) return [];
  const candidates = fittingPrefix(waitlist, seatsLeft);
  if (candidates.length === 0) return [];
  const batch = new WriteBatch(db);
  const first = candidates[0];
  const experience =
    first && (await findExperienceById(db, first.organizationId, first.experienceId));
  const promotions = [];
  for (const booking of candidates) {
    const ref = batch.track(promoteStatement(db, booking.id, now));
    const object = presentBooking(promotedBookingRow(booking, now), now);
    const eventId = addEvent(batch, booking.organizationId, "booking.promoted", { object }, now, {
      onlyIf: promotedAt(booking.id, now),
    });
    // §17. The mail carries the link the booking_waitlisted mail kept (addNotification).
    await addNotification(batch, {
      organizationId: booking.organizationId,
      bookingId: booking.id,
      eventId,
      kind: "booking_promoted",
      to: booking.contact.email,
      notifyCustomers: experience?.notifyCustomers ?? false,
      manageUrl: null,
      encryptionKey: undefined,
      now,
    });
    promotions.push({ id: booking.id, ref });
  }
  const committed = await batch.commit();
  return promotions.filter(({ ref }) => committed.rowsChanged(ref) === 1).map(({ id }) => id);
}
