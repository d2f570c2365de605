import { and, eq, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { listIds, oldestFirst } from "../db/queries";
import { bookings, experiences, members, notifications, organizations } from "../db/schema";

export type NotificationRow = typeof notifications.$inferSelect;

/** The pending mails an event caused (the dispatch turns each into a Queue message). */
export async function listPendingNotificationIds(db: Database, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return listIds(
    db,
    notifications,
    and(inArray(notifications.eventId, eventIds), eq(notifications.status, "pending")),
  );
}

export type NotificationClaim =
  | { claimed: NotificationRow }
  | { leasedForMs: number }
  | { done: true };

/**
 * Counts the attempt and leases the mail before the send goes out, so a duplicate Queue message
 * arriving meanwhile waits instead of sending it again. A sent or failed mail is never taken
 * again; a lease left by a consumer that died runs out.
 */
export async function claimPendingNotification(
  db: Database,
  id: string,
  now: number,
  leaseMs: number,
): Promise<NotificationClaim> {
  const [row] = await db
    .update(notifications)
    .set({ attempts: sql`${notifications.attempts} + 1`, leasedUntil: now + leaseMs })
    .where(
      and(
        eq(notifications.id, id),
        eq(notifications.status, "pending"),
        or(isNull(notifications.leasedUntil), lte(notifications.leasedUntil, now)),
      ),
    )
    .returning();
  if (row) return { claimed: row };
  const [leased] = await db
    .select({ leasedUntil: notifications.leasedUntil })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.status, "pending")))
    .limit(1);
  return leased?.leasedUntil ? { leasedForMs: leased.leasedUntil - now } : { done: true };
}

export async function findMailContext(db: Database, notification: NotificationRow) {
  const [booking] = await db
    .select()
    .from(bookings)
    .where(eq(bookings.id, notification.bookingId))
    .limit(1);
  if (!booking) return undefined;
  const [[experience], [organization]] = await Promise.all([
    db.select().from(experiences).where(eq(experiences.id, booking.experienceId)).limit(1),
    db.select().from(organizations).where(eq(organizations.id, booking.organizationId)).limit(1),
  ]);
  if (!experience || !organization) return undefined;
  return { booking, experience, organization };
}

export type MailContext = NonNullable<Awaited<ReturnType<typeof findMailContext>>>;

/**
 * The manage link's ciphertext once a mail is done with it: dropped (the token then lives only in
 * the mail), except the booking's first mail's (confirmed or waitlisted), which later mails of the
 * booking carry again; dropKeptLinksOfSettledBookings removes it once the booking is settled.
 */
const linkKeptAfterSend = sql`CASE WHEN ${notifications.kind} IN ('booking_confirmed', 'booking_waitlisted')
  THEN ${notifications.manageTokenCiphertext} END`;

/** Sent: the manage link is dropped (see linkKeptAfterSend). */
export async function markNotificationSent(db: Database, id: string, now: number) {
  await db
    .update(notifications)
    .set({
      status: "sent",
      sentAt: now,
      lastError: null,
      leasedUntil: null,
      manageTokenCiphertext: linkKeptAfterSend,
    })
    .where(eq(notifications.id, id));
}

export async function recordNotificationError(
  db: Database,
  id: string,
  error: string,
  finalAttempt: boolean,
) {
  await db
    .update(notifications)
    .set({
      lastError: error.slice(0, 500),
      leasedUntil: null,
      ...(finalAttempt
        ? { status: "failed" as const, manageTokenCiphertext: linkKeptAfterSend }
        : {}),
    })
    // A late dead-lettered copy of a mail that was sent meanwhile must not mark it failed.
    .where(and(eq(notifications.id, id), eq(notifications.status, "pending")));
}

export async function listBookingNotifications(
  db: Database,
  organizationId: string,
  bookingId: string,
) {
  return db
    .select()
    .from(notifications)
    .where(
      and(eq(notifications.organizationId, organizationId), eq(notifications.bookingId, bookingId)),
    )
    .orderBy(...oldestFirst(notifications));
}

/** The experience's first provider's email, the mail's Reply-To (§17). */
export async function findMemberEmail(db: Database, organizationId: string, memberId: string) {
  const [row] = await db
    .select({ email: members.email })
    .from(members)
    .where(and(eq(members.organizationId, organizationId), eq(members.id, memberId)))
    .limit(1);
  return row?.email ?? null;
}

/** A booking that ended this long ago is settled: no mail of it will need its link again. */
const SETTLED_AFTER_END_MS = 86_400_000;

/**
 * The links first mails kept for later ones, of bookings that are settled (cancelled, expired,
 * or a day past their end) and whose first mail is done: dropped. A later mail copies the link
 * in the batch that changes the booking, so it is never dropped before it is copied.
 */
export async function dropKeptLinksOfSettledBookings(db: Database, now: number): Promise<number> {
  const dropped = await db
    .update(notifications)
    .set({ manageTokenCiphertext: null })
    .where(
      and(
        // Written as the partial index notifications_kept_links is, so SQLite scans only it.
        sql`notifications.kind IN ('booking_confirmed', 'booking_waitlisted')
          AND notifications.manage_token_ciphertext IS NOT NULL`,
        ne(notifications.status, "pending"),
        sql`NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = notifications.booking_id
          AND b.status IN ('confirmed', 'waitlisted') AND b.end_at > ${now - SETTLED_AFTER_END_MS})`,
      ),
    )
    .returning({ id: notifications.id });
  return dropped.length;
}
