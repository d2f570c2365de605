// §17: the pending customer email, written in the same db.batch as the booking event it tells
// about, so a mail exists exactly when the change committed (and never delays the request).

import { eq, sql } from "drizzle-orm";
import { events, notifications } from "../db/schema";
import { insertSelect, type WriteBatch } from "../db/write-batch";
import { noteEventMailed } from "../events/outbox-settlement";
import { newId } from "../lib/ids";
import { encryptText } from "../lib/secret-box";

export type NotificationKind =
  | "booking_confirmed"
  | "booking_cancelled"
  | "booking_rescheduled"
  | "booking_waitlisted"
  | "booking_promoted";

export interface NotificationInput {
  organizationId: string;
  bookingId: string;
  /** The outbox event (returned by addEvent) of the same batch; no event, no mail. */
  eventId: string;
  kind: NotificationKind;
  /** The contact's email; null means the customer cannot be told (nothing is written). */
  to: string | null;
  /** The experience's notify_customers. */
  notifyCustomers: boolean;
  /**
   * The manage link, which carries the plain cancel token: stored only encrypted (in
   * manage_token_ciphertext). Rescheduled and promoted mails ignore it and carry the link the
   * booking's first mail kept (keptManageLink).
   */
  manageUrl: string | null;
  encryptionKey: string | undefined;
  now: number;
}

/**
 * The manage link the booking's first mail keeps while the booking lives. A later mail
 * (rescheduled, promoted: often a sweep's, with no request to build a link from) carries the
 * same link, so every link the customer was given keeps working and no token is rotated.
 * The kinds that keep a link (booking_confirmed, booking_waitlisted) are spelled in SQL here, in
 * notifications.repository.ts and in the partial index notifications_kept_links, whose WHERE
 * SQLite matches only textually.
 */
const keptManageLink = (bookingId: string) => sql`(
  SELECT k.manage_token_ciphertext FROM notifications k
  WHERE k.booking_id = ${bookingId} AND k.kind IN ('booking_confirmed', 'booking_waitlisted')
    AND k.manage_token_ciphertext IS NOT NULL
  ORDER BY k.created_at DESC LIMIT 1)`;

const LINK_COPYING_KINDS: ReadonlySet<NotificationKind> = new Set([
  "booking_promoted",
  "booking_rescheduled",
]);

/**
 * The hook §14/§15 call for rescheduled/waitlisted/promoted mails too: appends the notification
 * row to the batch when the customer can and wants to be told. Returns whether it did.
 */
export async function addNotification(
  batch: WriteBatch,
  input: NotificationInput,
): Promise<boolean> {
  if (!input.to || !input.notifyCustomers) return false;
  // Without WEBHOOK_ENCRYPTION_KEY the mail still goes out, without the link: a missing
  // setting must never fail the booking (§17).
  const manageTokenCiphertext = LINK_COPYING_KINDS.has(input.kind)
    ? keptManageLink(input.bookingId)
    : input.manageUrl && input.encryptionKey
      ? await encryptText(input.encryptionKey, input.manageUrl)
      : null;
  const row = {
    id: newId("ntf"),
    organizationId: input.organizationId,
    bookingId: input.bookingId,
    eventId: input.eventId,
    kind: input.kind,
    to: input.to,
    status: "pending" as const,
    manageTokenCiphertext,
    createdAt: input.now,
  };
  const eventWritten = sql`SELECT 1 FROM ${events} WHERE ${eq(events.id, input.eventId)}`;
  batch.add(insertSelect(batch.db, notifications, row, sql`WHERE EXISTS (${eventWritten})`));
  noteEventMailed(batch, input.eventId);
  return true;
}

/** A mail without a manage link, for the bulk insert (a session cancellation's). */
export interface PlainNotification {
  bookingId: string;
  eventId: string;
  to: string | null;
}

/** Mails written per statement: one JSON parameter each, like the events they follow. */
const NOTIFICATIONS_PER_STATEMENT = 250;

/**
 * The same rows as addNotification for many bookings at once (a session cancellation can cancel
 * thousands): one INSERT … SELECT per chunk, each row only if its event exists.
 */
export function addNotifications(
  batch: WriteBatch,
  common: { organizationId: string; kind: NotificationKind; notifyCustomers: boolean; now: number },
  mails: PlainNotification[],
) {
  if (!common.notifyCustomers) return;
  const rows = mails.filter((mail) => mail.to);
  for (let at = 0; at < rows.length; at += NOTIFICATIONS_PER_STATEMENT) {
    const chunk = rows.slice(at, at + NOTIFICATIONS_PER_STATEMENT).map((mail) => ({
      id: newId("ntf"),
      booking_id: mail.bookingId,
      event_id: mail.eventId,
      to: mail.to,
    }));
    const field = (name: string) => sql`json_extract(j.value, ${`$.${name}`})`;
    const row = {
      id: field("id"),
      organizationId: common.organizationId,
      bookingId: field("booking_id"),
      eventId: field("event_id"),
      kind: common.kind,
      to: field("to"),
      status: "pending" as const,
      createdAt: common.now,
    };
    batch.add(
      insertSelect(
        batch.db,
        notifications,
        row,
        sql`FROM json_each(${JSON.stringify(chunk)}) j
          WHERE EXISTS (SELECT 1 FROM events e WHERE e.id = json_extract(j.value, '$.event_id'))
          ORDER BY j.key`,
      ),
    );
    for (const mail of chunk) noteEventMailed(batch, mail.event_id);
  }
}
