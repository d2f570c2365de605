import { describe, expect, it } from "vitest";
import { callJson } from "../../helpers/http";
import { matchingSignatures } from "../../helpers/standard-webhooks";
import { createTenant } from "../../helpers/tenants";
import { createEndpoint, webhookReceiver } from "../../helpers/webhooks";

async function sendTest(key: string, endpointId: string) {
  const res = await callJson("POST", `/v1/webhook-endpoints/${endpointId}/test`, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.data.event_id as string;
}

async function deliveriesOf(key: string, endpointId: string, query = "") {
  const res = await callJson("GET", `/v1/webhook-endpoints/${endpointId}/deliveries${query}`, {
    key,
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** Waits until the endpoint's newest delivery is no longer pending. */
async function settledDelivery(key: string, endpointId: string) {
  for (let i = 0; i < 100; i++) {
    const [latest] = (await deliveriesOf(key, endpointId)).data;
    if (latest && latest.status !== "pending") return latest;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("Delivery still pending");
}

describe("webhook delivery through the Queue (§12)", () => {
  it("POSTs the event, signed the Standard Webhooks way, verifiable with node:crypto", async () => {
    const { key } = await createTenant();
    const receiver = webhookReceiver();
    const endpoint = await createEndpoint(key, { url: receiver.url, events: ["booking.created"] });
    const before = Math.floor(Date.now() / 1000);
    const eventId = await sendTest(key, endpoint.id);

    const [hit] = await receiver.waitFor(1);
    if (!hit) throw new Error("no webhook");
    expect(hit.url).toBe(receiver.url);
    expect(hit.headers.get("content-type")).toBe("application/json");
    expect(hit.headers.get("user-agent")).toMatch(/^booking-api-webhooks\/\d/);
    expect(hit.headers.get("webhook-id")).toBe(eventId);
    const timestamp = Number(hit.headers.get("webhook-timestamp"));
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(hit.headers.get("webhook-signature")).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(matchingSignatures(hit, endpoint.secret)).toBe(1);

    // The body is the event object, as GET /v1/events/{id} returns it.
    const event = await callJson("GET", `/v1/events/${eventId}`, { key });
    expect(JSON.parse(hit.body)).toEqual(event.body.data);
    expect(event.body.data).toMatchObject({ id: eventId, type: "webhook.test" });
    expect(event.body.data.data.object).toMatchObject({ id: endpoint.id, url: receiver.url });

    // A tampered body or another secret does not verify.
    expect(matchingSignatures({ ...hit, body: `${hit.body} ` }, endpoint.secret)).toBe(0);
    const other = await createEndpoint(key, { url: receiver.url, events: ["*"] });
    expect(matchingSignatures(hit, other.secret)).toBe(0);
  });

  it("logs the delivery as succeeded with the response status", async () => {
    const { key } = await createTenant();
    const receiver = webhookReceiver();
    receiver.respondWith(() => new Response(null, { status: 204 }));
    const endpoint = await createEndpoint(key, { url: receiver.url, events: ["*"] });
    const eventId = await sendTest(key, endpoint.id);
    const delivery = await settledDelivery(key, endpoint.id);
    expect(delivery).toMatchObject({
      endpoint_id: endpoint.id,
      event_id: eventId,
      event_type: "webhook.test",
      status: "succeeded",
      attempts: 1,
      last_response_status: 204,
      last_error: null,
      next_attempt_at: null,
    });
    expect(delivery.id).toMatch(/^whd_/);
    expect(Date.parse(delivery.last_attempt_at)).toBeGreaterThanOrEqual(
      Date.parse(delivery.created_at),
    );
    expect((await deliveriesOf(key, endpoint.id, "?status=failed")).data).toEqual([]);
    expect((await deliveriesOf(key, endpoint.id, "?status=succeeded,failed")).data).toHaveLength(1);
    const bad = await callJson(
      "GET",
      `/v1/webhook-endpoints/${endpoint.id}/deliveries?status=done`,
      { key },
    );
    expect(bad.status).toBe(400);
  });

  it("after a rotation signs with both secrets for 24 h, the new one first", async () => {
    const { key } = await createTenant();
    const receiver = webhookReceiver();
    const endpoint = await createEndpoint(key, { url: receiver.url, events: ["*"] });
    const rotated = await callJson("POST", `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      key,
    });
    const newSecret = rotated.body.data.secret as string;
    await sendTest(key, endpoint.id);
    const [hit] = await receiver.waitFor(1);
    if (!hit) throw new Error("no webhook");
    const signatures = (hit.headers.get("webhook-signature") ?? "").split(" ");
    expect(signatures).toHaveLength(2);
    const onlyFirst = new Headers(hit.headers);
    onlyFirst.set("webhook-signature", signatures[0] ?? "");
    expect(matchingSignatures({ ...hit, headers: onlyFirst }, newSecret)).toBe(1);
    expect(matchingSignatures(hit, endpoint.secret)).toBe(1);
    expect(matchingSignatures(hit, newSecret)).toBe(1);
  });

  it("a test event reaches only its endpoint, even a disabled one", async () => {
    const { key } = await createTenant();
    const target = webhookReceiver();
    const bystander = webhookReceiver();
    const endpoint = await createEndpoint(key, {
      url: target.url,
      events: ["*"],
      status: "disabled",
    });
    await createEndpoint(key, { url: bystander.url, events: ["*"] });
    await sendTest(key, endpoint.id);
    await target.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(bystander.received).toHaveLength(0);
  });
});
