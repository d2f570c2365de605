import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { chunk, queryInChunks } from "../../src/lib/bound-parameters";
import {
  guardBoundParameters,
  takeBoundParameterViolations,
} from "../helpers/bound-parameter-guard";
import {
  createMember,
  keyRotation,
  MINIMAL_EXPERIENCE,
  weeklyRecurrence,
} from "../helpers/experiences";
import { callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";
import { createEndpoint, webhookReceiver } from "../helpers/webhooks";

describe("§16: no statement binds more than 100 parameters", () => {
  it("the test setup fails a statement over the limit, and records it", async () => {
    guardBoundParameters(env.DB);
    const values = Array.from({ length: 101 }, (_, i) => i);
    const sql = `SELECT 1 WHERE 1 IN (${values.map(() => "?").join(",")})`;
    expect(() => env.DB.prepare(sql).bind(...values)).toThrow("bound 101 parameters");
    expect(takeBoundParameterViolations()).toEqual([
      "A statement bound 101 parameters; D1 allows 100",
    ]);
    await expect(
      env.DB.prepare(sql.replace(",?)", ")"))
        .bind(...values.slice(1))
        .all(),
    ).resolves.toBeTruthy();
  });

  it("chunk splits a list in order and queryInChunks leaves room for the other parameters", async () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    const sizes: number[] = [];
    const rows = await queryInChunks(
      Array.from({ length: 250 }, (_, i) => i),
      2,
      async (part) => {
        sizes.push(part.length);
        return part;
      },
    );
    expect(sizes).toEqual([98, 98, 54]);
    expect(rows).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it("lists 200 experiences on one page (their recurrences and booking counts in chunks)", async () => {
    const { orgId, key } = await createTenant();
    const nextKey = keyRotation(orgId);
    const providerId = await createMember(key);
    for (let i = 0; i < 130; i++) {
      const body = {
        ...MINIMAL_EXPERIENCE,
        name: `Class ${i}`,
        providers: i % 2 ? [providerId] : [],
      };
      const { status } = await callJson("POST", "/v1/experiences", { key: await nextKey(), body });
      expect(status).toBe(201);
    }
    const { status, body } = await callJson("GET", "/v1/experiences?page_size=200", { key });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.data).toHaveLength(130);
    expect(body.pagination).toEqual({ total: 130, page: 1, page_size: 200, total_pages: 1 });
    const withRecurrence = body.data.filter(
      (e: { recurrence_ids: string[] }) => e.recurrence_ids.length === 1,
    );
    expect(withRecurrence).toHaveLength(65);
    expect(body.data.every((e: { bookings_count: number }) => e.bookings_count === 0)).toBe(true);
  });

  it("treats a status filter of 150 repeated entries as the set it names", async () => {
    const { key } = await createTenant();
    const manyActive = Array.from({ length: 150 }, () => "active").join(",");
    const experiences = await callJson("GET", `/v1/experiences?status=${manyActive},inactive`, {
      key,
    });
    expect(experiences.status, JSON.stringify(experiences.body)).toBe(200);
    const manyConfirmed = Array.from({ length: 150 }, () => "confirmed").join(",");
    const bookings = await callJson("GET", `/v1/bookings?status=${manyConfirmed}`, { key });
    expect(bookings.status, JSON.stringify(bookings.body)).toBe(200);
  });

  it("treats event type and delivery status filters of 150 repeated entries as the set they name", async () => {
    const { key } = await createTenant();
    const manyTypes = Array.from({ length: 150 }, () => "booking.created").join(",");
    const events = await callJson("GET", `/v1/events?type=${manyTypes}`, { key });
    expect(events.status, JSON.stringify(events.body)).toBe(200);
    const endpoint = await createEndpoint(key, { url: webhookReceiver().url, events: ["*"] });
    const manyStatuses = Array.from({ length: 150 }, () => "pending").join(",");
    const deliveries = await callJson(
      "GET",
      `/v1/webhook-endpoints/${endpoint.id}/deliveries?status=${manyStatuses}`,
      { key },
    );
    expect(deliveries.status, JSON.stringify(deliveries.body)).toBe(200);
  });

  it("redelivers an event to 12 subscribed endpoints (rows split to fit the limit)", async () => {
    const { orgId } = await createTenant();
    const nextKey = keyRotation(orgId);
    const receiver = webhookReceiver();
    for (let i = 0; i < 12; i++) {
      await createEndpoint(await nextKey(), { url: receiver.url, events: ["experience.created"] });
    }
    const experience = await callJson("POST", "/v1/experiences", {
      key: await nextKey(),
      body: MINIMAL_EXPERIENCE,
    });
    expect(experience.status).toBe(201);
    const listed = await callJson("GET", "/v1/events?type=experience.created", {
      key: await nextKey(),
    });
    const eventId = listed.body.data[0].id;
    const again = await callJson("POST", `/v1/events/${eventId}/redeliver`, {
      key: await nextKey(),
    });
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    expect(again.body.data).toHaveLength(12);
    expect(new Set(again.body.data.map((d: { endpoint_id: string }) => d.endpoint_id)).size).toBe(
      12,
    );
  });

  it("answers 400 naming each of 150 unknown template providers", async () => {
    const { key } = await createTenant();
    const experience = await callJson("POST", "/v1/experiences", { key, body: MINIMAL_EXPERIENCE });
    const templates = Array.from({ length: 150 }, (_, i) => ({
      start_time_of_day: `${String(Math.floor(i / 12)).padStart(2, "0")}:${String((i % 12) * 5).padStart(2, "0")}`,
      provider_id: `sm_unknown${String(i).padStart(12, "0")}`,
    }));
    const { status, body } = await callJson(
      "POST",
      `/v1/experiences/${experience.body.data.id}/recurrences`,
      { key, body: weeklyRecurrence({ session_templates: templates }) },
    );
    expect(status, JSON.stringify(body).slice(0, 500)).toBe(400);
    expect(body.code).toBe("validation_failed");
    expect(Object.keys(body.details.fieldErrors)).toHaveLength(150);
    expect(body.details.fieldErrors["session_templates.149.provider_id"]).toEqual([
      "Unknown member: sm_unknown000000000149",
    ]);
  });
});
