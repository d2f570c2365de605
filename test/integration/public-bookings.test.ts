import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { publicScope } from "../../src/idempotency/scope";
import { sha256Hex } from "../../src/lib/crypto";
import { callJson, expectError } from "../helpers/http";
import { patchExperience, publicClient, publicFixture } from "../helpers/public";
import { futureSessionId } from "../helpers/scheduling";

const bookingsPath = (experienceId: string) => `/public/experiences/${experienceId}/bookings`;
const cancelPath = (bookingId: string) => `/public/bookings/${bookingId}/cancel`;

async function storedBooking(bookingId: string) {
  return env.DB.prepare("SELECT * FROM bookings WHERE id = ?")
    .bind(bookingId)
    .first<Record<string, unknown>>();
}

async function book(experienceId: string, body: Record<string, unknown>, client = publicClient()) {
  return client.json("POST", bookingsPath(experienceId), { body });
}

describe("POST /public/experiences/{id}/bookings", () => {
  it("creates a booking and returns it with a cancel token, storing only the token's SHA-256", async () => {
    const { key, experienceId, sessionId } = await publicFixture();
    const { status, body } = await book(experienceId, {
      session_id: sessionId,
      quantity: 2,
      contact: { name: "Ada" },
    });
    expect(status, JSON.stringify(body)).toBe(201);
    const { cancel_token: token, manage_url: manageUrl, ...booking } = body.data;
    expect(token).toMatch(/^[0-9A-Za-z]{32,}$/);
    expect(manageUrl).toBe(`https://api.test/book/manage/${body.data.id}?token=${token}`);
    expect(booking).toMatchObject({
      experience_id: experienceId,
      session_id: sessionId,
      quantity: 2,
      status: "confirmed",
      contact: { name: "Ada", email: null, phone: null },
    });

    const internal = await callJson("GET", `/v1/bookings/${booking.id}`, { key });
    expect(internal.body.data).toEqual(booking);
    const row = await storedBooking(booking.id);
    expect(row?.cancel_token_hash).toBe(await sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("asks for the contact details the experience requires", async () => {
    const { experienceId, sessionId } = await publicFixture({
      experience: { required_contact_method: "email_and_phone" },
    });
    const { status, body } = await book(experienceId, {
      session_id: sessionId,
      contact: { name: "Ada", email: "ada@example.com" },
    });
    expect(status).toBe(400);
    expect(body.code).toBe("validation_failed");
    expect(Object.keys(body.details.fieldErrors)).toEqual(["contact.phone"]);
  });

  it("refuses more seats than max_booking_quantity and unknown fields", async () => {
    const { experienceId, sessionId } = await publicFixture({
      experience: { max_booking_quantity: 2 },
    });
    const tooMany = await book(experienceId, {
      session_id: sessionId,
      quantity: 3,
      contact: { name: "Ada" },
    });
    expectError(tooMany, 400, "validation_failed");
    expect(tooMany.body.details.fieldErrors.quantity).toEqual([expect.any(String)]);
    const unknown = await book(experienceId, {
      session_id: sessionId,
      contact: { name: "Ada" },
      cancel_token: "mine",
    });
    expectError(unknown, 400, "validation_failed");
    expect(unknown.body.details.fieldErrors.cancel_token).toEqual(["Unknown field: cancel_token"]);
    const slots = await publicClient().json(
      "GET",
      `/public/experiences/${experienceId}/slots?timezone=UTC&include_unbookable=true`,
    );
    const slot = slots.body.data.find((s: { session_id: string }) => s.session_id === sessionId);
    expect(slot.seats_booked).toBe(0);
  });

  it("answers 422 registration_closed when registration is closed", async () => {
    const { key, experienceId, sessionId } = await publicFixture();
    await patchExperience(key, experienceId, { registration_status: "closed" });
    const { status, body } = await book(experienceId, {
      session_id: sessionId,
      contact: { name: "Ada" },
    });
    expect(status).toBe(422);
    expect(body.code).toBe("registration_closed");
  });

  it("answers 422 experience_inactive for an inactive experience and 404 for an unknown one", async () => {
    const { key, experienceId, sessionId } = await publicFixture();
    await patchExperience(key, experienceId, { status: "inactive" });
    const inactive = await book(experienceId, { session_id: sessionId, contact: { name: "Ada" } });
    expect(inactive.status).toBe(422);
    expect(inactive.body.code).toBe("experience_inactive");
    const unknown = await book("exp_unknown0000000000000", {
      session_id: sessionId,
      contact: { name: "Ada" },
    });
    expectError(unknown, 404, "not_found");
  });

  it("answers 409 session_full with the seats left", async () => {
    const { experienceId, sessionId } = await publicFixture({
      experience: { default_capacity: 3 },
    });
    expect(
      (await book(experienceId, { session_id: sessionId, quantity: 2, contact: { name: "A" } }))
        .status,
    ).toBe(201);
    const full = await book(experienceId, {
      session_id: sessionId,
      quantity: 2,
      contact: { name: "B" },
    });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe("session_full");
    expect(full.body.details).toEqual({ seats_available: 1, waitlist_available: false });
  });

  it("answers 404 for a session that does not exist", async () => {
    const { experienceId, recurrenceId } = await publicFixture();
    const res = await book(experienceId, {
      session_id: futureSessionId(recurrenceId, 3, "11:11"),
      contact: { name: "Ada" },
    });
    expectError(res, 404, "not_found");
    const stored = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE id = ?")
      .bind(futureSessionId(recurrenceId, 3, "11:11"))
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });
});

describe("Idempotency-Key on public bookings", () => {
  it("replays the original 201 with Idempotent-Replay: true and books once", async () => {
    const { key, experienceId, sessionId } = await publicFixture();
    const client = publicClient();
    const request = {
      headers: { "Idempotency-Key": "page-attempt-1" },
      body: { session_id: sessionId, contact: { name: "Ada" } },
    };
    const first = await client.raw("POST", bookingsPath(experienceId), request);
    const retry = await client.raw("POST", bookingsPath(experienceId), request);
    expect(first.status).toBe(201);
    expect(first.headers.get("Idempotent-Replay")).toBeNull();
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replay")).toBe("true");
    expect(await retry.text()).toBe(await first.text());

    const list = await callJson("GET", `/v1/bookings?session_id=${sessionId}`, { key });
    expect(list.body.pagination.total).toBe(1);
  });

  it("scopes keys per client IP: another visitor's same key books separately", async () => {
    const { key, experienceId, sessionId } = await publicFixture();
    const request = {
      headers: { "Idempotency-Key": "same-key" },
      body: { session_id: sessionId, contact: { name: "Ada" } },
    };
    const first = await publicClient().json("POST", bookingsPath(experienceId), request);
    const other = await publicClient().json("POST", bookingsPath(experienceId), request);
    expect(other.status).toBe(201);
    expect(other.res.headers.get("Idempotent-Replay")).toBeNull();
    expect(other.body.data.id).not.toBe(first.body.data.id);
    const list = await callJson("GET", `/v1/bookings?session_id=${sessionId}`, { key });
    expect(list.body.pagination.total).toBe(2);
  });

  it("answers 422 idempotency_key_reused for the same key with another body", async () => {
    const { experienceId, sessionId } = await publicFixture();
    const client = publicClient();
    const headers = { "Idempotency-Key": "reused" };
    const path = bookingsPath(experienceId);
    await client.json("POST", path, {
      headers,
      body: { session_id: sessionId, contact: { name: "A" } },
    });
    const reused = await client.json("POST", path, {
      headers,
      body: { session_id: sessionId, contact: { name: "B" } },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe("idempotency_key_reused");
  });

  it("re-executed after a lost replay record, returns the original booking with a fresh, working token", async () => {
    const { experienceId, sessionId } = await publicFixture();
    const client = publicClient();
    const original = await book(
      experienceId,
      { session_id: sessionId, contact: { name: "Ada" } },
      client,
    );
    // The booking's key row was written with it, but the Durable Object never heard back.
    await env.DB.prepare(
      "INSERT INTO idempotency_keys (scope, key, resource_type, resource_id, created_at) VALUES (?, ?, 'booking', ?, ?)",
    )
      .bind(
        publicScope(client.ip, bookingsPath(experienceId)),
        "crashed",
        original.body.data.id,
        Date.now(),
      )
      .run();
    const retry = await client.json("POST", bookingsPath(experienceId), {
      headers: { "Idempotency-Key": "crashed" },
      body: { session_id: sessionId, contact: { name: "Ada" } },
    });
    expect(retry.status).toBe(201);
    expect(retry.body.data.id).toBe(original.body.data.id);
    expect(retry.body.data.cancel_token).not.toBe(original.body.data.cancel_token);

    const stale = await client.json("POST", cancelPath(original.body.data.id), {
      body: { cancel_token: original.body.data.cancel_token },
    });
    expectError(stale, 404, "not_found");
    expect((await storedBooking(original.body.data.id))?.status).toBe("confirmed");
    const fresh = await client.json("POST", cancelPath(original.body.data.id), {
      body: { cancel_token: retry.body.data.cancel_token },
    });
    expect(fresh.status).toBe(200);
  });
});

describe("POST /public/bookings/{id}/cancel", () => {
  async function bookedFixture() {
    const fixture = await publicFixture();
    const created = await book(fixture.experienceId, {
      session_id: fixture.sessionId,
      quantity: 2,
      contact: { name: "Ada" },
    });
    expect(created.status).toBe(201);
    return {
      ...fixture,
      bookingId: created.body.data.id as string,
      token: created.body.data.cancel_token as string,
    };
  }

  it("cancels with the right token and frees the seats", async () => {
    const { experienceId, bookingId, token, sessionId } = await bookedFixture();
    const client = publicClient();
    const { status, body } = await client.json("POST", cancelPath(bookingId), {
      body: { cancel_token: token },
    });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ id: bookingId, status: "cancelled", refund_eligible: true });
    expect(body.data.cancel_token).toBeUndefined();
    const slots = await client.json(
      "GET",
      `/public/experiences/${experienceId}/slots?timezone=UTC&include_unbookable=true`,
    );
    const slot = slots.body.data.find((s: { session_id: string }) => s.session_id === sessionId);
    expect(slot.seats_booked).toBe(0);
  });

  it("answers the same 404 for a wrong token and an unknown booking", async () => {
    const { bookingId, token } = await bookedFixture();
    const client = publicClient();
    const wrong = await client.json("POST", cancelPath(bookingId), {
      // Change the last character (to one it is not) so the token is wrong by one character.
      body: { cancel_token: `${token.slice(0, -1)}${token.endsWith("x") ? "y" : "x"}` },
    });
    const unknown = await client.json("POST", cancelPath("bkg_unknown0000000000000"), {
      body: { cancel_token: token },
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("not_found");
      expect(res.body.error).toBe(unknown.body.error);
    }
    expect((await storedBooking(bookingId))?.status).toBe("confirmed");
  });

  it.each([
    ["missing", {}],
    ["empty", { cancel_token: "" }],
  ])("answers 400 validation_failed naming cancel_token when it is %s", async (_label, body) => {
    const { bookingId } = await bookedFixture();
    const res = await publicClient().json("POST", cancelPath(bookingId), { body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    expect(res.body.details.fieldErrors.cancel_token).toBeDefined();
    expect((await storedBooking(bookingId))?.status).toBe("confirmed");
  });

  it("never cancels a booking made through /v1, which has no token", async () => {
    const { key, experienceId, sessionId } = await publicFixture();
    const created = await callJson("POST", `/v1/experiences/${experienceId}/bookings`, {
      key,
      body: { session_id: sessionId, contact: { name: "Ada" } },
    });
    const res = await publicClient().json("POST", cancelPath(created.body.data.id), {
      body: { cancel_token: "guess-without-a-token" },
    });
    expectError(res, 404, "not_found");
    expect((await storedBooking(created.body.data.id))?.status).toBe("confirmed");
  });

  it("answers 409 booking_not_cancellable the second time", async () => {
    const { bookingId, token } = await bookedFixture();
    const client = publicClient();
    expect(
      (await client.json("POST", cancelPath(bookingId), { body: { cancel_token: token } })).status,
    ).toBe(200);
    const again = await client.json("POST", cancelPath(bookingId), {
      body: { cancel_token: token },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("booking_not_cancellable");
  });

  it("answers 422 session_started once the session has begun", async () => {
    const { bookingId, token } = await bookedFixture();
    await env.DB.prepare("UPDATE bookings SET start_at = ? WHERE id = ?")
      .bind(Date.now() - 60_000, bookingId)
      .run();
    const { status, body } = await publicClient().json("POST", cancelPath(bookingId), {
      body: { cancel_token: token },
    });
    expect(status).toBe(422);
    expect(body.code).toBe("session_started");
  });

  it("replays a cancel retried with the same Idempotency-Key", async () => {
    const { bookingId, token } = await bookedFixture();
    const client = publicClient();
    const request = { headers: { "Idempotency-Key": "cancel-1" }, body: { cancel_token: token } };
    const first = await client.raw("POST", cancelPath(bookingId), request);
    const retry = await client.raw("POST", cancelPath(bookingId), request);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("Idempotent-Replay")).toBe("true");
    expect(await retry.text()).toBe(await first.text());
  });
});

describe("privacy", () => {
  it("never shows one booking's contact in another visitor's public responses", async () => {
    const { experienceId, sessionId } = await publicFixture({
      experience: { required_contact_method: "email_and_phone" },
    });
    const secret = {
      name: "Private Person",
      email: "private@example.com",
      phone: "+4915100000001",
    };
    const mine = await book(experienceId, { session_id: sessionId, contact: secret });
    expect(mine.status).toBe(201);

    const visitor = publicClient();
    const responses = [
      await visitor.json("GET", `/public/experiences/${experienceId}`),
      await visitor.json(
        "GET",
        `/public/experiences/${experienceId}/slots?include_unbookable=true`,
      ),
      await book(
        experienceId,
        {
          session_id: sessionId,
          contact: { name: "Other", email: "o@example.com", phone: "+4915100000002" },
        },
        visitor,
      ),
      await visitor.json("POST", cancelPath(mine.body.data.id), {
        body: { cancel_token: "guess" },
      }),
    ];
    const page = await (await visitor.raw("GET", `/book/${experienceId}`)).text();
    for (const text of [...responses.map((r) => JSON.stringify(r.body)), page]) {
      expect(text).not.toContain(secret.email);
      expect(text).not.toContain(secret.phone);
      expect(text).not.toContain(secret.name);
    }
  });
});
