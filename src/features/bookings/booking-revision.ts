import { sql } from "drizzle-orm";
import { bookings } from "../../db/schema";

/**
 * What every UPDATE of a booking row sets its revision to. The revision is the SEQUENCE of the
 * booking's .ics (§13), which calendar clients need to grow with each change they should apply,
 * also with two changes in the same second (a reschedule and its correction).
 */
export const nextBookingRevision = () => sql`${bookings.revision} + 1`;
