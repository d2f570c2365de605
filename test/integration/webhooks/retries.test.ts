import { afterEach, describe, expect, it, vi } from "vitest";
import { call } from "../../helpers/http";
import { travelTo } from "../../helpers/idempotency";
import {
  consumeDeliveries,
  deliveryRow,
  endpointRow,
  unenqueuedTestDelivery,
} from "../../helpers/queue";
import { createTenant } from "../../helpers/tenants";
import { createEndpoint, webhookReceiver } from "../../helpers/webhooks";

const DAY = 86_400_000;

afterEach(() => {
  vi.useRealTimers();
});

async function setup(respond: () => Response | Promise<Response>) {
  const { orgId, key } = await createTenant();
  const receiver = webhookReceiver();
  receiver.respondWith(respond);
  const endpoint = await createEndpoint(key, { url: receiver.url, events: ["*"] });
  const { deliveryId } = await unenqueuedTestDelivery(orgId, endpoint.id);
  return { orgId, key, receiver, endpoint, deliveryId };
}

/** Moves the clock to the delivery's next attempt and lets the consumer run it. */
async function attemptWhenDue(deliveryId: string) {
  const { next_attempt_at: due } = await deliveryRow(deliveryId);
  if (due !== null) travelTo(Math.max(due, Date.now()));
  return consumeDeliveries([deliveryId]);
}

describe("webhook retries (§12)", () => {
  it("retries a failing receiver after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then fails", async () => {
    const { receiver, deliveryId } = await setup(() => new Response("down", { status: 500 }));
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      const result = await attemptWhenDue(deliveryId);
      expect(result.acked).toEqual([]);
      expect(result.delays).toHaveLength(1);
      delays.push(result.delays[0] ?? -1);
      const row = await deliveryRow(deliveryId);
      expect(row).toMatchObject({
        status: "pending",
        attempts: attempt,
        last_response_status: 500,
      });
      expect(row.next_attempt_at).toBe(Date.now() + (delays.at(-1) ?? 0) * 1000);
    }
    expect(delays).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);

    const last = await attemptWhenDue(deliveryId);
    expect(last.delays).toEqual([]);
    expect(last.acked).toHaveLength(1);
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "failed",
      attempts: 8,
      last_response_status: 500,
      last_error: "HTTP 500",
      next_attempt_at: null,
    });
    expect(receiver.received).toHaveLength(8);
    // Every attempt carries the same webhook-id and its own timestamp.
    const ids = new Set(receiver.received.map((hit) => hit.headers.get("webhook-id")));
    expect(ids.size).toBe(1);
    const stamps = receiver.received.map((hit) => Number(hit.headers.get("webhook-timestamp")));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(new Set(stamps).size).toBe(8);
  });

  it.each([
    [429, "3600", 3600],
    [503, "120", 120],
    [503, "1", 5],
    [429, "999999", 43_200],
    [500, "3600", 5],
  ])("on %i with Retry-After %s waits %i s", async (status, retryAfter, expected) => {
    const { deliveryId } = await setup(
      () => new Response(null, { status, headers: { "retry-after": retryAfter } }),
    );
    const result = await consumeDeliveries([deliveryId]);
    expect(result.delays).toEqual([expected]);
  });

  it("410 Gone disables the endpoint at once and ends the delivery", async () => {
    const { orgId, endpoint, deliveryId, receiver } = await setup(
      () => new Response(null, { status: 410 }),
    );
    const result = await consumeDeliveries([deliveryId]);
    expect(result.delays).toEqual([]);
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "failed",
      last_response_status: 410,
    });
    expect(await endpointRow(endpoint.id)).toMatchObject({
      status: "disabled",
      disabled_reason: "gone",
    });
    // Later events are not fanned out to it any more; its old pending ones stop.
    receiver.respondWith(() => new Response("ok"));
    const again = await unenqueuedTestDelivery(orgId, endpoint.id); // tests still go through
    await consumeDeliveries([again.deliveryId]);
    expect(receiver.received).toHaveLength(2);
  });

  it("counts redirects, network errors and timeouts as failures", async () => {
    const cases: Array<[() => Response, string]> = [
      [
        () => new Response(null, { status: 302, headers: { location: "https://example.com/" } }),
        "HTTP 302",
      ],
      [
        () => {
          throw new TypeError("connection refused");
        },
        "Network error: connection refused",
      ],
      [
        () => {
          throw new DOMException("The operation timed out", "TimeoutError");
        },
        "Timed out after 15 s",
      ],
    ];
    for (const [respond, error] of cases) {
      const { deliveryId } = await setup(respond);
      const result = await consumeDeliveries([deliveryId]);
      expect(result.delays).toEqual([5]);
      expect(await deliveryRow(deliveryId)).toMatchObject({ status: "pending", last_error: error });
    }
  });

  it("disables an endpoint whose deliveries all failed for 5 days", async () => {
    const start = Date.now();
    const { orgId, endpoint, deliveryId } = await setup(() => new Response(null, { status: 500 }));
    await consumeDeliveries([deliveryId]);
    expect((await endpointRow(endpoint.id))?.failing_since).toBeGreaterThanOrEqual(start);

    travelTo(start + 4 * DAY);
    const young = await unenqueuedTestDelivery(orgId, endpoint.id);
    await consumeDeliveries([young.deliveryId]);
    expect((await endpointRow(endpoint.id))?.status).toBe("active");

    travelTo(start + 5 * DAY + 1000);
    const old = await unenqueuedTestDelivery(orgId, endpoint.id);
    await consumeDeliveries([old.deliveryId]);
    expect(await endpointRow(endpoint.id)).toMatchObject({
      status: "disabled",
      disabled_reason: "failing",
    });
  });

  it("DELETE stops the endpoint's pending deliveries: nothing more is sent", async () => {
    const { key, endpoint, deliveryId, receiver } = await setup(
      () => new Response(null, { status: 500 }),
    );
    await consumeDeliveries([deliveryId]);
    expect((await call("DELETE", `/v1/webhook-endpoints/${endpoint.id}`, { key })).status).toBe(
      204,
    );
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "failed",
      last_error: "endpoint_deleted",
    });
    const late = await attemptWhenDue(deliveryId);
    expect(late.acked).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });

  it("a success clears failing_since", async () => {
    let status = 500;
    const { orgId, endpoint, deliveryId } = await setup(() => new Response(null, { status }));
    await consumeDeliveries([deliveryId]);
    expect((await endpointRow(endpoint.id))?.failing_since).not.toBeNull();
    status = 200;
    const next = await unenqueuedTestDelivery(orgId, endpoint.id);
    await consumeDeliveries([next.deliveryId]);
    expect((await endpointRow(endpoint.id))?.failing_since).toBeNull();
  });

  it("attempts a delivery once when its message arrives twice", async () => {
    const { deliveryId, receiver } = await setup(() => new Response("ok"));
    const result = await consumeDeliveries([deliveryId, deliveryId]);
    expect(result.acked).toHaveLength(2);
    expect(receiver.received).toHaveLength(1);
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("a message that comes back early (a duplicate) does not attempt before the schedule", async () => {
    const { deliveryId, receiver } = await setup(() => new Response(null, { status: 500 }));
    await consumeDeliveries([deliveryId]);
    const early = await consumeDeliveries([deliveryId]);
    expect(early.acked).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });

  it("a dead-lettered message ends its delivery as failed", async () => {
    const { deliveryId, receiver } = await setup(() => new Response("ok"));
    await consumeDeliveries([deliveryId], "booking-api-deliveries-dlq");
    expect(receiver.received).toHaveLength(0);
    expect(await deliveryRow(deliveryId)).toMatchObject({
      status: "failed",
      last_error: "dead_lettered",
    });
  });
});
