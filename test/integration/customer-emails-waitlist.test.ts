import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { dropKeptLinksOfSettledBookings } from "../../src/notifications/notifications.repository";
import { sessionFixture } from "../helpers/holds";
import { call } from "../helpers/http";
import { sentMentioning, settled } from "../helpers/mail";
import { bookingBody, bookOk, cancelOk, services } from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

// §17 × §14: joining a waitlist and being promoted from it each send their mail, through the
// outbox, tied to the booking.waitlisted / booking.promoted event of the same batch.

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

const manageLinkIn = (text: string) => {
  const match = /https?:\/\/\S+\/book\/manage\/\S+/.exec(text);
  if (!match) throw new Error(`No manage link in: ${text}`);
  return match[0];
};

/** Whether each booking's booking_waitlisted mail still keeps its (encrypted) manage link. */
async function keptLinks(bookingIds: string[]) {
  return Promise.all(
    bookingIds.map(async (id) => {
      const row = await env.DB.prepare(
        "SELECT manage_token_ciphertext AS link FROM notifications WHERE booking_id = ? AND kind = 'booking_waitlisted'",
      )
        .bind(id)
        .first<{ link: string | null }>();
      return row?.link != null;
    }),
  );
}

const waitlisted = (email: string) =>
  bookingBody("", { contact: { name: "Jo Doe", email }, join_waitlist: true });

describe("waitlist emails (§17)", () => {
  it("sends booking_waitlisted with the position, then booking_promoted when a seat frees", async () => {
    const f = await sessionFixture(orgId, { default_capacity: 1, waitlist: { enabled: true } });
    const first = await bookOk(f.key, f.experienceId, {
      ...waitlisted("first@example.com"),
      session_id: f.sessionId,
    });
    const second = await bookOk(f.key, f.experienceId, {
      ...waitlisted("second@example.com"),
      session_id: f.sessionId,
    });
    expect([first.status, second.status, second.waitlist_position]).toEqual([
      "confirmed",
      "waitlisted",
      1,
    ]);
    expect((await settled(f.key, second.id)).map((n) => [n.kind, n.status, n.to])).toEqual([
      ["booking_waitlisted", "sent", "second@example.com"],
    ]);
    const joined = (await sentMentioning(second.id)).text;
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatch(/^You are on the waitlist/);
    expect(joined[0]).toContain("You are number 1 on the waitlist.");
    // The waitlisted mail carries the manage link: the customer can leave the waitlist.
    expect(joined[0]).toContain(`/book/manage/${second.id}?token=`);

    await cancelOk(f.key, first.id);
    const rows = await settled(f.key, second.id);
    expect(rows.map((n) => [n.kind, n.status])).toEqual(
      expect.arrayContaining([
        ["booking_waitlisted", "sent"],
        ["booking_promoted", "sent"],
      ]),
    );
    expect(rows).toHaveLength(2);
    const promoted = (await sentMentioning(second.id)).text.filter((t) =>
      t.startsWith("A seat opened up"),
    );
    expect(promoted).toHaveLength(1);
    expect(promoted[0]).toContain("Seats: 1");
    // "then the confirmation contents": the same manage link (it still works) and the .ics.
    const link = manageLinkIn(joined[0] ?? "");
    expect(manageLinkIn(promoted[0] ?? "")).toBe(link);
    const page = await call("GET", new URL(link).pathname + new URL(link).search);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<span class="badge badge-confirmed">Confirmed</span>');
    expect((await sentMentioning(second.id)).attachment).toEqual([
      expect.stringContaining("BEGIN:VCALENDAR"),
    ]);
  });

  it("keeps the first mail's link while the booking lives, drops it once the booking is settled", async () => {
    const f = await sessionFixture(orgId, { default_capacity: 1, waitlist: { enabled: true } });
    const first = await bookOk(f.key, f.experienceId, {
      ...bookingBody(""),
      session_id: f.sessionId,
    });
    const waiting = await bookOk(f.key, f.experienceId, {
      ...waitlisted("waiting@example.com"),
      session_id: f.sessionId,
    });
    const leaving = await bookOk(f.key, f.experienceId, {
      ...waitlisted("leaving@example.com"),
      session_id: f.sessionId,
    });
    await settled(f.key, waiting.id);
    await settled(f.key, leaving.id);
    expect(await keptLinks([waiting.id, leaving.id])).toEqual([true, true]);
    await cancelOk(f.key, leaving.id);
    await dropKeptLinksOfSettledBookings(services.db(), Date.now());
    expect(await keptLinks([waiting.id, leaving.id])).toEqual([true, false]);
    await cancelOk(f.key, first.id);
    await settled(f.key, waiting.id);
    // Promoted, the booking lives on: a later mail (a reschedule) may still need the link.
    await dropKeptLinksOfSettledBookings(services.db(), Date.now());
    expect(await keptLinks([waiting.id, leaving.id])).toEqual([true, false]);
    const promoted = (await sentMentioning(waiting.id)).text.filter((t) =>
      t.startsWith("A seat opened up"),
    );
    expect(promoted[0]).toContain(`/book/manage/${waiting.id}?token=`);
    // A day after the session (3 days ahead) ended, it is settled too.
    const dayAfterEnd = Date.now() + 10 * 86_400_000;
    await dropKeptLinksOfSettledBookings(services.db(), dayAfterEnd);
    expect(await keptLinks([waiting.id, leaving.id])).toEqual([false, false]);
  });

  it("sends no waitlist mail when notify_customers is false", async () => {
    const f = await sessionFixture(orgId, {
      default_capacity: 1,
      waitlist: { enabled: true },
      notify_customers: false,
    });
    const first = await bookOk(f.key, f.experienceId, {
      ...waitlisted("a@example.com"),
      session_id: f.sessionId,
    });
    const second = await bookOk(f.key, f.experienceId, {
      ...waitlisted("b@example.com"),
      session_id: f.sessionId,
    });
    await cancelOk(f.key, first.id);
    expect(await settled(f.key, second.id)).toEqual([]);
  });
});
