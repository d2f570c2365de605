import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createBooking } from "../../src/features/bookings/bookings.service";
import { publicScope } from "../../src/idempotency/scope";
import { createPublicBooking } from "../../src/public/public.service";
import { callJson } from "../helpers/http";
import { notificationIdsOf, notificationsOf, sentMentioning } from "../helpers/mail";
import { publicClient } from "../helpers/public";
import { consumeNotifications } from "../helpers/queue";
import { createBookableExperience, futureSessionId, services } from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

// wrangler.toml lets the EMAIL binding send only from EMAIL_FROM: with another sender the real
// binding (miniflare's simulation, as Email Service does) refuses the send with an error.
const REFUSED_SENDER = { ...env, EMAIL_FROM: "someone-else@example.com" } as Env;

let orgId: string;
let key: string;
beforeAll(async () => {
  ({ orgId, key } = await createTenant("Europe/Berlin"));
});

/**
 * A booking with an email written through the service, as the route does, but not enqueued:
 * the test runs the Queue consumer itself, so no real delivery races it.
 */
async function unsentConfirmation(email: string) {
  const { experienceId, recurrenceId } = await createBookableExperience({
    key,
    experience: { name: "Evening Flow" },
    recurrence: { timezone: "Europe/Berlin" },
  });
  const booking = await createBooking(services.db(), {
    organizationId: orgId,
    experienceId,
    body: {
      session_id: futureSessionId(recurrenceId),
      quantity: 1,
      contact: { name: "Jo Doe", email },
    },
    idempotency: undefined,
    now: Date.now(),
    encryptionKey: env.WEBHOOK_ENCRYPTION_KEY,
    origin: "https://booking.example",
  });
  const [notificationId] = await notificationIdsOf(booking.id);
  if (!notificationId) throw new Error("No notification written");
  return { bookingId: booking.id, notificationId };
}

async function readBooking(bookingId: string) {
  const res = await callJson("GET", `/v1/bookings/${bookingId}`, { key });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe("customer email retries (§17 on §12's schedule)", () => {
  it("retries a send the binding refused after 5 s, then sends it exactly once; the booking is untouched", async () => {
    const { bookingId, notificationId } = await unsentConfirmation("retry@example.com");
    const booking = await readBooking(bookingId);

    const refused = await consumeNotifications([notificationId], { workerEnv: REFUSED_SENDER });
    expect(refused.acked).toEqual([]);
    expect(refused.delays).toEqual([5]);
    expect(await notificationsOf(key, bookingId)).toEqual([
      expect.objectContaining({
        kind: "booking_confirmed",
        status: "pending",
        attempts: 1,
        last_error: "email from someone-else@example.com not allowed",
        sent_at: null,
      }),
    ]);
    expect((await sentMentioning(bookingId)).text).toEqual([]);
    expect(await readBooking(bookingId)).toEqual(booking);

    const retried = await consumeNotifications([notificationId]);
    expect(retried.acked).toHaveLength(1);
    expect(retried.delays).toEqual([]);
    // The Queue delivers at least once: a duplicate of the message sends nothing more.
    const duplicate = await consumeNotifications([notificationId]);
    expect(duplicate.acked).toHaveLength(1);
    expect(duplicate.delays).toEqual([]);

    expect(await notificationsOf(key, bookingId)).toEqual([
      expect.objectContaining({
        status: "sent",
        attempts: 2,
        last_error: null,
        sent_at: expect.any(String),
      }),
    ]);
    const sent = await sentMentioning(bookingId);
    expect(sent.text).toHaveLength(1);
    expect(sent.text[0]).toContain("(Europe/Berlin, GMT+01:00)");
    expect(sent.text[0]).toContain(`https://booking.example/book/manage/${bookingId}?token=`);
    expect(await readBooking(bookingId)).toEqual(booking);
  });

  it("sends once when two copies of the message arrive together; the second waits out the lease", async () => {
    const { bookingId, notificationId } = await unsentConfirmation("twice@example.com");
    // The consumer handles a batch's messages concurrently: both copies race for the claim.
    const both = await consumeNotifications([notificationId, notificationId]);
    expect(both.acked).toHaveLength(1);
    expect(both.delays).toHaveLength(1);
    expect(both.delays[0]).toBeGreaterThan(0);
    expect(both.delays[0]).toBeLessThanOrEqual(60);
    expect((await sentMentioning(bookingId)).text).toHaveLength(1);
    // The waiting copy comes back after the send: the mail is sent, it only acks.
    const later = await consumeNotifications([notificationId]);
    expect(later).toMatchObject({ delays: [] });
    expect(later.acked).toHaveLength(1);
    expect((await sentMentioning(bookingId)).text).toHaveLength(1);
    expect(await notificationsOf(key, bookingId)).toEqual([
      expect.objectContaining({ status: "sent", attempts: 1 }),
    ]);
  });

  it("a lease left by a consumer that died mid-send runs out, then the mail goes", async () => {
    const { bookingId, notificationId } = await unsentConfirmation("crashed@example.com");
    const leaseUntil = (at: number) =>
      env.DB.prepare("UPDATE notifications SET leased_until = ? WHERE id = ?")
        .bind(at, notificationId)
        .run();
    await leaseUntil(Date.now() + 30_000);
    const held = await consumeNotifications([notificationId]);
    expect(held.acked).toEqual([]);
    expect(held.delays[0]).toBeGreaterThan(20);
    expect(held.delays[0]).toBeLessThanOrEqual(30);
    expect((await sentMentioning(bookingId)).text).toEqual([]);
    await leaseUntil(Date.now() - 1);
    const after = await consumeNotifications([notificationId]);
    expect(after.acked).toHaveLength(1);
    expect((await sentMentioning(bookingId)).text).toHaveLength(1);
  });

  it("a dead-lettered copy of a mail already sent leaves it sent", async () => {
    const { bookingId, notificationId } = await unsentConfirmation("late-dlq@example.com");
    await consumeNotifications([notificationId]);
    await consumeNotifications([notificationId], { queue: "booking-api-deliveries-dlq" });
    expect(await notificationsOf(key, bookingId)).toEqual([
      expect.objectContaining({ status: "sent", attempts: 1, last_error: null }),
    ]);
  });

  it("gives up after 8 refused attempts (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h): failed", async () => {
    const { bookingId, notificationId } = await unsentConfirmation("never@example.com");
    const booking = await readBooking(bookingId);
    const delays: Array<number | undefined> = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      const result = await consumeNotifications([notificationId], { workerEnv: REFUSED_SENDER });
      expect(result.acked).toEqual([]);
      delays.push(...result.delays);
    }
    expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    const last = await consumeNotifications([notificationId], { workerEnv: REFUSED_SENDER });
    expect(last.delays).toEqual([]);
    expect(last.acked).toHaveLength(1);

    expect(await notificationsOf(key, bookingId)).toEqual([
      expect.objectContaining({ status: "failed", attempts: 8, sent_at: null }),
    ]);
    const row = await env.DB.prepare(
      "SELECT manage_token_ciphertext FROM notifications WHERE id = ?",
    )
      .bind(notificationId)
      .first<{ manage_token_ciphertext: string | null }>();
    // A failed confirmation keeps the (encrypted) link for the booking's later mails.
    expect(row?.manage_token_ciphertext).toMatch(/^v1\./);
    // A failed mail is never taken again, even by a late duplicate with a working binding.
    await consumeNotifications([notificationId]);
    expect((await sentMentioning(bookingId)).text).toEqual([]);
    expect(await readBooking(bookingId)).toEqual(booking);
  });

  it("marks the mail failed when its message is dead-lettered", async () => {
    const { bookingId, notificationId } = await unsentConfirmation("dead@example.com");
    const result = await consumeNotifications([notificationId], {
      queue: "booking-api-deliveries-dlq",
    });
    expect(result.acked).toHaveLength(1);
    expect(await notificationsOf(key, bookingId)).toEqual([
      expect.objectContaining({
        status: "failed",
        attempts: 0,
        last_error: "Gave up after repeated failures",
      }),
    ]);
    expect((await sentMentioning(bookingId)).text).toEqual([]);
  });

  it("mails the fresh manage link when a public booking is re-executed after a lost replay record", async () => {
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const client = publicClient();
    const path = `/public/experiences/${experienceId}/bookings`;
    const body = {
      session_id: futureSessionId(recurrenceId),
      quantity: 1,
      contact: { name: "Jo Doe", email: "crash@example.com" },
    };
    // The first execution committed (booking, key row, pending mail) and then died unanswered.
    const first = await createPublicBooking(services.db(), {
      experienceId,
      body,
      idempotency: { scope: publicScope(client.ip, path), key: "crashed" },
      now: Date.now() - 1000,
      encryptionKey: env.WEBHOOK_ENCRYPTION_KEY,
      origin: "https://api.test",
    });
    const retry = await client.json("POST", path, {
      headers: { "Idempotency-Key": "crashed" },
      body,
    });
    expect(retry.status).toBe(201);
    expect(retry.body.data.id).toBe(first.booking.id);
    const fresh = retry.body.data.cancel_token as string;
    expect(fresh).not.toBe(first.booking.cancel_token);

    const ids = await notificationIdsOf(first.booking.id);
    expect(ids).toHaveLength(1);
    const sending = await consumeNotifications(ids);
    expect(sending.delays).toEqual([]);
    const { text: texts } = await sentMentioning(first.booking.id);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(`/book/manage/${first.booking.id}?token=${fresh}`);
    expect(retry.body.data.manage_url).toBe(
      `https://api.test/book/manage/${first.booking.id}?token=${fresh}`,
    );
  });
});
