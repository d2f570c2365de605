import { describe, expect, it } from "vitest";
import { call } from "../helpers/http";
import {
  bookingBody,
  bookOk,
  cancelOk,
  createBookableExperience,
  futureSessionId,
} from "../helpers/scheduling";
import { cancelSession, reschedule } from "../helpers/sessions";
import { createTenant } from "../helpers/tenants";

// §13: a booking's .ics carries a SEQUENCE that calendar clients compare before applying an
// update: it must grow with every change, however close together (RFC 5545 §3.8.7.4).

async function calendarOf(key: string, bookingId: string) {
  const res = await call("GET", `/v1/bookings/${bookingId}/calendar.ics`, { key });
  expect(res.status).toBe(200);
  const text = await res.text();
  return {
    sequence: Number(/^SEQUENCE:(\d+)\r$/m.exec(text)?.[1]),
    start: /^DTSTART:(\S+)\r$/m.exec(text)?.[1],
    status: /^STATUS:(\S+)\r$/m.exec(text)?.[1],
  };
}

describe("the SEQUENCE of a booking's .ics", () => {
  it("grows with each change made within the same second: two reschedules and a cancel", async () => {
    const { key } = await createTenant("Europe/Berlin");
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const booking = await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3)));
    const seen = [await calendarOf(key, booking.id)];
    for (const daysAhead of [4, 5]) {
      const moved = await reschedule(key, booking.id, {
        session_id: futureSessionId(recurrenceId, daysAhead),
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      seen.push(await calendarOf(key, booking.id));
    }
    await cancelOk(key, booking.id);
    seen.push(await calendarOf(key, booking.id));

    expect(seen.map((ics) => ics.sequence)).toEqual([0, 1, 2, 3]);
    expect(new Set(seen.slice(0, 3).map((ics) => ics.start)).size).toBe(3);
    expect(seen.map((ics) => ics.status)).toEqual([
      "CONFIRMED",
      "CONFIRMED",
      "CONFIRMED",
      "CANCELLED",
    ]);
  });

  it("grows when a waitlisted booking is promoted, and again when its session is cancelled", async () => {
    const { key } = await createTenant("Australia/Adelaide");
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { default_capacity: 1, waitlist: { enabled: true, max_size: 3 } },
    });
    const sessionId = futureSessionId(recurrenceId, 3);
    const seated = await bookOk(key, experienceId, bookingBody(sessionId));
    const waiting = await bookOk(
      key,
      experienceId,
      bookingBody(sessionId, { join_waitlist: true }),
    );
    expect(waiting.status).toBe("waitlisted");
    const seen = [await calendarOf(key, waiting.id)];
    await cancelOk(key, seated.id);
    seen.push(await calendarOf(key, waiting.id));
    const cancelled = await cancelSession(key, experienceId, sessionId, { reason: "Storm" });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    seen.push(await calendarOf(key, waiting.id));

    expect(seen.map((ics) => ics.status)).toEqual(["TENTATIVE", "CONFIRMED", "CANCELLED"]);
    expect(seen.map((ics) => ics.sequence)).toEqual([0, 1, 2]);
  });
});
