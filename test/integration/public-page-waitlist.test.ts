import { describe, expect, it } from "vitest";
import { callJson } from "../helpers/http";
import { publicClient, publicFixture } from "../helpers/public";
import { bookingBody, bookOk, futureSessionId } from "../helpers/scheduling";

/** The server-rendered pill of one session: its label's class, its radio and its texts. */
async function renderedPill(experienceId: string, sessionId: string) {
  const res = await publicClient().raw("GET", `/book/${experienceId}?tz=UTC`, {
    headers: { "accept-language": "en-GB" },
  });
  expect(res.status).toBe(200);
  const html = await res.text();
  const pills = [...html.matchAll(/<label class="(slot[^"]*)">([\s\S]*?)<\/label>/g)];
  const pill = pills.find(([, , inner = ""]) => inner.includes(`value="${sessionId}"`));
  expect(pill, `the page lists ${sessionId}`).toBeDefined();
  const [, className = "", inner = ""] = pill ?? [];
  const input = inner.match(/<input[^>]*>/)?.[0] ?? "";
  return {
    html,
    className,
    disabled: / disabled=""/.test(input),
    state: input.match(/ data-state="([^"]+)"/)?.[1],
    held: input.match(/ data-held="([^"]+)"/)?.[1],
    waitlist: input.match(/ data-waitlist="([^"]+)"/)?.[1],
    ariaLabel: input.match(/ aria-label="([^"]+)"/)?.[1] ?? "",
    seats: inner.match(/<span class="slot-seats">([^<]+)</)?.[1],
    offer: inner.match(/<span class="slot-waitlist">([^<]+)</)?.[1],
  };
}

async function holdOk(key: string, experienceId: string, sessionId: string, quantity: number) {
  const res = await callJson("POST", `/v1/experiences/${experienceId}/holds`, {
    key,
    body: { session_id: sessionId, quantity },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

const waitlistSetup = (max_size: number) => ({
  experience: {
    default_capacity: 2,
    max_booking_quantity: 2,
    waitlist: { enabled: true, max_size },
  },
});

/** A capacity-2 session booked full, with one booking on its waitlist. */
async function fullSessionWithOneWaiting(maxSize: number) {
  const { key, experienceId, recurrenceId } = await publicFixture(waitlistSetup(maxSize));
  const sessionId = futureSessionId(recurrenceId, 3, "07:00");
  await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 2 }));
  await bookOk(key, experienceId, bookingBody(sessionId, { join_waitlist: true }));
  return { experienceId, sessionId };
}

describe("GET /book/{experience_id}: holds and waitlists (§14)", () => {
  it("offers the waitlist of a full session: selectable, marked full, with its size", async () => {
    const { experienceId, sessionId } = await fullSessionWithOneWaiting(5);

    const pill = await renderedPill(experienceId, sessionId);
    expect(pill).toMatchObject({
      className: "slot full waitlist",
      disabled: false,
      state: "waitlist",
      waitlist: "1",
      seats: "Full",
      offer: "Join the waitlist",
    });
    expect(pill.ariaLabel).toMatch(/, full, waitlist open, 1 waiting$/);
    expect(pill.html).toContain('data-waitlist-enabled="true"');
    expect(pill.html).toContain('data-waitlist-max-size="5"');
    expect(pill.html).toContain('id="waitlist-note"');
  });

  it("shows a session whose waitlist is full as plainly full and disabled", async () => {
    const { experienceId, sessionId } = await fullSessionWithOneWaiting(1);

    const pill = await renderedPill(experienceId, sessionId);
    expect(pill).toMatchObject({ className: "slot full", disabled: true, state: "full" });
    expect(pill.offer).toBeUndefined();
    expect(pill.ariaLabel).toMatch(/, full$/);
  });

  it("counts held seats as taken: seats left, then full, without a waitlist when disabled", async () => {
    const { key, experienceId, recurrenceId } = await publicFixture({
      experience: { default_capacity: 3, max_booking_quantity: 3 },
    });
    const sessionId = futureSessionId(recurrenceId, 4, "18:30");
    await holdOk(key, experienceId, sessionId, 2);
    expect(await renderedPill(experienceId, sessionId)).toMatchObject({
      className: "slot few",
      state: "open",
      held: "2",
      seats: "1 seat left",
    });

    await holdOk(key, experienceId, sessionId, 1);
    const full = await renderedPill(experienceId, sessionId);
    expect(full).toMatchObject({
      className: "slot full",
      disabled: true,
      held: "3",
      seats: "Full",
    });
    expect(full.html).toContain('data-waitlist-enabled="false"');
  });

  it("shows a waitlisted booking's manage page as on the waitlist, and cancellable", async () => {
    const { key, experienceId, recurrenceId } = await publicFixture(waitlistSetup(5));
    const sessionId = futureSessionId(recurrenceId, 3, "07:00");
    await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 2 }));
    const client = publicClient();
    const res = await client.json("POST", `/public/experiences/${experienceId}/bookings`, {
      body: bookingBody(sessionId, { join_waitlist: true }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({ status: "waitlisted", waitlist_position: 1 });

    const manage = new URL(res.body.data.manage_url);
    const page = await client.raw("GET", `${manage.pathname}${manage.search}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<span class="badge badge-waitlisted">On the waitlist</span>');
    expect(html).toContain("You are on the waitlist. If a seat frees up");
    expect(html).toContain('id="cancel-booking"');
  });
});
