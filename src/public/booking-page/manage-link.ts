/**
 * The one place a booking is managed after it was made (§17's manage link): the confirmation
 * screen, the public booking response (`manage_url`) and the emails all point here.
 */
export function managePath(bookingId: string, cancelToken: string): string {
  return `/book/manage/${encodeURIComponent(bookingId)}?token=${encodeURIComponent(cancelToken)}`;
}

export function manageUrl(origin: string, bookingId: string, cancelToken: string): string {
  return new URL(managePath(bookingId, cancelToken), origin).href;
}

/** The booking as an iCalendar file (§13), behind the same token. */
export function bookingCalendarPath(bookingId: string, cancelToken: string): string {
  return `/public/bookings/${encodeURIComponent(bookingId)}/calendar.ics?cancel_token=${encodeURIComponent(cancelToken)}`;
}
