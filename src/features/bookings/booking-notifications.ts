import type { WriteBatch } from "../../db/write-batch";
import { addNotification } from "../../notifications/notification-statement";
import { manageUrl } from "../../public/booking-page/manage-link";
import type { ExperienceRow } from "../experiences/experiences.repository";
import type { NewBookingEventIds } from "./booking-events";
import type { CreateBookingInput } from "./booking-input";
import type { NewBooking } from "./bookings.repository";

/**
 * §17: the mail of a new booking, in its batch: booking_confirmed tied to its booking.created
 * event, booking_waitlisted to its booking.waitlisted one; only the one whose event was written
 * is (the other's event row does not exist). The manage link is kept encrypted with it.
 */
export async function addNewBookingNotifications(
  batch: WriteBatch,
  input: CreateBookingInput,
  experience: ExperienceRow,
  booking: NewBooking,
  eventIds: NewBookingEventIds,
) {
  const link =
    input.origin && input.cancelToken
      ? manageUrl(input.origin, booking.id, input.cancelToken.token)
      : null;
  const common = {
    organizationId: booking.organizationId,
    bookingId: booking.id,
    to: booking.contact.email,
    notifyCustomers: experience.notifyCustomers,
    manageUrl: link,
    encryptionKey: input.encryptionKey,
    now: booking.now,
  };
  await addNotification(batch, { ...common, eventId: eventIds.created, kind: "booking_confirmed" });
  if (eventIds.waitlisted) {
    await addNotification(batch, {
      ...common,
      eventId: eventIds.waitlisted,
      kind: "booking_waitlisted",
    });
  }
}
