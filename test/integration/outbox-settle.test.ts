import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countedPost } from "../helpers/counted-request";
import { callJson } from "../helpers/http";
import { createBookableExperience, futureSessionId, services } from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";
import { createEndpoint, webhookReceiver } from "../helpers/webhooks";

// §12: an event with nothing to deliver (no endpoint subscribed, no customer email) is written
// already marked enqueued, in its own batch, so the request leaves no D1 work behind it; an
// event with a delivery or an email is left to the post-commit dispatch.

async function enqueuedAtOf(type: string, organizationId: string) {
  const rows = await env.DB.prepare(
    "SELECT enqueued_at FROM events WHERE organization_id = ? AND type = ?",
  )
    .bind(organizationId, type)
    .all<{ enqueued_at: number | null }>();
  return rows.results.map((row) => row.enqueued_at);
}

const experienceBody = { name: "Settled Yoga", duration_minutes: 60, default_capacity: 4 };

/** POST /v1/experiences through the Worker, its D1 trips counted (also those after it). */
async function createExperienceCounted(key: string, idempotencyKey: string) {
  const headers = { "X-API-KEY": key, "Idempotency-Key": idempotencyKey };
  const res = await countedPost("/v1/experiences", experienceBody, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res;
}

describe("events with nothing to deliver are settled in their own batch", () => {
  it("a create with no endpoint leaves no D1 trip behind its response", async () => {
    const { orgId, key } = await createTenant("UTC");
    const res = await createExperienceCounted(key, "settle-1");
    expect(res.background).toEqual([]);
    const [enqueuedAt] = await enqueuedAtOf("experience.created", orgId);
    expect(enqueuedAt).toEqual(expect.any(Number));
  });

  it("a create an endpoint subscribes to is dispatched after the response and delivered", async () => {
    const { orgId, key } = await createTenant("UTC");
    const receiver = webhookReceiver();
    await createEndpoint(key, { url: receiver.url, events: ["experience.created"] });
    const res = await createExperienceCounted(key, "settle-2");
    expect(res.background.length).toBeGreaterThan(0);
    const [hit] = await receiver.waitFor(1);
    expect(JSON.parse(hit?.body ?? "{}").data.object.id).toBe(res.body.data.id);
    const [enqueuedAt] = await enqueuedAtOf("experience.created", orgId);
    expect(enqueuedAt).toEqual(expect.any(Number));
  });

  it("an endpoint that is disabled, deleted or of another type leaves the event settled", async () => {
    const { orgId, key } = await createTenant("UTC");
    const receiver = webhookReceiver();
    const url = receiver.url;
    const disabled = await createEndpoint(key, { url, events: ["experience.created"] });
    const off = await callJson("PATCH", `/v1/webhook-endpoints/${disabled.id}`, {
      key,
      body: { status: "disabled" },
    });
    expect(off.status).toBe(200);
    const deleted = await createEndpoint(key, { url, events: ["*"] });
    expect((await callJson("DELETE", `/v1/webhook-endpoints/${deleted.id}`, { key })).status).toBe(
      204,
    );
    await createEndpoint(key, { url, events: ["booking.created"] });
    const res = await createExperienceCounted(key, "settle-3");
    expect(res.background).toEqual([]);
    const [enqueuedAt] = await enqueuedAtOf("experience.created", orgId);
    expect(enqueuedAt).toEqual(expect.any(Number));
    const deliveries = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE organization_id = ?",
    )
      .bind(orgId)
      .first<{ n: number }>();
    expect(deliveries?.n).toBe(0);
  });

  it("without a request (a sweep, a crashed Worker) only jobless events are settled", async () => {
    const { orgId, key } = await createTenant("UTC");
    const receiver = webhookReceiver();
    await createEndpoint(key, { url: receiver.url, events: ["booking.cancelled"] });
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { notify_customers: true },
    });
    const session_id = futureSessionId(recurrenceId);
    // No endpoint takes booking.created and no email is asked for: nothing to deliver.
    const quiet = await services.book(orgId, experienceId, Date.now(), { session_id });
    expect(await enqueuedAtOf("booking.created", orgId)).toEqual([expect.any(Number)]);
    // A customer email waits for its dispatch (here: for the sweep).
    await services.book(orgId, experienceId, Date.now(), {
      session_id,
      contact: { name: "Jo", email: "jo@example.com" },
    });
    const created = await enqueuedAtOf("booking.created", orgId);
    expect(created.sort()).toEqual([expect.any(Number), null].sort());
    // And so does a delivery: the endpoint takes booking.cancelled.
    await services.cancel(orgId, quiet.id, Date.now());
    expect(await enqueuedAtOf("booking.cancelled", orgId)).toEqual([null]);
    const listed = await callJson("GET", `/v1/events?type=booking.cancelled`, { key });
    expect(listed.body.data).toHaveLength(1);
  });
});
