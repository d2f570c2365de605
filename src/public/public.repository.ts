import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { bookings, experiences, notifications, organizations } from "../db/schema";
import { nextBookingRevision } from "../features/bookings/booking-revision";

/** An experience of any organization (public routes have no API key), with its org's zone. */
export async function findExperienceWithTimezone(db: Database, experienceId: string) {
  const [row] = await db
    .select({ experience: experiences, timezone: organizations.timezone })
    .from(experiences)
    .innerJoin(organizations, eq(organizations.id, experiences.organizationId))
    .where(eq(experiences.id, experienceId))
    .limit(1);
  return row;
}

/**
 * A re-executed public booking issues a fresh cancel token: the first one was never delivered.
 * Its confirmation email, not sent yet, must carry the fresh manage link (or none) rather than
 * the first token's, which stops working here; one batch, so both change or neither.
 */
export async function replaceCancelToken(
  db: Database,
  bookingId: string,
  hash: string,
  manageLinkCiphertext: string | null,
) {
  await db.batch([
    db
      .update(bookings)
      .set({ cancelTokenHash: hash, revision: nextBookingRevision() })
      .where(eq(bookings.id, bookingId)),
    db
      .update(notifications)
      .set({ manageTokenCiphertext: manageLinkCiphertext })
      .where(
        and(
          eq(notifications.bookingId, bookingId),
          eq(notifications.kind, "booking_confirmed"),
          eq(notifications.status, "pending"),
        ),
      ),
  ]);
}
