import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { bookings, experiences, organizations } from "../db/schema";

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

/** A re-executed public booking issues a fresh cancel token: the first one was never delivered. */
export async function replaceCancelTokenHash(db: Database, bookingId: string, hash: string) {
  await db.update(bookings).set({ cancelTokenHash: hash }).where(eq(bookings.id, bookingId));
}
