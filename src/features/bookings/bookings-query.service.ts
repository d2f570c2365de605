import type { Database } from "../../db/client";
import { orNotFound } from "../../errors";
import { type PageRequest, pageOffset, paginationOf } from "../../lib/pagination";
import { addDays } from "../../scheduling/calendar-date";
import { startOfLocalDay } from "../../scheduling/time-zone";
import { findWaitlistPositions } from "../waitlist/waitlist.repository";
import { presentBooking } from "./bookings.presenter";
import {
  type BookingRow,
  findBookingById,
  listBookingsByOrganization,
} from "./bookings.repository";
import type { ListBookingsQuery } from "./bookings.schemas";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A `from`/`to` bound as a half-open [from, to) range on start: a date is a whole local day in
 * the organization's zone, and `to` is inclusive (its day, or its instant).
 */
function boundOf(value: string | undefined, timezone: string, isEnd: boolean) {
  if (value === undefined) return undefined;
  if (!DATE_ONLY.test(value)) return Date.parse(value) + (isEnd ? 1 : 0);
  return startOfLocalDay(isEnd ? addDays(value, 1) : value, timezone);
}

/** Presents bookings with the FIFO positions of the waitlisted ones (one query per 90 sessions). */
async function presentBookings(db: Database, rows: BookingRow[], now: number) {
  const waitlisted = rows.filter((row) => row.status === "waitlisted" && row.startAt > now);
  const positions = await findWaitlistPositions(
    db,
    waitlisted.map((row) => row.sessionId),
  );
  return rows.map((row) => presentBooking(row, now, positions.get(row.id)));
}

export async function listBookings(
  db: Database,
  organizationId: string,
  organizationTimezone: string,
  query: ListBookingsQuery,
  now: number,
) {
  const page: PageRequest = { page: query.page, page_size: query.page_size };
  const { rows, total } = await listBookingsByOrganization(
    db,
    organizationId,
    {
      experienceId: query.experience_id,
      sessionId: query.session_id,
      statuses: query.status,
      startFromMs: boundOf(query.from, organizationTimezone, false),
      startBeforeMs: boundOf(query.to, organizationTimezone, true),
    },
    page.page_size,
    pageOffset(page),
    now,
  );
  const data = await presentBookings(db, rows, now);
  return { data, pagination: paginationOf(total, page) };
}

/** The organization's booking row; 404 for unknown and foreign ids. */
export async function requireBooking(db: Database, organizationId: string, bookingId: string) {
  return orNotFound(await findBookingById(db, organizationId, bookingId), "Booking");
}

export async function getBooking(
  db: Database,
  organizationId: string,
  bookingId: string,
  now: number,
) {
  const row = await requireBooking(db, organizationId, bookingId);
  const [booking] = await presentBookings(db, [row], now);
  return booking as NonNullable<typeof booking>;
}
