import { describe, expect, it } from "vitest";
import { call } from "../helpers/http";
import { sentMentioning, settled } from "../helpers/mail";
import {
  bookingBody,
  bookOk,
  createBookableExperience,
  futureSessionId,
} from "../helpers/scheduling";
import { cancelSession, reschedule } from "../helpers/sessions";
import { createTenant } from "../helpers/tenants";

// §17 × §15: a session the studio cancels tells each customer, and a reschedule sends the new
// time with a manage link that works and a new .ics.

async function fixture(experience: Record<string, unknown> = {}) {
  const { key } = await createTenant("UTC");
  const created = await createBookableExperience({ key, experience });
  return { key, ...created };
}

const withEmail = (sessionId: string, email: string) =>
  bookingBody(sessionId, { contact: { name: "Jo Doe", email } });

describe("session and reschedule emails (§17)", () => {
  it("a cancelled session sends booking_cancelled naming the studio and its reason to each customer", async () => {
    const f = await fixture();
    const sessionId = futureSessionId(f.recurrenceId, 3);
    const a = await bookOk(f.key, f.experienceId, withEmail(sessionId, "a@example.com"));
    const b = await bookOk(f.key, f.experienceId, withEmail(sessionId, "b@example.com"));
    const silent = await bookOk(f.key, f.experienceId, bookingBody(sessionId));
    const res = await cancelSession(f.key, f.experienceId, sessionId, { reason: "Teacher ill" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const booking of [a, b]) {
      const rows = await settled(f.key, booking.id);
      expect(rows.map((n) => [n.kind, n.status])).toEqual(
        expect.arrayContaining([["booking_cancelled", "sent"]]),
      );
      const text = (await sentMentioning(booking.id)).text.find((t) =>
        t.startsWith("Your booking was cancelled"),
      );
      expect(text).toContain("cancelled this booking: Teacher ill");
      expect(text).toContain("You are eligible for a refund.");
    }
    expect(await settled(f.key, silent.id)).toEqual([]);
  });

  it("a reschedule sends booking_rescheduled with the old and new time, the manage link and a new .ics", async () => {
    const f = await fixture();
    const source = futureSessionId(f.recurrenceId, 3);
    const target = futureSessionId(f.recurrenceId, 5, "18:30");
    const booking = await bookOk(f.key, f.experienceId, withEmail(source, "jo@example.com"));
    await settled(f.key, booking.id);
    const moved = await reschedule(f.key, booking.id, { session_id: target });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const rows = await settled(f.key, booking.id);
    expect(rows.map((n) => n.kind).sort()).toEqual(["booking_confirmed", "booking_rescheduled"]);
    const sent = await sentMentioning(booking.id);
    const text = sent.text.find((t) => t.startsWith("Your booking was moved")) ?? "";
    expect(text).toMatch(/Moved from: \d{4}-\d{2}-\d{2} 07:00/);
    expect(text).toContain("18:30–19:30 (UTC");
    const link = text.match(/https?:\/\/\S+\/book\/manage\/\S+/)?.[0] ?? "";
    const url = new URL(link);
    const page = await call("GET", url.pathname + url.search);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(booking.id);
    expect(html).toContain("Confirmed");
    expect(sent.attachment.filter((file) => file.includes("BEGIN:VCALENDAR")).length).toBe(2);
    // The token is not rotated: the link of the confirmation and the 201's cancel_token still
    // manage the booking.
    const confirmation = sent.text.find((t) => !t.startsWith("Your booking was moved")) ?? "";
    expect(confirmation.match(/https?:\/\/\S+\/book\/manage\/\S+/)?.[0]).toBe(link);
    const byToken = await call(
      "GET",
      `/book/manage/${booking.id}?token=${encodeURIComponent(booking.cancel_token)}`,
    );
    expect(byToken.status).toBe(200);
  });

  it("a confirmation still pending when the booking is moved carries the same working link as the reschedule mail", async () => {
    const f = await fixture();
    const source = futureSessionId(f.recurrenceId, 3);
    const target = futureSessionId(f.recurrenceId, 5, "18:30");
    const booking = await bookOk(f.key, f.experienceId, withEmail(source, "jo@example.com"));
    // No wait: the reschedule usually commits before the confirmation is sent.
    expect((await reschedule(f.key, booking.id, { session_id: target })).status).toBe(200);
    const rows = await settled(f.key, booking.id);
    expect(rows.map((n) => [n.kind, n.status]).sort()).toEqual([
      ["booking_confirmed", "sent"],
      ["booking_rescheduled", "sent"],
    ]);
    const texts = (await sentMentioning(booking.id)).text;
    const links = texts.flatMap((t) => t.match(/https?:\/\/\S+\/book\/manage\/\S+/g) ?? []);
    expect(links).toHaveLength(2);
    expect(new Set(links).size).toBe(1);
    const url = new URL(links[0] ?? "");
    expect((await call("GET", url.pathname + url.search)).status).toBe(200);
  });
});
