// §17: the pending customer email, written in the same db.batch as the booking event it tells
// about, so a mail exists exactly when the change committed (and never delays the request).

import { eq } from "drizzle-orm";
import { events, notifications } from "../db/schema";
import { insertIfRowExists, rowExists, type WriteBatch } from "../db/write-batch";
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
   * manage_token_ciphertext) and cleared once the mail is sent.
   */
  manageUrl: string | null;
  encryptionKey: string | undefined;
  now: number;
}

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
  const manageTokenCiphertext =
    input.manageUrl && input.encryptionKey
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
    attempts: 0,
    lastError: null,
    sentAt: null,
    manageTokenCiphertext,
    createdAt: input.now,
  };
  batch.add(
    insertIfRowExists(
      batch.db,
      notifications,
      row,
      rowExists(events, eq(events.id, input.eventId)),
    ),
  );
  return true;
}
