import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { dropKeptLinksOfSettledBookings } from "../../src/notifications/notifications.repository";
import { call, callJson, readJson } from "../helpers/http";
import { notificationsOf, sentMentioning, settled } from "../helpers/mail";
import {
  bookOk,
  cancelOk,
  createBookableExperience,
  futureSessionId,
  services,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let key: string;
beforeAll(async () => {
  ({ key } = await createTenant("Asia/Kolkata"));
});

const ISO_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

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

/** The one plain-text mail of this kind the binding received for the booking. */
async function onlyTextMail(bookingId: string, heading: string) {
  const texts = (await sentMentioning(bookingId)).text.filter((t) => t.startsWith(heading));
  expect(texts).toHaveLength(1);
  return texts[0] ?? "";
}

describe("customer emails (§17)", () => {
  it("sends exactly one booking_confirmed naming the zone, with a working manage link and the .ics", async () => {
    const booking = await bookWithEmail("jo@example.com");
    expect(booking.cancel_token).toEqual(expect.any(String));
    const rows = await settled(key, booking.id);
    expect(rows).toEqual([
      {
        id: expect.stringMatching(/^ntf_[0-9A-Za-z]{16,}$/),
        kind: "booking_confirmed",
        to: "jo@example.com",
        status: "sent",
        attempts: 1,
        last_error: null,
        sent_at: expect.stringMatching(ISO_MS_UTC),
        created_at: booking.created_at,
      },
    ]);
    const sent = await sentMentioning(booking.id);
    expect(sent.text).toHaveLength(1);
    expect(sent.html).toHaveLength(1);
    const text = sent.text[0] ?? "";
    // 07:00 in Kolkata, the session's zone, with its half-hour offset named.
    expect(text).toContain("07:00–08:00 (Asia/Kolkata, GMT+05:30)");
    expect(text).toContain("Experience: Sunrise Yoga");
    expect(text).toContain("Seats: 1");
    const link = text.match(/https?:\/\/\S+\/book\/manage\/\S+/)?.[0] ?? "";
    const url = new URL(link);
    expect(url.pathname).toBe(`/book/manage/${booking.id}`);
    expect(url.searchParams.get("token")).toBe(booking.cancel_token);
    expect(sent.html[0]).toContain("Manage your booking");
    expect(sent.html[0]).toContain("07:00–08:00 (Asia/Kolkata, GMT+05:30)");
    const ics = sent.attachment.filter((file) => file.includes("BEGIN:VCALENDAR"));
    expect(ics).toHaveLength(1);
    expect(ics[0]).toContain("SUMMARY:Sunrise Yoga");

    // The link manages the booking: the page shows it, and its form cancels it.
    const page = await call("GET", url.pathname + url.search);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Sunrise Yoga");
    const form = new URLSearchParams({ token: url.searchParams.get("token") ?? "" });
    const cancelled = await exports.default.fetch(
      new Request(`https://api.test${url.pathname}/cancel`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
        redirect: "manual",
      }),
    );
    expect(cancelled.status).toBe(303);
    const read = await callJson("GET", `/v1/bookings/${booking.id}`, { key });
    expect(read.body.data.status).toBe("cancelled");

    // The sent confirmation keeps the link, encrypted, for the booking's later mails, until the
    // per-minute sweep finds the booking settled (here: cancelled).
    const storedLink = async () =>
      (
        await env.DB.prepare(
          "SELECT manage_token_ciphertext FROM notifications WHERE booking_id = ? AND kind = 'booking_confirmed'",
        )
          .bind(booking.id)
          .first<{ manage_token_ciphertext: string | null }>()
      )?.manage_token_ciphertext;
    const kept = await storedLink();
    expect(kept).toMatch(/^v1\./);
    expect(kept).not.toContain(booking.cancel_token);
    await dropKeptLinksOfSettledBookings(services.db(), Date.now());
    expect(await storedLink()).toBeNull();
  });

  it("sends nothing to a contact without an email", async () => {
    const booking = await bookWithEmail(null);
    expect(await notificationsOf(key, booking.id)).toEqual([]);
    await cancelOk(key, booking.id);
    expect(await notificationsOf(key, booking.id)).toEqual([]);
    expect((await sentMentioning(booking.id)).text).toEqual([]);
  });

  it("sends nothing when the experience has notify_customers false, not even on cancel", async () => {
    const booking = await bookWithEmail("quiet@example.com", { notify_customers: false });
    expect(await notificationsOf(key, booking.id)).toEqual([]);
    await cancelOk(key, booking.id, { reason: "Closed" });
    expect(await notificationsOf(key, booking.id)).toEqual([]);
    expect((await sentMentioning(booking.id)).text).toEqual([]);
  });

  it("tells the customer who cancelled: the studio with its reason", async () => {
    const booking = await bookWithEmail("studio-cancel@example.com");
    await settled(key, booking.id);
    await cancelOk(key, booking.id, { reason: "Teacher is ill" });
    const rows = await settled(key, booking.id);
    expect(rows.map((row) => [row.kind, row.to, row.status, row.attempts])).toEqual([
      ["booking_confirmed", "studio-cancel@example.com", "sent", 1],
      ["booking_cancelled", "studio-cancel@example.com", "sent", 1],
    ]);
    const text = await onlyTextMail(booking.id, "Your booking was cancelled");
    expect(text).toContain("cancelled this booking: Teacher is ill");
    expect(text).not.toContain("You cancelled");
    expect(text).toContain("07:00–08:00 (Asia/Kolkata, GMT+05:30)");
    // Cancelled days ahead of a 24 h cut-off: refundable.
    expect(text).toContain("You are eligible for a refund.");
    // The cancellation mail carries no manage link (the token is spent) and no .ics.
    expect(text).not.toContain("/book/manage/");
  });

  it("tells the customer who cancelled: the customer, through the token", async () => {
    const booking = await bookWithEmail("self-cancel@example.com");
    await settled(key, booking.id);
    const res = await call("POST", `/public/bookings/${booking.id}/cancel`, {
      body: { cancel_token: booking.cancel_token },
    });
    expect(res.status, JSON.stringify(await readJson(res.clone()))).toBe(200);
    const rows = await settled(key, booking.id);
    expect(rows.map((row) => [row.kind, row.status])).toEqual([
      ["booking_confirmed", "sent"],
      ["booking_cancelled", "sent"],
    ]);
    const text = await onlyTextMail(booking.id, "Your booking was cancelled");
    expect(text).toContain("You cancelled this booking.");
    expect(text).toContain("You are eligible for a refund.");
  });
});
