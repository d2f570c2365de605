import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eventsOf } from "../helpers/events";
import { storeFor } from "../helpers/idempotency";
import {
  bookingBody,
  bookOk,
  createBookableExperience,
  futureSessionId,
} from "../helpers/scheduling";
import { cancelSession, reschedule, restoreSession } from "../helpers/sessions";
import { createTenant } from "../helpers/tenants";

/** The replay record is lost (the Worker died before completing it); the D1 key row is not. */
function loseReplayRecord(keyId: string, idempotencyKey: string) {
  return runInDurableObject(storeFor(keyId, idempotencyKey), (_instance, state) =>
    state.storage.deleteAll(),
  );
}

describe("session operations: crash-safe retries (§7)", () => {
  it("a retried reschedule returns the moved booking instead of moving or refusing again", async () => {
    const { key, keyId } = await createTenant("UTC");
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const booking = await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3)));
    const headers = { "Idempotency-Key": "lost-move" };
    const body = { session_id: futureSessionId(recurrenceId, 4) };
    const first = await reschedule(key, booking.id, body, headers);
    expect(first.status).toBe(200);
    await loseReplayRecord(keyId, "lost-move");
    const retry = await reschedule(key, booking.id, body, headers);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await eventsOf(key, "booking.rescheduled")).toHaveLength(1);
  });

  it("a retried session cancel and restore return their session, writing nothing twice", async () => {
    const { key, keyId } = await createTenant("UTC");
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 3);
    await bookOk(key, experienceId, bookingBody(sessionId));
    const cancelHeaders = { "Idempotency-Key": "lost-cancel" };
    const first = await cancelSession(key, experienceId, sessionId, {}, cancelHeaders);
    expect(first.body.data.bookings_cancelled).toBe(1);
    await loseReplayRecord(keyId, "lost-cancel");
    const retry = await cancelSession(key, experienceId, sessionId, {}, cancelHeaders);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);

    const restoreHeaders = { "Idempotency-Key": "lost-restore" };
    const restored = await restoreSession(key, experienceId, sessionId, restoreHeaders);
    expect(restored.status).toBe(200);
    await loseReplayRecord(keyId, "lost-restore");
    const again = await restoreSession(key, experienceId, sessionId, restoreHeaders);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(restored.body);
    const types = (await eventsOf(key, "session.cancelled,session.restored,booking.cancelled"))
      .map((e) => e.type)
      .sort();
    expect(types).toEqual(["booking.cancelled", "session.cancelled", "session.restored"]);
  });
});
