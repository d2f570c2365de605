import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sweeperStub } from "../../../src/sweeps/arm";
import { eventsOf } from "../../helpers/events";
import { call, callJson } from "../../helpers/http";
import { travelTo } from "../../helpers/idempotency";
import { publicClient } from "../../helpers/public";
import {
  book,
  bookingBody,
  bookOk,
  cancelOk,
  createBookableExperience,
  freshKey,
  futureSessionId,
  patchExperience,
  patchRecurrence,
  services,
} from "../../helpers/scheduling";
import { createTenant } from "../../helpers/tenants";
import { createEndpoint, webhookReceiver } from "../../helpers/webhooks";

afterEach(() => {
  vi.useRealTimers();
});

async function objectOf(key: string, type: string) {
  const [event, ...more] = await eventsOf(key, type);
  expect(more).toEqual([]);
  return event?.data.object;
}

describe("transactional outbox (§12)", () => {
  it("experience and recurrence changes write their events with the object the API returned", async () => {
    const { key } = await createTenant("UTC");
    const created = await callJson("POST", "/v1/experiences", {
      key,
      body: {
        name: "Flow",
        duration_minutes: 60,
        default_capacity: 5,
        default_recurrence: {
          timezone: "UTC",
          start_date: "2026-12-01",
          cadence: { frequency: "daily" },
          session_templates: [{ start_time_of_day: "07:00" }],
        },
      },
    });
    expect(created.status).toBe(201);
    const experience = created.body.data;
    expect(await objectOf(key, "experience.created")).toEqual(experience);
    const [recurrenceId] = experience.recurrence_ids;
    const attached = await callJson(
      "GET",
      `/v1/experiences/${experience.id}/recurrences/${recurrenceId}`,
      { key },
    );
    expect(await objectOf(key, "recurrence.created")).toEqual(attached.body.data);

    const patched = await patchExperience(key, experience.id, { name: "Flow II" });
    expect(await objectOf(key, "experience.updated")).toEqual(patched);

    const second = await callJson("POST", `/v1/experiences/${experience.id}/recurrences`, {
      key,
      body: {
        timezone: "Europe/Berlin",
        start_date: "2026-12-01",
        cadence: { frequency: "weekly", days_of_week: [1] },
        session_templates: [{ start_time_of_day: "18:00" }],
      },
    });
    const createdEvents = await eventsOf(key, "recurrence.created");
    expect(createdEvents[0].data.object).toEqual(second.body.data);

    const recurrencePatched = await patchRecurrence(key, experience.id, second.body.data.id, {
      excluded_dates: ["2026-12-07"],
    });
    expect(await objectOf(key, "recurrence.updated")).toEqual(recurrencePatched);
    const deleted = await call(
      "DELETE",
      `/v1/experiences/${experience.id}/recurrences/${second.body.data.id}`,
      { key },
    );
    expect(deleted.status).toBe(204);
    expect(await objectOf(key, "recurrence.deleted")).toEqual(recurrencePatched);
  });

  it("bookings and cancellations (API and public) carry the booking, never a cancel_token", async () => {
    const { key } = await createTenant("UTC");
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId);
    const { cancel_token: _shownOnce, ...booking } = await bookOk(
      key,
      experienceId,
      bookingBody(sessionId, { quantity: 2 }),
    );
    const cancelled = await cancelOk(key, booking.id, { reason: "ill" });

    const visitor = publicClient();
    const publicBooking = await visitor.json(
      "POST",
      `/public/experiences/${experienceId}/bookings`,
      {
        body: bookingBody(sessionId),
      },
    );
    expect(publicBooking.status).toBe(201);
    // The public 201 adds the customer's secrets (the token and the manage link that holds it):
    // the event carries the booking without them.
    const { cancel_token: token, manage_url: manageUrl, ...publicObject } = publicBooking.body.data;
    const publicCancel = await visitor.json("POST", `/public/bookings/${publicObject.id}/cancel`, {
      body: { cancel_token: token },
    });
    expect(publicCancel.status).toBe(200);

    const created = await eventsOf(key, "booking.created");
    const cancellations = await eventsOf(key, "booking.cancelled");
    expect(created.map((e) => e.data.object)).toEqual([publicObject, booking]);
    expect(cancellations.map((e) => e.data.object)).toEqual([
      (await callJson("GET", `/v1/bookings/${publicObject.id}`, { key })).body.data,
      cancelled,
    ]);
    const raw = JSON.stringify(await eventsOf(key));
    expect(raw).not.toContain(token);
    expect(raw).not.toContain("cancel_token");
    expect(manageUrl).toContain(token);
    expect(raw).not.toContain("manage_url");
  });

  it("a refused or failed write emits nothing", async () => {
    const { key } = await createTenant("UTC");
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { default_capacity: 1 },
    });
    const before = (await eventsOf(key)).length;
    const sessionId = futureSessionId(recurrenceId);
    await bookOk(key, experienceId, bookingBody(sessionId));
    const refusals = [
      book(key, experienceId, bookingBody(sessionId)), // 409 session_full
      book(key, experienceId, bookingBody(futureSessionId(recurrenceId, 90))), // too far
      book(key, experienceId, bookingBody(sessionId, { quantity: 99 })), // 400
      callJson("PATCH", `/v1/experiences/${experienceId}`, { key, body: { providers: ["sm_x"] } }),
    ];
    const statuses = (await Promise.all(refusals)).map((r) => r.status);
    expect(statuses).toEqual([409, 422, 400, 400]);
    const [booking] = await eventsOf(key, "booking.created");
    const cancelTwice = await cancelOk(key, booking.data.object.id);
    const again = await callJson("POST", `/v1/bookings/${cancelTwice.id}/cancel`, { key });
    expect(again.status).toBe(409);
    const types = (await eventsOf(key)).slice(0, -before).map((e) => e.type);
    expect(types).toEqual(["booking.cancelled", "booking.created"]);
  });

  it("50 parallel bookings on capacity 10: exactly 10 booking.created events, each delivered", async () => {
    const { orgId, key } = await createTenant("UTC");
    const receiver = webhookReceiver();
    await createEndpoint(key, { url: receiver.url, events: ["booking.created"] });
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { default_capacity: 10 },
    });
    const sessionId = futureSessionId(recurrenceId);
    const burstKey = await freshKey(orgId);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => book(burstKey, experienceId, bookingBody(sessionId))),
    );
    const booked = responses.filter((r) => r.status === 201).map((r) => r.body.data.id);
    expect(booked).toHaveLength(10);
    const events = await eventsOf(key, "booking.created");
    expect(events.map((e) => e.data.object.id).sort()).toEqual([...booked].sort());

    const hits = await receiver.waitFor(10, 20_000);
    const delivered = hits.map((hit) => JSON.parse(hit.body).data.object.id);
    expect(delivered.sort()).toEqual([...booked].sort());
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.received).toHaveLength(10);
  });

  it("delivers each event to the endpoints subscribed to its type when it was written", async () => {
    const { key } = await createTenant("UTC");
    const cancels = webhookReceiver();
    const all = webhookReceiver();
    const off = webhookReceiver();
    await createEndpoint(key, { url: cancels.url, events: ["booking.cancelled"] });
    await createEndpoint(key, { url: all.url, events: ["*"] });
    await createEndpoint(key, { url: off.url, events: ["*"], status: "disabled" });
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const booking = await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId)));
    await cancelOk(key, booking.id);
    const [cancelHit] = await cancels.waitFor(1);
    expect(JSON.parse(cancelHit?.body ?? "{}").type).toBe("booking.cancelled");
    const allTypes = (await all.waitFor(4)).map((hit) => JSON.parse(hit.body).type).sort();
    expect(allTypes).toEqual([
      "booking.cancelled",
      "booking.created",
      "experience.created",
      "recurrence.created",
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(cancels.received).toHaveLength(1);
    expect(off.received).toHaveLength(0);
  });

  it("loses nothing when the Worker dies between its batch and its enqueue: the sweep delivers", async () => {
    const { orgId, key } = await createTenant("UTC");
    const receiver = webhookReceiver();
    await createEndpoint(key, { url: receiver.url, events: ["booking.created"] });
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    // The service commits its batch and returns; no post-commit hook runs, as when the Worker
    // is killed right after db.batch.
    const booking = await services.book(orgId, experienceId, Date.now(), {
      session_id: futureSessionId(recurrenceId),
    });
    const [event] = await eventsOf(key, "booking.created");
    expect(event.data.object).toEqual(booking);
    const row = await env.DB.prepare("SELECT enqueued_at FROM events WHERE id = ?")
      .bind(event.id)
      .first<{ enqueued_at: number | null }>();
    expect(row?.enqueued_at).toBeNull();

    const stub = sweeperStub(env);
    await stub.arm();
    travelTo(Date.now() + 31_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    vi.useRealTimers();
    const [hit] = await receiver.waitFor(1);
    expect(hit?.headers.get("webhook-id")).toBe(event.id);
    expect(JSON.parse(hit?.body ?? "{}").data.object).toEqual(booking);
  });

  it("loses nothing when the Queue refuses the enqueue: the sweep delivers later", async () => {
    const { key } = await createTenant("UTC");
    const receiver = webhookReceiver();
    await createEndpoint(key, { url: receiver.url, events: ["booking.created"] });
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const send = vi
      .spyOn(env.WEBHOOK_QUEUE, "sendBatch")
      .mockRejectedValue(new Error("Queue unavailable"));
    const { cancel_token: _shownOnce, ...booking } = await bookOk(
      key,
      experienceId,
      bookingBody(futureSessionId(recurrenceId)),
    );
    await vi.waitFor(() => expect(send).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.received).toHaveLength(0);
    send.mockRestore();

    const stub = sweeperStub(env);
    travelTo(Date.now() + 31_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    vi.useRealTimers();
    const [hit] = await receiver.waitFor(1);
    expect(JSON.parse(hit?.body ?? "{}").data.object).toEqual(booking);
  });
});
