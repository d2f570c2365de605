import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  expireStartedWaitlists,
  promoteOpenWaitlists,
} from "../../src/features/waitlist/waitlist-sweeps";
import { bookingsOf } from "../helpers/holds";
import { callJson } from "../helpers/http";
import { travelTo } from "../helpers/idempotency";
import {
  book,
  bookingBody,
  bookOk,
  cancelOk,
  createBookableExperience,
  DAY_MS,
  freshKey,
  HOUR_MS,
  sessionIdOf,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

// A fixed session far from real time; the Worker's clock is moved around it.
const START = Date.UTC(2031, 5, 10, 7);

let orgId: string;
beforeAll(async () => {
  ({ orgId } = await createTenant("UTC"));
});
afterEach(() => {
  vi.useRealTimers();
});

/** Capacity 1, waitlist on, min_hours_before 2: one confirmed booking and one waitlisted. */
async function fullSessionWithWaitlist() {
  travelTo(START - 3 * DAY_MS);
  const key = await freshKey(orgId);
  const { experienceId, recurrenceId } = await createBookableExperience({
    key,
    experience: {
      default_capacity: 1,
      waitlist: { enabled: true },
      scheduling_rules: { booking_window: { min_hours_before: 2, max_days_ahead: 60 } },
    },
    recurrence: { start_date: "2031-06-01" },
  });
  const sessionId = sessionIdOf(recurrenceId, "2031-06-10", "07:00");
  const confirmed = await bookOk(key, experienceId, bookingBody(sessionId));
  const waiting = await bookOk(key, experienceId, bookingBody(sessionId, { join_waitlist: true }));
  expect(waiting.status).toBe("waitlisted");
  return { key, experienceId, sessionId, confirmed, waiting };
}

async function statusOf(key: string, bookingId: string) {
  const res = await callJson("GET", `/v1/bookings/${bookingId}`, { key });
  return res.body.data.status;
}

describe("promotion stops at min_hours_before; waitlisted bookings expire at the start", () => {
  it("promotes a cancellation exactly min_hours_before ahead", async () => {
    const { key, confirmed, waiting } = await fullSessionWithWaitlist();
    travelTo(START - 2 * HOUR_MS);
    await cancelOk(key, confirmed.id);
    expect(await statusOf(key, waiting.id)).toBe("confirmed");
  });

  it("does not promote inside min_hours_before, then expires the booking at the start", async () => {
    const { key, sessionId, confirmed, waiting } = await fullSessionWithWaitlist();
    travelTo(START - 2 * HOUR_MS + 1);
    await cancelOk(key, confirmed.id);
    await promoteOpenWaitlists(env, START - HOUR_MS);
    expect(await statusOf(key, waiting.id)).toBe("waitlisted");

    travelTo(START);
    // Reads show the expiry before the sweep has written it.
    expect(await statusOf(key, waiting.id)).toBe("expired");
    expect((await bookingsOf(key, sessionId, "expired")).map((b) => b.id)).toEqual([waiting.id]);
    expect(await bookingsOf(key, sessionId, "waitlisted")).toEqual([]);
    await expireStartedWaitlists(env, START);
    expect(await statusOf(key, waiting.id)).toBe("expired");
    expect((await bookingsOf(key, sessionId, "expired")).map((b) => b.id)).toEqual([waiting.id]);
    const cancel = await callJson("POST", `/v1/bookings/${waiting.id}/cancel`, { key });
    expect(cancel.status).toBe(409);
    expect(cancel.body).toMatchObject({
      code: "booking_not_cancellable",
      details: { status: "expired" },
    });
  });

  it("the expiry sweep leaves waitlisted bookings of sessions that have not started", async () => {
    const { key, waiting } = await fullSessionWithWaitlist();
    await expireStartedWaitlists(env, START - 1);
    travelTo(START - 1);
    expect(await statusOf(key, waiting.id)).toBe("waitlisted");
  });

  it("a new booking inside the window is refused before the waitlist is considered", async () => {
    const { key, experienceId, sessionId } = await fullSessionWithWaitlist();
    travelTo(START - HOUR_MS);
    const res = await book(key, experienceId, bookingBody(sessionId, { join_waitlist: true }));
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual({ reason: "too_soon" });
  });
});
