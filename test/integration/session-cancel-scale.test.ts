import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { bookings, holds, sessions } from "../../src/db/schema";
import { callJson } from "../helpers/http";
import {
  bookingBody,
  bookOk,
  createBookableExperience,
  DAY_MS,
  futureSessionId,
} from "../helpers/scheduling";
import { cancelSession, sessionPath } from "../helpers/sessions";
import { createTenant } from "../helpers/tenants";
import { createEndpoint, webhookReceiver } from "../helpers/webhooks";

const BOOKINGS = 300;

type BookingInsert = typeof bookings.$inferInsert;

/**
 * Rows written straight to D1: the §14 routes that create holds and waitlisted bookings are
 * not part of this build, and hundreds of bookings through HTTP would only slow the test.
 */
function seededBooking(template: BookingInsert, index: number, status: string): BookingInsert {
  const id = `bkg_seed${String(index).padStart(4, "0")}${template.id}`;
  return { ...template, id, status: status as "confirmed", createdAt: template.createdAt + index };
}

async function seedSession(key: string) {
  const { experienceId, recurrenceId } = await createBookableExperience({
    key,
    experience: { default_capacity: 400 },
  });
  const sessionId = futureSessionId(recurrenceId, 3);
  const real = await bookOk(key, experienceId, bookingBody(sessionId));
  const db = createDb(env.DB);
  const [row] = await db.select().from(bookings).where(eq(bookings.id, real.id));
  if (!row) throw new Error("booking not stored");
  const seeded = [
    ...Array.from({ length: BOOKINGS - 1 }, (_, i) => seededBooking(row, i, "confirmed")),
    seededBooking(row, 9000, "waitlisted"),
    seededBooking(row, 9001, "waitlisted"),
  ];
  const now = Date.now();
  const hold = (id: string, expiresAt: number) => ({
    id,
    organizationId: row.organizationId,
    experienceId,
    sessionId,
    quantity: 2,
    status: "active" as const,
    expiresAt,
    createdAt: now,
    updatedAt: now,
  });
  const [first, ...rest] = seeded.map((b) => db.insert(bookings).values(b));
  if (!first) throw new Error("nothing to seed");
  await db.batch([
    first,
    ...rest,
    db.insert(holds).values(hold(`hld_live${real.id}`, now + DAY_MS)),
    db.insert(holds).values(hold(`hld_gone${real.id}`, now - 1000)),
  ]);
  return { experienceId, sessionId, bookingIds: [real.id, ...seeded.map((b) => b.id)] };
}

describe("cancelling a session with hundreds of bookings, holds and a waitlist", () => {
  it("cancels all of them in one request, releases the holds and writes one event each", {
    timeout: 90_000,
  }, async () => {
    const { key } = await createTenant("UTC");
    const receiver = webhookReceiver();
    const endpoint = await createEndpoint(key, {
      url: receiver.url,
      events: ["booking.cancelled"],
    });
    const { experienceId, sessionId, bookingIds } = await seedSession(key);
    const before = await callJson("GET", sessionPath(experienceId, sessionId), { key });
    expect(before.body.data).toMatchObject({
      seats_booked: BOOKINGS,
      seats_held: 2,
      waitlist_size: 2,
    });

    const res = await cancelSession(key, experienceId, sessionId, { reason: "Flooded" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.bookings_cancelled).toBe(BOOKINGS + 2);

    const db = createDb(env.DB);
    const rows = await db
      .select({ id: bookings.id, status: bookings.status, refund: bookings.refundEligible })
      .from(bookings)
      .where(eq(bookings.sessionId, sessionId));
    expect(rows).toHaveLength(BOOKINGS + 2);
    for (const row of rows) expect(row).toMatchObject({ status: "cancelled", refund: true });
    const holdRows = await db
      .select({ status: holds.status })
      .from(holds)
      .where(eq(holds.sessionId, sessionId));
    expect(holdRows.map((h) => h.status)).toEqual(["released", "released"]);
    const [stored] = await db
      .select({ status: sessions.status })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    expect(stored?.status).toBe("cancelled");

    const after = await callJson("GET", sessionPath(experienceId, sessionId), { key });
    expect(after.body.data).toMatchObject({ seats_booked: 0, seats_held: 0, waitlist_size: 0 });
    const eventIds = new Set<string>();
    for (let page = 1; page <= 2; page++) {
      const list = await callJson(
        "GET",
        `/v1/events?type=booking.cancelled&page_size=200&page=${page}`,
        { key },
      );
      expect(list.body.pagination.total).toBe(BOOKINGS + 2);
      for (const event of list.body.data) eventIds.add(event.data.object.id);
    }
    expect([...eventIds].sort()).toEqual([...bookingIds].sort());
    const deliveries = await callJson(
      "GET",
      `/v1/webhook-endpoints/${endpoint.id}/deliveries?page_size=1`,
      { key },
    );
    expect(deliveries.body.pagination.total).toBe(BOOKINGS + 2);
    // Every one is delivered (the post-commit dispatch enqueues them in chunks).
    const hits = await receiver.waitFor(BOOKINGS + 2, 60_000);
    const delivered = new Set(hits.map((hit) => JSON.parse(hit.body).data.object.id));
    expect(delivered.size).toBe(BOOKINGS + 2);
  });
});
