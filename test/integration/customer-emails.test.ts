import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, callJson, readJson } from "../helpers/http";
import { bookOk, cancelOk, createBookableExperience, futureSessionId } from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let key: string;
beforeAll(async () => {
  ({ key } = await createTenant("Asia/Kolkata"));
});

interface SentFiles {
  text: string[];
  html: string[];
  attachment: string[];
}

/** What the real EMAIL binding wrote for mails mentioning `needle` (test/helpers/sent-mail-files.ts). */
async function sentMentioning(needle: string): Promise<SentFiles> {
  const res = await env.SENT_MAIL.fetch(`http://mail/?contains=${encodeURIComponent(needle)}`);
  return res.json();
}

async function notificationsOf(bookingId: string) {
  const res = await callJson("GET", `/v1/bookings/${bookingId}/notifications`, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as Array<Record<string, unknown>>;
}

/**
 * The real Queue delivers the mail after the request; waits (reading D1, so the API key's rate
 * limit is not spent) until nothing is pending, then answers through the API.
 */
async function settled(bookingId: string) {
  for (let i = 0; i < 100; i++) {
    const pending = await env.DB.prepare(
      "SELECT count(*) AS n FROM notifications WHERE booking_id = ? AND status = 'pending'",
    )
      .bind(bookingId)
      .first<{ n: number }>();
    if (pending?.n === 0) return notificationsOf(bookingId);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("Notification still pending");
}

async function bookable(extra: Record<string, unknown> = {}) {
  return createBookableExperience({
    key,
    experience: { name: "Sunrise Yoga", ...extra },
    recurrence: { timezone: "Asia/Kolkata" },
  });
}

async function bookWithEmail(email: string | null, extra: Record<string, unknown> = {}) {
  const { experienceId, recurrenceId } = await bookable(extra);
  const contact = email ? { name: "Jo Doe", email } : { name: "Jo Doe" };
  return bookOk(key, experienceId, { session_id: futureSessionId(recurrenceId), contact });
}

describe("customer emails (§17)", () => {
  it("sends exactly one booking_confirmed naming the zone, with a working manage link and the .ics", async () => {
    const booking = await bookWithEmail("jo@example.com");
    expect(booking.cancel_token).toEqual(expect.any(String));
    const rows = await settled(booking.id);
    expect(rows).toEqual([
      expect.objectContaining({
        kind: "booking_confirmed",
        to: "jo@example.com",
        status: "sent",
        attempts: 1,
      }),
    ]);
    const sent = await sentMentioning(booking.id);
    expect(sent.text).toHaveLength(1);
    const text = sent.text[0] ?? "";
    expect(text).toContain("07:00–08:00 (Asia/Kolkata, GMT+05:30)");
    const link = text.match(/https?:\/\/\S+\/book\/manage\/\S+/)?.[0];
    expect(link).toContain(booking.id);
    expect(sent.html[0]).toContain("Manage your booking");
    expect(sent.attachment.some((ics) => ics.includes("BEGIN:VCALENDAR"))).toBe(true);

    const page = await call("GET", new URL(link ?? "").pathname + new URL(link ?? "").search);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Sunrise Yoga");
    const stored = await env.DB.prepare(
      "SELECT manage_token_ciphertext FROM notifications WHERE booking_id = ?",
    )
      .bind(booking.id)
      .first<{ manage_token_ciphertext: string | null }>();
    expect(stored?.manage_token_ciphertext).toBeNull();
  });

  it("sends nothing to a contact without an email", async () => {
    const booking = await bookWithEmail(null);
    expect(await notificationsOf(booking.id)).toEqual([]);
  });

  it("sends nothing when the experience has notify_customers false", async () => {
    const booking = await bookWithEmail("quiet@example.com", { notify_customers: false });
    expect(await notificationsOf(booking.id)).toEqual([]);
    expect((await sentMentioning(booking.id)).text).toEqual([]);
  });

  it("tells the customer who cancelled: the studio with its reason", async () => {
    const booking = await bookWithEmail("studio-cancel@example.com");
    await settled(booking.id);
    await cancelOk(key, booking.id, { reason: "Teacher is ill" });
    const rows = await settled(booking.id);
    expect(rows.map((row) => [row.kind, row.status])).toEqual([
      ["booking_confirmed", "sent"],
      ["booking_cancelled", "sent"],
    ]);
    const texts = (await sentMentioning("Teacher is ill")).text.filter((t) =>
      t.includes("Sunrise Yoga"),
    );
    expect(texts.some((t) => t.includes("cancelled this booking: Teacher is ill"))).toBe(true);
  });

  it("tells the customer who cancelled: the customer, through the token", async () => {
    const booking = await bookWithEmail("self-cancel@example.com");
    await settled(booking.id);
    const res = await call("POST", `/public/bookings/${booking.id}/cancel`, {
      body: { cancel_token: booking.cancel_token },
    });
    expect(res.status, JSON.stringify(await readJson(res.clone()))).toBe(200);
    const rows = await settled(booking.id);
    expect(rows.at(-1)).toMatchObject({ kind: "booking_cancelled", status: "sent" });
  });
});
