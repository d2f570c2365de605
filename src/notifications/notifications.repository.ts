import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { bookings, experiences, members, notifications, organizations } from "../db/schema";

export type NotificationRow = typeof notifications.$inferSelect;

/** The pending mails an event caused (the dispatch turns each into a Queue message). */
export async function listPendingNotificationIds(db: Database, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(inArray(notifications.eventId, eventIds), eq(notifications.status, "pending")));
  return rows.map((row) => row.id);
}

/** Counts the attempt before the send goes out; a sent or failed mail is never taken again. */
export async function claimPendingNotification(db: Database, id: string) {
  const [row] = await db
    .update(notifications)
    .set({ attempts: sql`${notifications.attempts} + 1` })
    .where(and(eq(notifications.id, id), eq(notifications.status, "pending")))
    .returning();
  return row;
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

/** Sent: the manage link's ciphertext is dropped, the token now lives only in the mail. */
export async function markNotificationSent(db: Database, id: string, now: number) {
  await db
    .update(notifications)
    .set({ status: "sent", sentAt: now, lastError: null, manageTokenCiphertext: null })
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
      ...(finalAttempt ? { status: "failed" as const, manageTokenCiphertext: null } : {}),
    })
    .where(eq(notifications.id, id));
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
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
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
