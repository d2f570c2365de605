import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { Seed } from "./seed";

// biome-ignore lint/suspicious/noExplicitAny: wire payloads are read field by field
type Json = any;

export async function fillDetails(page: Page, seats: string) {
  await page.fill("#name", "Jamie Rivera");
  await page.fill("#email", "jamie@example.com");
  await page.fill("#phone", "+49 151 2345 6789");
  await page.selectOption("#quantity", seats);
}

export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The local date in a session ID (§8: ses_<rec>_<YYYYMMDD>_<HHMM>). */
export function sessionDate(sessionId: string): string {
  const ymd = sessionId.split("_").at(-2) ?? "";
  return `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
}

const WALK_IN = { name: "Walk-in", email: "walkin@example.com", phone: "+4930123456" };

/** Calls against the running Worker, as other visitors and the studio would make them. */
export function bookingApi(base: URL, seed: Seed) {
  const slotsQuery = (sessionId: string) => {
    const date = sessionDate(sessionId);
    return `from=${date}&to=${date}&timezone=Europe/Berlin&include_unbookable=true`;
  };

  /** The session's slot as the public slots API reports it (seats_held, waitlist_size…). */
  async function publicSlot(experienceId: string, sessionId: string): Promise<Json> {
    const url = new URL(`/public/experiences/${experienceId}/slots?${slotsQuery(sessionId)}`, base);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const slots: Json[] = (await res.json()).data;
    return slots.find((slot) => slot.session_id === sessionId);
  }

  /** Waits (briefly) until the public slots API reports `seats` held in the session. */
  async function expectSeatsHeld(experienceId: string, sessionId: string, seats: number) {
    await expect
      .poll(async () => (await publicSlot(experienceId, sessionId)).seats_held, {
        timeout: 5000,
        interval: 400,
      })
      .toBe(seats);
  }

  /** Takes every seat left in a session through the integration API, as other visitors would. */
  async function fillSession(sessionId: string, experienceId = seed.experienceId) {
    const slots = await seed.v1(
      "GET",
      `/experiences/${experienceId}/slots?${slotsQuery(sessionId)}`,
    );
    const slot = slots.find((s: { session_id: string }) => s.session_id === sessionId);
    for (let left = slot.seats_available; left > 0; left -= 2) {
      await seed.v1("POST", `/experiences/${experienceId}/bookings`, {
        session_id: sessionId,
        quantity: Math.min(2, left),
        contact: WALK_IN,
      });
    }
  }

  /** Joins the session's waitlist through the integration API (the experience must enable it). */
  async function joinWaitlist(sessionId: string, experienceId: string) {
    return seed.v1("POST", `/experiences/${experienceId}/bookings`, {
      session_id: sessionId,
      join_waitlist: true,
      contact: WALK_IN,
    });
  }

  return { publicSlot, expectSeatsHeld, fillSession, joinWaitlist };
}
