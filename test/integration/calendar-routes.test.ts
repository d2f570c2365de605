import { describe, expect, it } from "vitest";
import { fetchExperienceFeed } from "../helpers/calendar";
import { call, callJson } from "../helpers/http";
import { parseFeed } from "../helpers/ical-expansion";
import { patchExperience, publicClient, publicFixture } from "../helpers/public";
import { createApiKey, createTenant } from "../helpers/tenants";

const feedPath = (experienceId: string) => `/public/experiences/${experienceId}/calendar.ics`;

function expectRfc5545Lines(body: string) {
  expect(body.endsWith("\r\n")).toBe(true);
  const lines = body.slice(0, -2).split("\r\n");
  expect(body.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  return lines;
}

describe("GET /public/experiences/{id}/calendar.ics", () => {
  it("serves text/calendar with an ETag, Cache-Control and the calendar's properties", async () => {
    const { experienceId, recurrenceId } = await publicFixture();
    const res = await publicClient().raw("GET", feedPath(experienceId));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    const lines = expectRfc5545Lines(await res.text());
    expect(lines.slice(0, 8)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Scheduling & Booking API//Calendar feeds 1.0//EN",
      "CALSCALE:GREGORIAN",
      "NAME:Vinyasa Flow",
      "X-WR-CALNAME:Vinyasa Flow",
      "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
      "X-PUBLISHED-TTL:PT1H",
    ]);
    expect(lines).toContain(`UID:${recurrenceId}-0700@api.test`);
    expect(lines).toContain(`UID:${recurrenceId}-1830@api.test`);
    expect(lines).toContain(`URL:https://api.test/book/${experienceId}`);
    expect(lines).toContain("TZID:UTC");
  });

  it("answers 304 to a matching If-None-Match, and a new ETag once the experience changes", async () => {
    const { key, experienceId } = await publicFixture();
    const client = publicClient();
    const first = await client.raw("GET", feedPath(experienceId));
    const etag = first.headers.get("etag") as string;
    const again = await client.raw("GET", feedPath(experienceId), {
      headers: { "if-none-match": `W/"nope", ${etag}` },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");

    await patchExperience(key, experienceId, { name: "Yin Yoga" });
    const changed = await client.raw("GET", feedPath(experienceId), {
      headers: { "if-none-match": etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).toContain("SUMMARY:Yin Yoga");
  });

  it("escapes and folds text: commas, semicolons, newlines and long multi-byte lines", async () => {
    const description = `Bring a mat; water, towel.\nÜbungen für alle — ${"ü".repeat(60)}`;
    const location = { type: "in_person", venue: "Studio 1", address: "Main St 5, Berlin" };
    const { experienceId } = await publicFixture({ experience: { description, location } });
    const body = await fetchExperienceFeed(experienceId);
    expectRfc5545Lines(body);
    expect(body).toContain("DESCRIPTION:Bring a mat\\; water\\, towel.\\nÜbungen");
    const [event] = parseFeed(body).calendar.getAllSubcomponents("vevent");
    expect(event?.getFirstPropertyValue("description")).toBe(description);
    expect(event?.getFirstPropertyValue("location")).toBe("Studio 1, Main St 5, Berlin");
  });

  it("is 404 for unknown and inactive experiences", async () => {
    const { key, experienceId } = await publicFixture();
    await patchExperience(key, experienceId, { status: "inactive" });
    for (const id of [experienceId, "exp_doesnotexist000000"]) {
      const { status, body } = await publicClient().json("GET", feedPath(id));
      expect(status).toBe(404);
      expect(body.code).toBe("not_found");
    }
  });
});

async function publicBooking(quantity = 2) {
  const fixture = await publicFixture();
  const client = publicClient();
  const { status, body } = await client.json(
    "POST",
    `/public/experiences/${fixture.experienceId}/bookings`,
    {
      body: { session_id: fixture.sessionId, quantity, contact: { name: "Ada, Countess" } },
    },
  );
  expect(status, JSON.stringify(body)).toBe(201);
  return { ...fixture, client, booking: body.data };
}

const unfold = (body: string) => body.replaceAll("\r\n ", "");

describe("GET /public/bookings/{id}/calendar.ics", () => {
  it("publishes the booking as one confirmed VEVENT with seats and the cancellation link", async () => {
    const { client, booking, experienceId } = await publicBooking();
    const token = booking.cancel_token as string;
    const res = await client.raw(
      "GET",
      `/public/bookings/${booking.id}/calendar.ics?cancel_token=${token}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    const body = unfold(await res.text());
    expect(body).toContain("METHOD:PUBLISH\r\n");
    expect(body).toContain(`UID:${booking.id}@api.test\r\n`);
    expect(body).toContain("STATUS:CONFIRMED\r\n");
    expect(body).toContain("SUMMARY:Vinyasa Flow (2 seats)\r\n");
    expect(body).toContain(
      `https://api.test/book/${experienceId}?cancel=${booking.id}&token=${token}`,
    );
    const [instance] = parseFeed(body).instancesBetween(0, Number.MAX_SAFE_INTEGER);
    expect(instance).toEqual({
      uid: `${booking.id}@api.test`,
      start: Date.parse(booking.start),
      end: Date.parse(booking.end),
      status: "CONFIRMED",
    });
  });

  it("shows a cancelled booking as STATUS:CANCELLED, its SEQUENCE grown even within a second", async () => {
    const { client, booking } = await publicBooking(1);
    const token = booking.cancel_token as string;
    const sequenceOf = async () => {
      const ics = await client.raw(
        "GET",
        `/public/bookings/${booking.id}/calendar.ics?cancel_token=${token}`,
      );
      return Number(/^SEQUENCE:(\d+)\r$/m.exec(await ics.text())?.[1]);
    };
    const before = await sequenceOf();
    const cancel = await client.json("POST", `/public/bookings/${booking.id}/cancel`, {
      body: { cancel_token: token },
    });
    expect(cancel.status).toBe(200);
    const res = await client.raw(
      "GET",
      `/public/bookings/${booking.id}/calendar.ics?cancel_token=${token}`,
    );
    const body = await res.text();
    expect(body).toContain("STATUS:CANCELLED\r\n");
    expect(body).toContain("SUMMARY:Vinyasa Flow (1 seat)\r\n");
    expect(await sequenceOf()).toBeGreaterThan(before);
  });

  it("needs the cancel token: missing is 400, wrong is the 404 of an unknown booking", async () => {
    const { client, booking } = await publicBooking();
    const missing = await client.json("GET", `/public/bookings/${booking.id}/calendar.ics`);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe("validation_failed");
    const wrong = await client.json(
      "GET",
      `/public/bookings/${booking.id}/calendar.ics?cancel_token=x${booking.cancel_token}`,
    );
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe("not_found");
  });
});

describe("GET /v1/bookings/{id}/calendar.ics", () => {
  it("needs bookings:read and is 404 for another organization's booking", async () => {
    const { orgId, booking } = await publicBooking();
    const reader = await createApiKey(orgId, { bookings: "read" });
    const res = await call("GET", `/v1/bookings/${booking.id}/calendar.ics`, { key: reader.key });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");

    const noScope = await createApiKey(orgId, { experiences: "read" });
    const refused = await callJson("GET", `/v1/bookings/${booking.id}/calendar.ics`, {
      key: noScope.key,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.details.required).toBe("bookings:read");

    const other = await createTenant();
    const foreign = await callJson("GET", `/v1/bookings/${booking.id}/calendar.ics`, {
      key: other.key,
    });
    expect(foreign.status).toBe(404);
  });

  it("names the API's cancel endpoint, as the customer's token is not stored in clear", async () => {
    const { key, booking } = await publicBooking();
    const res = await call("GET", `/v1/bookings/${booking.id}/calendar.ics`, { key });
    expect(res.status).toBe(200);
    const body = unfold(await res.text());
    expect(body).toContain(`Cancel: POST https://api.test/v1/bookings/${booking.id}/cancel`);
    expect(body).toContain("DESCRIPTION:2 seats booked for Ada\\, Countess.");
  });
});
