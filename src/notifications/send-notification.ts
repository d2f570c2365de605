// §17: the Queue consumer's handler for one customer email. The booking is only read here: a
// failed send changes the notification row and nothing else.

import { createDb } from "../db/client";
import { ACK, type MessageAttempt } from "../delivery/messages";
import { nextRetryDelaySeconds } from "../delivery/retry-schedule";
import { buildPublicBookingCalendar } from "../features/calendar/booking-calendar.service";
import { findWaitlistPositions } from "../features/waitlist/waitlist.repository";
import { encryptionKeyOf } from "../lib/encryption-key";
import { decryptText } from "../lib/secret-box";
import { cancelTokenMatches } from "../public/cancel-token";
import { type ComposedMail, composeMail } from "./mail-templates";
import {
  claimPendingNotification,
  findMailContext,
  findMemberEmail,
  type MailContext,
  markNotificationSent,
  type NotificationRow,
  recordNotificationError,
} from "./notifications.repository";

/** Longer than a send takes; a consumer that died mid-send holds the mail this long at most. */
const SEND_LEASE_MS = 60_000;

const CALENDAR_KINDS = new Set(["booking_confirmed", "booking_rescheduled", "booking_promoted"]);

/** The booking's .ics (§13) for mails that put it in the customer's calendar. */
async function calendarAttachment(
  env: Env,
  notification: NotificationRow,
  manageUrl: string | null,
) {
  if (!manageUrl || !CALENDAR_KINDS.has(notification.kind)) return [];
  const url = new URL(manageUrl);
  const token = url.searchParams.get("token") ?? "";
  const origin = { origin: url.origin, host: url.host };
  const calendar = await buildPublicBookingCalendar(
    createDb(env.DB),
    notification.bookingId,
    token,
    origin,
  );
  return [
    {
      content: calendar.body,
      filename: "booking.ics",
      type: "text/calendar; charset=utf-8; method=PUBLISH",
      disposition: "attachment" as const,
    },
  ];
}

/**
 * A reschedule mails a new link and rotates the token: a mail still pending with the old link
 * goes out without it (and without the .ics it would have opened) rather than with a dead one.
 */
async function linkStillManages(link: string | null, tokenHash: string | null) {
  if (!link) return false;
  return cancelTokenMatches(new URL(link).searchParams.get("token") ?? undefined, tokenHash);
}

function senderOf(env: Env, context: MailContext) {
  return { name: context.organization.name, email: env.EMAIL_FROM };
}

async function replyToOf(context: MailContext, env: Env): Promise<string | undefined> {
  const providerId = context.experience.providers[0];
  if (!providerId) return undefined;
  return (
    (await findMemberEmail(createDb(env.DB), context.organization.id, providerId)) ?? undefined
  );
}

async function send(env: Env, notification: NotificationRow, context: MailContext) {
  const stored = notification.manageTokenCiphertext
    ? await decryptText(encryptionKeyOf(env), notification.manageTokenCiphertext)
    : null;
  const manageUrl = (await linkStillManages(stored, context.booking.cancelTokenHash))
    ? stored
    : null;
  const waitlistPosition =
    notification.kind === "booking_waitlisted"
      ? (await findWaitlistPositions(createDb(env.DB), [context.booking.sessionId])).get(
          context.booking.id,
        )
      : null;
  const mail: ComposedMail = composeMail({
    ...context,
    kind: notification.kind,
    manageUrl,
    waitlistPosition,
  });
  const replyTo = await replyToOf(context, env);
  await env.EMAIL.send({
    to: notification.to,
    from: senderOf(env, context),
    ...(replyTo ? { replyTo } : {}),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: await calendarAttachment(env, notification, manageUrl),
  });
}

/** One attempt; a failure is retried on §12's schedule, the last one marks the mail failed. */
export const attemptNotification: MessageAttempt = async (env, id, now) => {
  const db = createDb(env.DB);
  const claim = await claimPendingNotification(db, id, now, SEND_LEASE_MS);
  if ("leasedForMs" in claim) {
    return { action: "retry", delaySeconds: Math.max(1, Math.ceil(claim.leasedForMs / 1000)) };
  }
  if ("done" in claim) return ACK;
  const notification = claim.claimed;
  const context = await findMailContext(db, notification);
  try {
    if (!context) throw new Error("The booking no longer exists");
    await send(env, notification, context);
  } catch (err) {
    const delay = nextRetryDelaySeconds(notification.attempts, null);
    const message = err instanceof Error ? err.message : String(err);
    await recordNotificationError(db, id, message, delay === null);
    return delay === null ? ACK : { action: "retry", delaySeconds: delay };
  }
  await markNotificationSent(db, id, now);
  return ACK;
};

/** A message that exhausted the Queue's own retries: the mail is given up. */
export async function abandonNotification(env: Env, id: string) {
  await recordNotificationError(createDb(env.DB), id, "Gave up after repeated failures", true);
  return ACK;
}
