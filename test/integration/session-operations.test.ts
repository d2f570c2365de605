import { beforeAll, describe, expect, it } from "vitest";
import { eventsOf } from "../helpers/events";
import { callJson } from "../helpers/http";
import {
  book,
  bookingBody,
  bookOk,
  createBookableExperience,
  freshKey,
  futureSessionId,
  sessionIdOf,
  slotsOf,
  utcDate,
} from "../helpers/scheduling";
import { cancelSession, dateOfSession, restoreSession, sessionPath } from "../helpers/sessions";
import { createTenant } from "../helpers/tenants";

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});

describe("POST /v1/experiences/{id}/sessions/{session_id}/cancel", () => {
  it("cancels the session and all its bookings refund-eligible, in one request; the slot is unbookable", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 3);
    const a = await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 2 }));
    const b = await bookOk(key, experienceId, bookingBody(sessionId));
    const res = await cancelSession(key, experienceId, sessionId, { reason: "Teacher ill" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({
      session_id: sessionId,
      recurrence_id: recurrenceId,
      experience_id: experienceId,
      status: "cancelled",
      cancel_reason: "Teacher ill",
      cancelled_at: expect.any(String),
      bookings_cancelled: 2,
    });
    for (const id of [a.id, b.id]) {
      const read = await callJson("GET", `/v1/bookings/${id}`, { key });
      expect(read.body.data).toMatchObject({ status: "cancelled", refund_eligible: true });
    }
    const day = dateOfSession(sessionId);
    const slots = await slotsOf(key, experienceId, {
      from: day,
      to: day,
      include_unbookable: "true",
    });
    expect(slots.find((s) => s.session_id === sessionId)).toMatchObject({
      bookable: false,
      unbookable_reason: "cancelled",
    });
    const bookable = await slotsOf(key, experienceId, { from: day, to: day });
    expect(bookable.map((s) => s.session_id)).not.toContain(sessionId);
    const detail = await callJson("GET", sessionPath(experienceId, sessionId), { key });
    expect(detail.body.data).toMatchObject({
      status: "cancelled",
      bookings_cancelled: 2,
      seats_booked: 0,
      seats_held: 0,
      waitlist_size: 0,
      bookings: [a.id, b.id],
    });
  });

  it("refuses bookings of a cancelled session with 422 session_unavailable (cancelled); restore reopens it", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 4);
    expect((await cancelSession(key, experienceId, sessionId)).status).toBe(200);
    const refused = await book(key, experienceId, bookingBody(sessionId));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: "session_unavailable",
      details: { reason: "cancelled" },
    });
    const again = await cancelSession(key, experienceId, sessionId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("session_already_cancelled");
    // No fields: a field sent by mistake is named, not ignored (§1 strict bodies).
    const stray = await callJson("POST", `${sessionPath(experienceId, sessionId)}/restore`, {
      key,
      body: { reason: "oops" },
    });
    expect(stray.status).toBe(400);
    expect(stray.body.details.fieldErrors).toHaveProperty("reason");
    const restored = await restoreSession(key, experienceId, sessionId);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.data).toMatchObject({
      status: "scheduled",
      cancelled_at: null,
      bookings_cancelled: 0,
    });
    const notCancelled = await restoreSession(key, experienceId, sessionId);
    expect(notCancelled.status).toBe(409);
    expect(notCancelled.body.code).toBe("session_not_cancelled");
    await bookOk(key, experienceId, bookingBody(sessionId));
  });

  it("422 session_started for a session that began; 404 for one the rule does not produce", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const yesterday = sessionIdOf(recurrenceId, utcDate(Date.now() - 86_400_000), "07:00");
    const started = await cancelSession(key, experienceId, yesterday);
    expect(started.status).toBe(422);
    expect(started.body.code).toBe("session_started");
    const unknown = sessionIdOf(recurrenceId, utcDate(Date.now() + 3 * 86_400_000), "09:15");
    expect((await cancelSession(key, experienceId, unknown)).status).toBe(404);
    expect((await callJson("GET", sessionPath(experienceId, unknown), { key })).status).toBe(404);
  });

  it("a booking racing the cancellation is either cancelled with it or refused, never left confirmed", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 5);
    const [cancel, ...bookings] = await Promise.all([
      cancelSession(key, experienceId, sessionId),
      ...Array.from({ length: 8 }, () => book(key, experienceId, bookingBody(sessionId))),
    ]);
    expect(cancel?.status).toBe(200);
    for (const res of bookings) {
      if (res.status === 201) {
        const read = await callJson("GET", `/v1/bookings/${res.body.data.id}`, { key });
        expect(read.body.data.status).toBe("cancelled");
      } else {
        expect(res.body).toMatchObject({
          code: "session_unavailable",
          details: { reason: "cancelled" },
        });
      }
    }
    const landed = bookings.filter((r) => r.status === 201).length;
    expect(cancel?.body.data.bookings_cancelled).toBe(landed);
    const ofSession = (await eventsOf(key, "booking.cancelled")).filter(
      (e) => e.data.object.session_id === sessionId,
    );
    expect(ofSession.map((e) => e.data.object.id).sort()).toEqual(
      bookings
        .filter((r) => r.status === 201)
        .map((r) => r.body.data.id)
        .sort(),
    );
  });

  it("requires experiences:write to cancel or restore, experiences:read to read", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 7);
    const reader = await freshKey(orgId, { experiences: "read", bookings: "write" });
    const cancel = await cancelSession(reader, experienceId, sessionId);
    expect(cancel.status).toBe(403);
    expect(cancel.body.details.required).toBe("experiences:write");
    const restore = await restoreSession(reader, experienceId, sessionId);
    expect(restore.body.details.required).toBe("experiences:write");
    expect(
      (await callJson("GET", sessionPath(experienceId, sessionId), { key: reader })).status,
    ).toBe(200);
    const none = await freshKey(orgId, { bookings: "write" });
    const read = await callJson("GET", sessionPath(experienceId, sessionId), { key: none });
    expect(read.body.details.required).toBe("experiences:read");
  });

  it("replays an idempotent retry with the original body", async () => {
    const key = await freshKey(orgId);
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 6);
    await bookOk(key, experienceId, bookingBody(sessionId));
    const headers = { "Idempotency-Key": `cancel-${sessionId}` };
    const first = await cancelSession(key, experienceId, sessionId, { reason: "x" }, headers);
    const second = await cancelSession(key, experienceId, sessionId, { reason: "x" }, headers);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.res.headers.get("Idempotent-Replay")).toBe("true");
    expect(second.body).toEqual(first.body);
  });
});
