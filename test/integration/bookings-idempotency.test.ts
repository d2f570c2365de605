import { beforeAll, describe, expect, it } from "vitest";
import { call, callJson, readJson } from "../helpers/http";
import {
  book,
  bookingBody,
  bookOk,
  cancelOk,
  createBookableExperience,
  DAY_MS,
  freshKey,
  futureSessionId,
  HOUR_MS,
  rejectionOf,
  services,
  sessionIdOf,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

async function rawBook(key: string, experienceId: string, body: unknown, idempotencyKey: string) {
  const res = await call("POST", `/v1/experiences/${experienceId}/bookings`, {
    key,
    body,
    headers: { "Idempotency-Key": idempotencyKey },
  });
  return {
    status: res.status,
    replay: res.headers.get("Idempotent-Replay"),
    text: await res.text(),
  };
}

async function confirmedIn(key: string, sessionId: string) {
  const res = await callJson("GET", `/v1/bookings?session_id=${sessionId}&status=confirmed`, {
    key,
  });
  return res.body.pagination.total as number;
}

describe("Idempotency-Key on bookings (HTTP)", () => {
  it("creates one booking; the retry replays the 201 byte for byte with Idempotent-Replay: true", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 3);
    const body = bookingBody(sessionId, { quantity: 2 });
    const first = await rawBook(key, experienceId, body, "book-once-1");
    const second = await rawBook(key, experienceId, body, "book-once-1");
    expect(first).toMatchObject({ status: 201, replay: null });
    expect(second).toEqual({ status: 201, replay: "true", text: first.text });
    expect(await confirmedIn(key, sessionId)).toBe(1);
  });

  it("replays a stored 409 session_full even after seats free up", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { default_capacity: 1 },
    });
    const sessionId = futureSessionId(recurrenceId, 3);
    const holder = await bookOk(key, experienceId, bookingBody(sessionId));
    const refused = await rawBook(key, experienceId, bookingBody(sessionId), "full-1");
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.text)).toMatchObject({ code: "session_full" });
    await cancelOk(key, holder.id);
    const replayed = await rawBook(key, experienceId, bookingBody(sessionId), "full-1");
    expect(replayed).toEqual({ status: 409, replay: "true", text: refused.text });
    expect((await rawBook(key, experienceId, bookingBody(sessionId), "full-2")).status).toBe(201);
  });

  it("answers 422 idempotency_key_reused to the same key with another body", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 3);
    expect((await rawBook(key, experienceId, bookingBody(sessionId), "reuse-1")).status).toBe(201);
    const other = await rawBook(
      key,
      experienceId,
      bookingBody(sessionId, { quantity: 2 }),
      "reuse-1",
    );
    expect(other.status).toBe(422);
    expect(JSON.parse(other.text).code).toBe("idempotency_key_reused");
    expect(await confirmedIn(key, sessionId)).toBe(1);
  });

  it("keeps keys apart per API key", async () => {
    const key = await freshKey(orgId);
    const otherKey = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const body = bookingBody(futureSessionId(recurrenceId, 3));
    const mine = await rawBook(key, experienceId, body, "shared-value");
    const theirs = await rawBook(otherKey, experienceId, body, "shared-value");
    expect([mine.status, theirs.status, theirs.replay]).toEqual([201, 201, null]);
    expect(JSON.parse(mine.text).data.id).not.toBe(JSON.parse(theirs.text).data.id);
  });

  it("replays a cancel's 200 instead of answering 409", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const booking = await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3)));
    const cancel = () =>
      call("POST", `/v1/bookings/${booking.id}/cancel`, {
        key,
        headers: { "Idempotency-Key": "cancel-1" },
      });
    const first = await cancel();
    const firstBody = await readJson(first);
    const second = await cancel();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers.get("Idempotent-Replay")).toBe("true");
    expect(await readJson(second)).toEqual(firstBody);
  });

  it("leaves a 400 unstored: the corrected retry with the same key runs", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 3);
    const invalid = await book(key, experienceId, bookingBody(sessionId, { quantity: 0 }), {
      "Idempotency-Key": "fix-1",
    });
    expect(invalid.status).toBe(400);
    const fixed = await book(key, experienceId, bookingBody(sessionId), {
      "Idempotency-Key": "fix-1",
    });
    expect(fixed.status).toBe(201);
  });
});

describe("crash safety: the key is recorded with the booking in D1 (controlled clock)", () => {
  const START = Date.UTC(2030, 0, 7, 7);

  async function session2030() {
    const { experienceId, recurrenceId } = await createBookableExperience({
      key: await freshKey(orgId),
      recurrence: { start_date: "2030-01-01" },
    });
    return { experienceId, sessionId: sessionIdOf(recurrenceId, "2030-01-07", "07:00") };
  }

  it("a re-execution under the same key returns the original booking instead of a second one", async () => {
    const { experienceId, sessionId } = await session2030();
    const scope = { scope: "key:crash-test", key: `create-${sessionId}` };
    const now = START - 5 * DAY_MS;
    const first = await services.book(orgId, experienceId, now, { session_id: sessionId }, scope);
    const again = await services.book(
      orgId,
      experienceId,
      now + 1000,
      { session_id: sessionId },
      scope,
    );
    expect(again).toEqual(first);
    expect(first.status).toBe("confirmed");
    expect(await confirmedIn(await freshKey(orgId), sessionId)).toBe(1);
  });

  it("a key older than 24 h is free again and books afresh", async () => {
    const { experienceId, sessionId } = await session2030();
    const scope = { scope: "key:crash-test", key: `expired-${sessionId}` };
    const old = await services.book(
      orgId,
      experienceId,
      START - 20 * DAY_MS,
      { session_id: sessionId },
      scope,
    );
    // The key's age is read against the service's clock, 25 h after the first booking.
    const fresh = await services.book(
      orgId,
      experienceId,
      START - 20 * DAY_MS + 25 * HOUR_MS,
      { session_id: sessionId },
      scope,
    );
    expect(fresh.status).toBe("confirmed");
    expect(fresh.id).not.toBe(old.id);
  });

  it("a re-executed cancel returns the cancelled booking, not 409", async () => {
    const { experienceId, sessionId } = await session2030();
    const booking = await services.book(orgId, experienceId, START - 5 * DAY_MS, {
      session_id: sessionId,
    });
    const scope = { scope: "key:crash-test", key: `cancel-${booking.id}` };
    const first = await services.cancel(orgId, booking.id, START - 4 * DAY_MS, scope);
    const again = await services.cancel(orgId, booking.id, START - 4 * DAY_MS + 1000, scope);
    expect(again).toEqual(first);
    expect(first.status).toBe("cancelled");
  });

  it("a key recorded for a booking create is not taken for a cancel (422 idempotency_key_reused)", async () => {
    const { experienceId, sessionId } = await session2030();
    const scope = { scope: "key:crash-test", key: `mixed-${sessionId}` };
    const booking = await services.book(
      orgId,
      experienceId,
      START - 5 * DAY_MS,
      { session_id: sessionId },
      scope,
    );
    expect(
      await rejectionOf(services.cancel(orgId, booking.id, START - 5 * DAY_MS + 1000, scope)),
    ).toMatchObject({
      status: 422,
      code: "idempotency_key_reused",
    });
  });
});
