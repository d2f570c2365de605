import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { callJson } from "./http";

export interface SentFiles {
  text: string[];
  html: string[];
  attachment: string[];
}

/** What the real EMAIL binding wrote for mails mentioning `needle` (test/helpers/sent-mail-files.mjs). */
export async function sentMentioning(needle: string): Promise<SentFiles> {
  const res = await env.SENT_MAIL.fetch(`http://mail/?contains=${encodeURIComponent(needle)}`);
  return res.json();
}

export type NotificationView = Record<string, unknown>;

/** GET /v1/bookings/{id}/notifications: the studio's view of what the customer was sent. */
export async function notificationsOf(key: string, bookingId: string) {
  const res = await callJson("GET", `/v1/bookings/${bookingId}/notifications`, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as NotificationView[];
}

export async function notificationIdsOf(bookingId: string) {
  const { results } = await env.DB.prepare(
    "SELECT id FROM notifications WHERE booking_id = ? ORDER BY created_at, id",
  )
    .bind(bookingId)
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

/**
 * The real Queue delivers the mail after the request; waits (reading D1, so the API key's rate
 * limit is not spent) until nothing is pending, then answers through the API.
 */
export async function settled(key: string, bookingId: string) {
  for (let i = 0; i < 100; i++) {
    const pending = await env.DB.prepare(
      "SELECT count(*) AS n FROM notifications WHERE booking_id = ? AND status = 'pending'",
    )
      .bind(bookingId)
      .first<{ n: number }>();
    if (pending?.n === 0) return notificationsOf(key, bookingId);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("Notification still pending");
}
