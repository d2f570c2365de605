import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sweeperStub } from "../../../src/sweeps/arm";
import { callJson } from "../../helpers/http";
import { travelTo } from "../../helpers/idempotency";
import { unenqueuedTestDelivery } from "../../helpers/queue";
import { createTenant } from "../../helpers/tenants";
import { createEndpoint, webhookReceiver } from "../../helpers/webhooks";

const DAY = 86_400_000;

afterEach(() => {
  vi.useRealTimers();
});

async function sendTest(key: string, endpointId: string) {
  const res = await callJson("POST", `/v1/webhook-endpoints/${endpointId}/test`, { key });
  expect(res.status).toBe(202);
  return res.body.data.event_id as string;
}

describe("events API (§12)", () => {
  it("lists events newest first, filters by type, and 404s other organizations' events", async () => {
    const { key } = await createTenant();
    const other = await createTenant();
    const endpoint = await createEndpoint(key, { url: webhookReceiver().url, events: ["*"] });
    const first = await sendTest(key, endpoint.id);
    const second = await sendTest(key, endpoint.id);

    const listed = await callJson("GET", "/v1/events?type=webhook.test&page_size=1", { key });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((e: { id: string }) => e.id)).toEqual([second]);
    expect(listed.body.pagination).toEqual({ total: 2, page: 1, page_size: 1, total_pages: 2 });
    const none = await callJson("GET", "/v1/events?type=booking.created,booking.cancelled", {
      key,
    });
    expect(none.body.data).toEqual([]);
    const bad = await callJson("GET", "/v1/events?type=booking.exploded", { key });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("validation_failed");

    const got = await callJson("GET", `/v1/events/${first}`, { key });
    expect(got.body.data).toMatchObject({ id: first, type: "webhook.test" });
    expect(Object.keys(got.body.data).sort()).toEqual(["created_at", "data", "id", "type"]);
    expect((await callJson("GET", `/v1/events/${first}`, { key: other.key })).status).toBe(404);
    expect((await callJson("GET", "/v1/events", { key: other.key })).body.data).toEqual([]);
    const foreign = await callJson("POST", `/v1/events/${first}/redeliver`, { key: other.key });
    expect(foreign.status).toBe(404);
  });

  it("redelivers an event with the same webhook-id, to a named endpoint or the subscribed ones", async () => {
    const { key } = await createTenant();
    const receiver = webhookReceiver();
    const endpoint = await createEndpoint(key, { url: receiver.url, events: ["*"] });
    const eventId = await sendTest(key, endpoint.id);
    await receiver.waitFor(1);

    const again = await callJson("POST", `/v1/events/${eventId}/redeliver`, {
      key,
      body: { endpoint_id: endpoint.id },
    });
    expect(again.status).toBe(202);
    expect(again.body.data).toHaveLength(1);
    expect(again.body.data[0]).toMatchObject({
      endpoint_id: endpoint.id,
      event_id: eventId,
      status: "pending",
      attempts: 0,
    });
    const [, redelivered] = await receiver.waitFor(2);
    expect(redelivered?.headers.get("webhook-id")).toBe(eventId);

    const implicit = await callJson("POST", `/v1/events/${eventId}/redeliver`, { key });
    expect(implicit.status).toBe(202);
    expect(implicit.body.data.map((d: { endpoint_id: string }) => d.endpoint_id)).toEqual([
      endpoint.id,
    ]);
    await receiver.waitFor(3);
    const log = await callJson("GET", `/v1/webhook-endpoints/${endpoint.id}/deliveries`, { key });
    expect(log.body.pagination.total).toBe(3);
  });

  it("refuses to redeliver to an unknown, foreign or unsubscribed endpoint", async () => {
    const { key } = await createTenant();
    const other = await createTenant();
    const endpoint = await createEndpoint(key, { url: webhookReceiver().url, events: ["*"] });
    const bookingsOnly = await createEndpoint(key, {
      url: webhookReceiver().url,
      events: ["booking.created"],
    });
    const foreign = await createEndpoint(other.key, { url: webhookReceiver().url, events: ["*"] });
    const eventId = await sendTest(key, endpoint.id);
    for (const endpointId of ["whe_nope", foreign.id, bookingsOnly.id]) {
      const res = await callJson("POST", `/v1/events/${eventId}/redeliver`, {
        key,
        body: { endpoint_id: endpointId },
      });
      expect(res.status).toBe(400);
      expect(res.body.details.fieldErrors.endpoint_id).toBeDefined();
    }
    const unknownField = await callJson("POST", `/v1/events/${eventId}/redeliver`, {
      key,
      body: { endpoint: endpoint.id },
    });
    expect(unknownField.status).toBe(400);
  });

  it("the Sweeper's alarm enqueues an event whose enqueue never happened, after 30 s", async () => {
    const { orgId, key } = await createTenant();
    const receiver = webhookReceiver();
    const endpoint = await createEndpoint(key, { url: receiver.url, events: ["*"] });
    // Written through the service with no post-commit hook: as if the Worker died right after
    // its batch committed.
    const { eventId } = await unenqueuedTestDelivery(orgId, endpoint.id);
    const stub = sweeperStub(env);
    await stub.arm();

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.received).toHaveLength(0); // younger than 30 s: left to its own request

    travelTo(Date.now() + 31_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true); // the alarm re-armed itself
    vi.useRealTimers();
    const [hit] = await receiver.waitFor(1);
    expect(hit?.headers.get("webhook-id")).toBe(eventId);
    const row = await env.DB.prepare("SELECT enqueued_at FROM events WHERE id = ?")
      .bind(eventId)
      .first<{ enqueued_at: number | null }>();
    expect(row?.enqueued_at).not.toBeNull();
  });

  it("keeps events 30 days: the sweep removes older ones with their deliveries", async () => {
    const { orgId, key } = await createTenant();
    const endpoint = await createEndpoint(key, { url: webhookReceiver().url, events: ["*"] });
    const old = await unenqueuedTestDelivery(orgId, endpoint.id);
    await env.DB.prepare("UPDATE events SET enqueued_at = created_at WHERE id = ?")
      .bind(old.eventId)
      .run();
    const stub = sweeperStub(env);
    await stub.arm();
    travelTo(Date.now() + 30 * DAY + 60_000);
    const fresh = await unenqueuedTestDelivery(orgId, endpoint.id);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    vi.useRealTimers();
    expect((await callJson("GET", `/v1/events/${old.eventId}`, { key })).status).toBe(404);
    expect((await callJson("GET", `/v1/events/${fresh.eventId}`, { key })).status).toBe(200);
    const deliveries = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE event_id = ?",
    )
      .bind(old.eventId)
      .first<{ n: number }>();
    expect(deliveries?.n).toBe(0);
  });

  it("answers an event older than 30 days as gone at once, before the sweep deletes it", async () => {
    const { orgId, key } = await createTenant();
    const endpoint = await createEndpoint(key, { url: webhookReceiver().url, events: ["*"] });
    const old = await unenqueuedTestDelivery(orgId, endpoint.id);
    const kept = await unenqueuedTestDelivery(orgId, endpoint.id);
    await env.DB.prepare("UPDATE events SET created_at = created_at - ? WHERE id = ?")
      .bind(30 * DAY + 1000, old.eventId)
      .run();
    expect((await callJson("GET", `/v1/events/${old.eventId}`, { key })).status).toBe(404);
    const redeliver = await callJson("POST", `/v1/events/${old.eventId}/redeliver`, { key });
    expect(redeliver.status).toBe(404);
    const listed = await callJson("GET", "/v1/events", { key });
    expect(listed.body.data.map((e: { id: string }) => e.id)).toEqual([kept.eventId]);
    expect(listed.body.pagination).toMatchObject({ total: 1 });
  });
});
