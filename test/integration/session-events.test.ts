import { describe, expect, it } from "vitest";
import { eventsOf } from "../helpers/events";
import { callJson } from "../helpers/http";
import { publicClient } from "../helpers/public";
import {
  bookingBody,
  bookOk,
  createBookableExperience,
  futureSessionId,
  sessionIdOf,
  utcDate,
} from "../helpers/scheduling";
import { cancelSession, restoreSession } from "../helpers/sessions";
import { createTenant } from "../helpers/tenants";
import { createEndpoint, webhookReceiver } from "../helpers/webhooks";

const SESSION_TYPES = "session.cancelled,session.restored,booking.cancelled";

describe("session events (§12, §15)", () => {
  it("a cancellation writes session.cancelled and one booking.cancelled per booking, as the API returns them", async () => {
    const { key } = await createTenant("UTC");
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { required_contact_method: "email" },
    });
    const sessionId = futureSessionId(recurrenceId, 3);
    const contact = (name: string) => ({ contact: { name, email: `${name}@example.com` } });
    const first = await bookOk(key, experienceId, bookingBody(sessionId, contact("ana")));
    const second = await bookOk(key, experienceId, bookingBody(sessionId, contact("ben")));
    const visitor = publicClient();
    const publicBooking = await visitor.json(
      "POST",
      `/public/experiences/${experienceId}/bookings`,
      {
        body: bookingBody(sessionId, contact("cy")),
      },
    );
    expect(publicBooking.status).toBe(201);
    const token: string = publicBooking.body.data.cancel_token;

    const res = await cancelSession(key, experienceId, sessionId, { reason: "Teacher ill" });
    expect(res.status).toBe(200);
    const [sessionEvent, ...more] = await eventsOf(key, "session.cancelled");
    expect(more).toEqual([]);
    expect(sessionEvent.data).toEqual({ object: res.body.data });

    const cancelled = await eventsOf(key, "booking.cancelled");
    expect(cancelled).toHaveLength(3);
    const ids = [first.id, second.id, publicBooking.body.data.id];
    for (const id of ids) {
      const events = cancelled.filter((e) => e.data.object.id === id);
      const read = await callJson("GET", `/v1/bookings/${id}`, { key });
      expect(events.map((e) => e.data)).toEqual([{ object: read.body.data }]);
      expect(read.body.data).toMatchObject({ cancel_reason: "Teacher ill", refund_eligible: true });
    }
    // Each event carries its own booking's contact only, and never a cancel token.
    for (const event of cancelled) {
      const others = ["ana", "ben", "cy"].filter(
        (n) => `${n}@example.com` !== event.data.object.contact.email,
      );
      for (const name of others) expect(JSON.stringify(event)).not.toContain(`${name}@example.com`);
    }
    const raw = JSON.stringify(await eventsOf(key));
    expect(raw).not.toContain(token);
    expect(raw).not.toContain("cancel_token");
    expect(sessionEvent.created_at).toBe(cancelled[0].created_at);
  });

  it("restore writes session.restored with the restored session", async () => {
    const { key } = await createTenant("UTC");
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 4);
    expect((await cancelSession(key, experienceId, sessionId)).status).toBe(200);
    const restored = await restoreSession(key, experienceId, sessionId);
    expect(restored.status).toBe(200);
    const [event, ...more] = await eventsOf(key, "session.restored");
    expect(more).toEqual([]);
    expect(event.data).toEqual({ object: restored.body.data });
  });

  it("a refused cancel or restore, and an idempotent retry, write no event", async () => {
    const { key } = await createTenant("UTC");
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 5);
    await bookOk(key, experienceId, bookingBody(sessionId));
    const started = sessionIdOf(recurrenceId, utcDate(Date.now() - 86_400_000), "07:00");
    const refusals = [
      await cancelSession(key, experienceId, started), // 422 session_started
      await restoreSession(key, experienceId, sessionId), // 409 session_not_cancelled
      await cancelSession(key, experienceId, sessionId, { reason: "x".repeat(501) }), // 400
    ];
    expect(refusals.map((r) => r.status)).toEqual([422, 409, 400]);
    expect(await eventsOf(key, SESSION_TYPES)).toEqual([]);

    const headers = { "Idempotency-Key": `cancel-${sessionId}` };
    const first = await cancelSession(key, experienceId, sessionId, {}, headers);
    const replay = await cancelSession(key, experienceId, sessionId, {}, headers);
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(replay.res.headers.get("Idempotent-Replay")).toBe("true");
    const again = await cancelSession(key, experienceId, sessionId);
    expect(again.body.code).toBe("session_already_cancelled");
    const types = (await eventsOf(key, SESSION_TYPES)).map((e) => e.type);
    expect(types.sort()).toEqual(["booking.cancelled", "session.cancelled"]);

    const restoreHeaders = { "Idempotency-Key": `restore-${sessionId}` };
    await restoreSession(key, experienceId, sessionId, restoreHeaders);
    const restoreReplay = await restoreSession(key, experienceId, sessionId, restoreHeaders);
    expect(restoreReplay.res.headers.get("Idempotent-Replay")).toBe("true");
    expect(await eventsOf(key, "session.restored")).toHaveLength(1);
  });

  it("the events reach subscribed endpoints", async () => {
    const { key } = await createTenant("UTC");
    const receiver = webhookReceiver();
    await createEndpoint(key, {
      url: receiver.url,
      events: ["session.cancelled", "booking.cancelled"],
    });
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 6);
    const booking = await bookOk(key, experienceId, bookingBody(sessionId));
    expect((await cancelSession(key, experienceId, sessionId)).status).toBe(200);
    const hits = await receiver.waitFor(2);
    const delivered = hits.map((hit) => JSON.parse(hit.body));
    expect(delivered.map((e) => e.type).sort()).toEqual(["booking.cancelled", "session.cancelled"]);
    const bookingEvent = delivered.find((e) => e.type === "booking.cancelled");
    expect(bookingEvent.data.object).toMatchObject({ id: booking.id, status: "cancelled" });
  });
});
