import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHold } from "../../src/features/holds/holds.service";
import { getHoldOk, hold, holdOk, releaseHold, sessionFixture, slotOf } from "../helpers/holds";
import { callJson } from "../helpers/http";
import { travelTo } from "../helpers/idempotency";
import {
  book,
  bookingBody,
  freshKey,
  futureSessionId,
  patchExperience,
  patchRecurrence,
  services,
  sessionIdOf,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});
afterEach(() => {
  vi.useRealTimers();
});

const fixture = (experience: Record<string, unknown> = {}) =>
  sessionFixture(orgId, { default_capacity: 4, ...experience });

describe("POST /v1/experiences/{id}/holds", () => {
  it("takes the seats for ttl_seconds (default 600) and answers the §14 hold object", async () => {
    const { key, experienceId, sessionId } = await fixture();
    const before = Date.now();
    const created = await holdOk(key, experienceId, { session_id: sessionId, quantity: 3 });
    expect(created).toMatchObject({
      experience_id: experienceId,
      session_id: sessionId,
      quantity: 3,
      status: "active",
      booking_id: null,
    });
    expect(created.id).toMatch(/^hld_[0-9A-Za-z]{16,}$/);
    expect(Object.keys(created).sort()).toEqual(
      [
        "id",
        "experience_id",
        "session_id",
        "quantity",
        "status",
        "expires_at",
        "booking_id",
        "created_at",
      ].sort(),
    );
    const ttl = Date.parse(created.expires_at) - Date.parse(created.created_at);
    expect(ttl).toBe(600_000);
    expect(Date.parse(created.created_at)).toBeGreaterThanOrEqual(before);
    expect(await getHoldOk(key, created.id)).toEqual(created);
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      capacity: 4,
      seats_booked: 0,
      seats_held: 3,
      seats_available: 1,
      waitlist_size: 0,
      bookable: true,
    });
  });

  it("refuses a booking the held seats no longer cover: 409 session_full with the seats left", async () => {
    const { key, experienceId, sessionId } = await fixture();
    await holdOk(key, experienceId, { session_id: sessionId, quantity: 3 });
    const refused = await book(key, experienceId, bookingBody(sessionId, { quantity: 2 }));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: "session_full",
      details: { seats_available: 1, waitlist_available: false },
    });
    const second = await hold(key, experienceId, { session_id: sessionId, quantity: 2 });
    expect(second.status).toBe(409);
    expect(second.body.details).toEqual({ seats_available: 1, waitlist_available: false });
    await holdOk(key, experienceId, { session_id: sessionId, quantity: 1 });
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      seats_held: 4,
      seats_available: 0,
      bookable: false,
      unbookable_reason: "full",
    });
  });

  it.each([
    [{ ttl_seconds: 59 }, "ttl_seconds"],
    [{ ttl_seconds: 3601 }, "ttl_seconds"],
    [{ ttl_seconds: 60.5 }, "ttl_seconds"],
    [{ quantity: 0 }, "quantity"],
    [{ quantity: 6 }, "quantity"],
    [{ unknown: true }, ""],
  ])("rejects %j with 400 validation_failed", async (extra, field) => {
    const { key, experienceId, sessionId } = await fixture();
    const res = await hold(key, experienceId, { session_id: sessionId, ...extra });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    if (field) expect(Object.keys(res.body.details.fieldErrors)).toContain(field);
  });

  it("accepts the ttl bounds 60 and 3600 seconds", async () => {
    const { key, experienceId, sessionId } = await fixture();
    for (const ttl_seconds of [60, 3600]) {
      const created = await holdOk(key, experienceId, { session_id: sessionId, ttl_seconds });
      expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(
        ttl_seconds * 1000,
      );
    }
  });

  it("applies the §9 checks in their order", async () => {
    const { key, experienceId, recurrenceId, sessionId } = await fixture();
    const unknown = await hold(key, experienceId, { session_id: `${sessionId}9` });
    expect(unknown.status).toBe(404);
    const past = await hold(key, experienceId, { session_id: futureSessionId(recurrenceId, -1) });
    expect(past.body).toMatchObject({
      code: "outside_booking_window",
      details: { reason: "past" },
    });
    const tooFar = sessionIdOf(
      recurrenceId,
      new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10),
      "07:00",
    );
    expect((await hold(key, experienceId, { session_id: tooFar })).body.details).toEqual({
      reason: "too_far",
    });
    await patchRecurrence(key, experienceId, recurrenceId, { status: "paused" });
    const paused = await hold(key, experienceId, { session_id: sessionId });
    expect(paused.status).toBe(422);
    expect(paused.body).toMatchObject({
      code: "session_unavailable",
      details: { reason: "paused" },
    });
    await patchExperience(key, experienceId, { registration_status: "closed" });
    expect((await hold(key, experienceId, { session_id: sessionId })).body.code).toBe(
      "registration_closed",
    );
    await patchExperience(key, experienceId, { status: "inactive" });
    expect((await hold(key, experienceId, { session_id: sessionId })).body.code).toBe(
      "experience_inactive",
    );
  });

  it("needs bookings:write to hold and bookings:read to read; other organizations see 404", async () => {
    const { key, experienceId, sessionId } = await fixture();
    const created = await holdOk(key, experienceId, { session_id: sessionId });
    const reader = await freshKey(orgId, { experiences: "read", bookings: "read" });
    const refused = await hold(reader, experienceId, { session_id: sessionId });
    expect(refused.status).toBe(403);
    expect(refused.body.details).toEqual({ required: "bookings:write" });
    expect((await releaseHold(reader, created.id)).status).toBe(403);
    expect((await getHoldOk(reader, created.id)).id).toBe(created.id);
    const stranger = (await createTenant("UTC")).key;
    expect((await callJson("GET", `/v1/holds/${created.id}`, { key: stranger })).status).toBe(404);
    expect((await releaseHold(stranger, created.id)).status).toBe(404);
    expect((await hold(stranger, experienceId, { session_id: sessionId })).status).toBe(404);
  });
});

describe("hold expiry (controlled clock)", () => {
  it("frees the seats at expires_at exactly, with nothing written, and reads `expired`", async () => {
    const { key, experienceId, sessionId } = await fixture({ default_capacity: 2 });
    const created = await holdOk(key, experienceId, {
      session_id: sessionId,
      quantity: 2,
      ttl_seconds: 60,
    });
    const expiresAt = Date.parse(created.expires_at);
    travelTo(expiresAt - 1);
    expect((await getHoldOk(key, created.id)).status).toBe("active");
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      seats_held: 2,
      seats_available: 0,
    });
    expect((await book(key, experienceId, bookingBody(sessionId))).status).toBe(409);
    travelTo(expiresAt);
    expect((await getHoldOk(key, created.id)).status).toBe("expired");
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      seats_held: 0,
      seats_available: 2,
    });
    expect((await book(key, experienceId, bookingBody(sessionId, { quantity: 2 }))).status).toBe(
      201,
    );
  });
});

describe("DELETE /v1/holds/{id}", () => {
  it("frees the seats at once; releasing again, or an expired hold, is a 204 that changes nothing", async () => {
    const { key, experienceId, sessionId } = await fixture({ default_capacity: 2 });
    const created = await holdOk(key, experienceId, { session_id: sessionId, quantity: 2 });
    const res = await releaseHold(key, created.id);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(await getHoldOk(key, created.id)).toMatchObject({
      status: "released",
      booking_id: null,
    });
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      seats_held: 0,
      seats_available: 2,
    });
    expect((await releaseHold(key, created.id)).status).toBe(204);

    const short = await holdOk(key, experienceId, { session_id: sessionId, ttl_seconds: 60 });
    travelTo(Date.parse(short.expires_at));
    expect((await releaseHold(key, short.id)).status).toBe(204);
    expect((await getHoldOk(key, short.id)).status).toBe("expired");
  });

  it("answers 409 hold_not_active for a converted hold and keeps its booking", async () => {
    const { key, experienceId, sessionId } = await fixture();
    const created = await holdOk(key, experienceId, { session_id: sessionId, quantity: 2 });
    const booked = await book(key, experienceId, { hold_id: created.id, contact: { name: "Ann" } });
    expect(booked.status).toBe(201);
    const res = await callJson("DELETE", `/v1/holds/${created.id}`, { key });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "hold_not_active", details: { status: "converted" } });
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      seats_booked: 2,
      seats_held: 0,
    });
  });

  it("answers 404 for an unknown hold", async () => {
    const { key } = await fixture();
    expect((await releaseHold(key, "hld_doesnotexist0000000")).status).toBe(404);
  });
});

describe("Idempotency-Key on holds", () => {
  it("replays the 201 over HTTP, and a re-execution after a lost replay record finds the original hold", async () => {
    const { key, experienceId, sessionId } = await fixture({ default_capacity: 2 });
    const headers = { "Idempotency-Key": `hold-${sessionId}` };
    const body = { session_id: sessionId, quantity: 2 };
    const first = await callJson("POST", `/v1/experiences/${experienceId}/holds`, {
      key,
      body,
      headers,
    });
    const second = await callJson("POST", `/v1/experiences/${experienceId}/holds`, {
      key,
      body,
      headers,
    });
    expect(first.status).toBe(201);
    expect(second.res.headers.get("Idempotent-Replay")).toBe("true");
    expect(second.body).toEqual(first.body);

    // The D1 crash-safety row: the service run again under the same scope returns the original.
    const scope = { scope: "test-scope", key: `hold-crash-${sessionId}` };
    const other = await sessionFixture(orgId, { default_capacity: 1 });
    const run = () =>
      createHold(services.db(), {
        organizationId: orgId,
        experienceId: other.experienceId,
        body: { session_id: other.sessionId, quantity: 1, ttl_seconds: 600 },
        idempotency: scope,
        now: Date.now(),
      });
    const original = await run();
    const again = await run();
    expect(again.id).toBe(original.id);
    expect(await slotOf(other.key, other.experienceId, other.sessionId)).toMatchObject({
      seats_held: 1,
    });
  });
});
