import { expect } from "vitest";
import { call, callJson } from "./http";
import { createBookableExperience, freshKey, futureSessionId, slotsOf } from "./scheduling";
import { dateOfSession } from "./sessions";

/** A fresh key and an experience of the organization; its session 3 days ahead at 07:00 UTC. */
export async function sessionFixture(orgId: string, experience: Record<string, unknown>) {
  const key = await freshKey(orgId);
  const created = await createBookableExperience({ key, experience });
  return { key, ...created, sessionId: futureSessionId(created.recurrenceId, 3) };
}

export function hold(key: string, experienceId: string, body: Record<string, unknown>) {
  return callJson("POST", `/v1/experiences/${experienceId}/holds`, { key, body });
}

/** POSTs a hold and expects 201; returns the hold. */
export async function holdOk(key: string, experienceId: string, body: Record<string, unknown>) {
  const res = await hold(key, experienceId, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

export async function getHoldOk(key: string, holdId: string) {
  const res = await callJson("GET", `/v1/holds/${holdId}`, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

export function releaseHold(key: string, holdId: string) {
  return call("DELETE", `/v1/holds/${holdId}`, { key });
}

/** The slot of one session of the daily UTC test recurrence, as GET …/slots shows it. */
export async function slotOf(key: string, experienceId: string, sessionId: string) {
  const day = dateOfSession(sessionId);
  const slots = await slotsOf(key, experienceId, {
    from: day,
    to: day,
    timezone: "UTC",
    include_unbookable: "true",
  });
  const slot = slots.find((s) => s.session_id === sessionId);
  expect(slot, `no slot ${sessionId}`).toBeDefined();
  return slot as NonNullable<typeof slot>;
}

/** Bookings of a session with the given status (comma list), through GET /v1/bookings. */
export async function bookingsOf(key: string, sessionId: string, status: string) {
  const res = await callJson(
    "GET",
    `/v1/bookings?session_id=${sessionId}&status=${status}&page_size=200`,
    { key },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as Array<{ id: string; quantity: number; status: string }>;
}

export const seatsOf = (bookings: Array<{ quantity: number }>) =>
  bookings.reduce((sum, booking) => sum + booking.quantity, 0);
