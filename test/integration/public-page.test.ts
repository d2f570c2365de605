import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { callJson } from "../helpers/http";
import { newClientIp, patchExperience, publicClient, publicFixture } from "../helpers/public";
import {
  bookingBody,
  bookOk,
  DAY_MS,
  futureSessionId,
  patchRecurrence,
  sessionIdOf,
  utcDate,
} from "../helpers/scheduling";

/** en-GB writes 24-hour ranges ("07:00–08:00"), which the assertions compare with the API's. */
async function page(path: string, acceptLanguage = "en-GB") {
  const res = await publicClient().raw("GET", path, {
    headers: { "accept-language": acceptLanguage },
  });
  return { res, status: res.status, html: await res.text() };
}

/** As Cloudflare's edge sends it: `request.cf.timezone` is the visitor's geolocated zone. */
async function pageFrom(path: string, cf: Partial<IncomingRequestCfProperties>) {
  const request = new Request(`https://api.test${path}`, {
    headers: { "cf-connecting-ip": newClientIp(), "accept-language": "en-GB" },
    cf,
  });
  const res = await exports.default.fetch(request);
  return { status: res.status, html: await res.text() };
}

interface RenderedSession {
  id: string;
  /** The start–end range as the page's locale writes it (tests use en-GB: "07:00–08:00"). */
  time: string;
  provider: string;
  seats: string;
  full: boolean;
  cancelled: boolean;
  disabled: boolean;
  start: string;
}

/** The server-rendered session list: local date → sessions, in page order. */
function renderedDays(html: string): Map<string, RenderedSession[]> {
  const list = html.match(/<div id="session-days"[\s\S]*?(?=<noscript>)/);
  expect(list, "the page has a session list").not.toBeNull();
  const days = new Map<string, RenderedSession[]>();
  for (const day of (list?.[0] ?? "").split('<div class="day"').slice(1)) {
    const date = day.match(/data-date="([^"]+)"/)?.[1] ?? "";
    const slots = [
      ...day.matchAll(/<label class="slot( full| few| cancelled)?">([\s\S]*?)<\/label>/g),
    ];
    days.set(
      date,
      slots.map(([, tone, inner = ""]) => ({
        id: inner.match(/ value="([^"]+)"/)?.[1] ?? "",
        time: inner.match(/<time class="slot-time"[^>]*>([^<]+)</)?.[1] ?? "",
        provider: inner.match(/<span class="slot-provider">([^<]+)</)?.[1] ?? "",
        seats: inner.match(/<span class="slot-seats">([^<]+)</)?.[1] ?? "",
        full: tone === " full",
        cancelled: tone === " cancelled",
        disabled: / disabled=""/.test(inner),
        start: inner.match(/ data-start="([^"]+)"/)?.[1] ?? "",
      })),
    );
  }
  return days;
}

const listZone = (html: string) => html.match(/id="session-days"[^>]*data-zone="([^"]+)"/)?.[1];
const selectedZone = (html: string) =>
  html.match(/<select id="timezone"[\s\S]*?<option value="([^"]+)" selected/)?.[1];

/** YYYY-MM-DD and HH:MM of an instant in a zone. */
function localParts(iso: string, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value;
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    time: `${get("hour")}:${get("minute")}`,
  };
}

/** Session IDs of a recurrence in the page's markup (every session_id is a radio's value). */
const idsOf = (html: string, recurrenceId: string) =>
  [...html.matchAll(new RegExp(`value="(ses_${recurrenceId.slice(4)}_[0-9_]+)"`, "g"))].map(
    (m) => m[1],
  );

/** A daily UTC recurrence with one session at 23:30 UTC: the next day in Tokyo and Berlin. */
const lateSessions = { recurrence: { session_templates: [{ start_time_of_day: "23:30" }] } };

const inputIds = (html: string) =>
  [...html.matchAll(/<input[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);

describe("GET /book/{experience_id}", () => {
  it("renders the experience: name, description, duration, location and price", async () => {
    const { experienceId } = await publicFixture({
      experience: {
        name: "Sunrise Yoga",
        description: "Gentle flow by the river",
        duration_minutes: 90,
        location: { type: "in_person", venue: "Boathouse", city: "Oxford" },
        pricing: { model: "per_session", currency: "GBP", amount: 12 },
      },
    });
    const { res, status, html } = await page(`/book/${experienceId}`);
    expect(status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    for (const text of [
      "Sunrise Yoga",
      "Gentle flow by the river",
      "1 h 30 min",
      "Boathouse",
      "Oxford",
      "£12.00 per seat",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`data-experience-id="${experienceId}"`);
    expect(html).toContain('data-organization-timezone="Europe/Berlin"');
    expect(html).toContain('<form id="booking-form"');
  });

  it("lists the bookable sessions up to the booking window in the HTML, grouped by day in the organization's zone", async () => {
    const { experienceId, recurrenceId } = await publicFixture();
    const { html } = await page(`/book/${experienceId}`);
    // max_days_ahead 60: today and the next 60 dates, in one request of the page script.
    const from = html.match(/id="session-days"[^>]*data-from="([^"]+)"/)?.[1] ?? "";
    const to = html.match(/id="session-days"[^>]*data-to="([^"]+)"/)?.[1] ?? "";
    expect(Date.parse(to) - Date.parse(from)).toBe(60 * DAY_MS);
    expect(html).toContain('data-range-days="61"');
    expect(listZone(html)).toBe("Europe/Berlin");
    expect(selectedZone(html)).toBe("Europe/Berlin");
    expect(html).toContain('<p id="sessions-status" class="status" role="status" hidden="">');

    // The oracle: the public slots API in the same zone (default range: today + 27 days).
    const res = await publicClient().json(
      "GET",
      `/public/experiences/${experienceId}/slots?include_unbookable=true&from=${from}&to=${to}`,
    );
    expect(res.status).toBe(200);
    const expected = new Map<string, { id: string; time: string }[]>();
    for (const slot of res.body.data) {
      if (!slot.bookable && slot.unbookable_reason !== "full") continue;
      const { date, time } = localParts(slot.start, "Europe/Berlin");
      const end = localParts(slot.end, "Europe/Berlin").time;
      expected.set(date, [
        ...(expected.get(date) ?? []),
        { id: slot.session_id, time: `${time}–${end}` },
      ]);
    }
    const days = renderedDays(html);
    expect(
      new Map([...days].map(([date, list]) => [date, list.map(({ id, time }) => ({ id, time }))])),
    ).toEqual(expected);
    expect(days.size).toBeGreaterThanOrEqual(60);
    expect(days.size).toBeLessThanOrEqual(61);

    // A day three days ahead: both sessions, in Berlin time (UTC+1 or +2), with their seats.
    const date = utcDate(Date.now() + 3 * DAY_MS);
    const morning = sessionIdOf(recurrenceId, date, "07:00");
    const evening = sessionIdOf(recurrenceId, date, "18:30");
    expect(days.get(date)?.map((s) => s.id)).toEqual([morning, evening]);
    expect(days.get(date)?.map((s) => s.time)).toEqual([
      expect.stringMatching(/^(08:00–09:00|09:00–10:00)$/),
      expect.stringMatching(/^(19:30–20:30|20:30–21:30)$/),
    ]);
    expect(days.get(date)?.[0]).toMatchObject({
      seats: "10 seats left",
      full: false,
      disabled: false,
    });
    expect(html).toContain(`data-session-id="${morning}"`);
    expect(html).toMatch(new RegExp(`<h3 id="day-${date}" aria-label="\\w+day \\d+ \\w+">`));
  });

  it("groups sessions by day in the zone of ?tz=, and keeps that zone selected", async () => {
    const { experienceId, recurrenceId } = await publicFixture(lateSessions);
    const date = utcDate(Date.now() + 3 * DAY_MS);
    const nextDate = utcDate(Date.now() + 4 * DAY_MS);
    const sessionId = sessionIdOf(recurrenceId, date, "23:30");

    const utc = await page(`/book/${experienceId}?tz=UTC`);
    expect(listZone(utc.html)).toBe("UTC");
    expect(renderedDays(utc.html).get(date)).toEqual([
      expect.objectContaining({ id: sessionId, time: "23:30 – 00:30" }),
    ]);

    const tokyo = await page(`/book/${experienceId}?tz=Asia/Tokyo`);
    expect(listZone(tokyo.html)).toBe("Asia/Tokyo");
    expect(selectedZone(tokyo.html)).toBe("Asia/Tokyo");
    expect(tokyo.html).toContain('data-zone-source="query"');
    const days = renderedDays(tokyo.html);
    expect(days.get(nextDate)).toEqual([
      expect.objectContaining({ id: sessionId, time: "08:30–09:30" }),
    ]);
    expect(days.get(date)?.map((s) => s.id)).not.toContain(sessionId);
    expect(tokyo.html).toContain(`datetime="${nextDate}T08:30:00.000+09:00"`);
  });

  it("falls back to the organization's zone when ?tz= is not a valid IANA zone", async () => {
    const { experienceId, recurrenceId } = await publicFixture(lateSessions);
    const date = utcDate(Date.now() + 3 * DAY_MS);
    const sessionId = sessionIdOf(recurrenceId, date, "23:30");
    // Too long to be any zone is invalid too: a fallback, not a 400 on an HTML page.
    const long = "x".repeat(500);
    for (const tz of ["Mars/Olympus_Mons", "%2B09:00", "", "Asia/Tokyo%3Cscript%3E", long]) {
      const { status, html } = await page(`/book/${experienceId}?tz=${tz}`);
      expect(status).toBe(200);
      expect(listZone(html)).toBe("Europe/Berlin");
      expect(html).toContain('data-zone-source="organization"');
      // 23:30 UTC is 00:30 or 01:30 of the next day in Berlin.
      expect(renderedDays(html).get(utcDate(Date.now() + 4 * DAY_MS))).toEqual([
        expect.objectContaining({
          id: sessionId,
          time: expect.stringMatching(/^0[01]:30–0[12]:30$/),
        }),
      ]);
    }
  });

  it("uses the visitor's zone from Cloudflare when there is no ?tz=, ignoring placeholders", async () => {
    const { experienceId, recurrenceId } = await publicFixture(lateSessions);
    const date = utcDate(Date.now() + 3 * DAY_MS);
    const sessionId = sessionIdOf(recurrenceId, date, "23:30");

    const visitor = await pageFrom(`/book/${experienceId}`, { timezone: "America/New_York" });
    expect(listZone(visitor.html)).toBe("America/New_York");
    expect(visitor.html).toContain('data-zone-source="visitor"');
    expect(renderedDays(visitor.html).get(date)).toEqual([
      expect.objectContaining({
        id: sessionId,
        time: expect.stringMatching(/^1[89]:30–(19|20):30$/),
      }),
    ]);

    const chosen = await pageFrom(`/book/${experienceId}?tz=Asia/Tokyo`, {
      timezone: "America/New_York",
    });
    expect(listZone(chosen.html)).toBe("Asia/Tokyo");

    for (const timezone of ["", "Unknown", "+01:00"]) {
      const placeholder = await pageFrom(`/book/${experienceId}`, { timezone });
      expect(listZone(placeholder.html)).toBe("Europe/Berlin");
    }
  });

  it("marks full sessions as full and disabled, and shows the seats left of the others", async () => {
    const { key, experienceId, recurrenceId } = await publicFixture({
      experience: { default_capacity: 2, max_booking_quantity: 2 },
    });
    const full = futureSessionId(recurrenceId, 3, "07:00");
    const oneLeft = futureSessionId(recurrenceId, 3, "18:30");
    await bookOk(key, experienceId, bookingBody(full, { quantity: 2 }));
    await bookOk(key, experienceId, bookingBody(oneLeft));

    const { html } = await page(`/book/${experienceId}?tz=UTC`);
    const day = renderedDays(html).get(utcDate(Date.now() + 3 * DAY_MS));
    expect(day).toEqual([
      expect.objectContaining({
        id: full,
        time: "07:00–08:00",
        seats: "Full",
        full: true,
        disabled: true,
      }),
      expect.objectContaining({ id: oneLeft, seats: "1 seat left", full: false, disabled: false }),
    ]);
    expect(html).toMatch(new RegExp(`value="${full}"[^>]*aria-label="[^"]*, full"`));
    expect(html).toMatch(
      new RegExp(`value="${oneLeft}"[^>]*aria-label="[^"]*18:30–19:30, 1 seat left"`),
    );
  });

  it("shows a session the studio cancelled as cancelled and disabled (§15)", async () => {
    const { key, experienceId, recurrenceId } = await publicFixture();
    const cancelled = futureSessionId(recurrenceId, 4, "07:00");
    const open = futureSessionId(recurrenceId, 4, "18:30");
    await bookOk(key, experienceId, bookingBody(cancelled));
    const res = await callJson(
      "POST",
      `/v1/experiences/${experienceId}/sessions/${cancelled}/cancel`,
      { key },
    );
    expect(res.status).toBe(200);

    const { html } = await page(`/book/${experienceId}?tz=UTC`);
    const day = renderedDays(html).get(utcDate(Date.now() + 4 * DAY_MS));
    expect(day).toEqual([
      expect.objectContaining({
        id: cancelled,
        seats: "Cancelled",
        cancelled: true,
        disabled: true,
      }),
      expect.objectContaining({
        id: open,
        seats: "10 seats left",
        cancelled: false,
        disabled: false,
      }),
    ]);
    expect(html).toMatch(new RegExp(`value="${cancelled}"[^>]*aria-label="[^"]*, cancelled"`));
    expect(html).toMatch(new RegExp(`value="${cancelled}"[^>]*data-state="cancelled"`));
  });

  it("leaves out past sessions and those of paused recurrences", async () => {
    const { key, experienceId, recurrenceId } = await publicFixture();
    const paused = await callJson("POST", `/v1/experiences/${experienceId}/recurrences`, {
      key,
      body: {
        timezone: "UTC",
        start_date: utcDate(Date.now() - DAY_MS),
        cadence: { frequency: "daily" },
        session_templates: [{ start_time_of_day: "12:00" }],
        status: "paused",
      },
    });
    expect(paused.status, JSON.stringify(paused.body)).toBe(201);

    const { html } = await page(`/book/${experienceId}?tz=UTC`);
    const rendered = [...renderedDays(html).values()].flat();
    expect(rendered.length).toBeGreaterThan(50);
    expect(idsOf(html, paused.body.data.id)).toEqual([]);
    expect(rendered.every((s) => Date.parse(s.start) > Date.now())).toBe(true);
    const yesterday = utcDate(Date.now() - DAY_MS);
    for (const time of ["07:00", "18:30"]) {
      expect(html).not.toContain(sessionIdOf(recurrenceId, yesterday, time));
    }

    await patchRecurrence(key, experienceId, recurrenceId, { status: "paused" });
    const none = await page(`/book/${experienceId}`);
    expect(renderedDays(none.html).size).toBe(0);
    expect(idsOf(none.html, recurrenceId)).toEqual([]);
    expect(none.html).toMatch(
      /<p id="sessions-status" class="status" role="status">No sessions are open for booking in this period.<\/p>/,
    );
  });

  it("switches zones without JavaScript and cannot send the booking form without it", async () => {
    const { experienceId } = await publicFixture();
    const { html } = await page(`/book/${experienceId}`);
    const zoneForm = html.match(/<form id="zone-form"[^>]*>[\s\S]*?<\/form>/)?.[0] ?? "";
    expect(zoneForm).toContain('method="get"');
    expect(zoneForm).toContain(`action="/book/${experienceId}"`);
    expect(zoneForm).toContain('<select id="timezone" name="tz">');
    expect(zoneForm).toContain('<option value="Asia/Tokyo">');
    expect(zoneForm).toMatch(/<button type="submit"[^>]*>Show<\/button>/);
    // Booking needs the script, which enables the button; the page says so.
    expect(html).toContain('<form id="booking-form" method="post" novalidate="">');
    expect(html).toMatch(/<button type="submit" id="submit-booking" [^>]*disabled=""/);
    expect(html).toMatch(/<noscript>[\s\S]*Booking needs JavaScript[\s\S]*<\/noscript>/);
  });

  it.each([
    ["none", ["name"]],
    ["email", ["name", "email"]],
    ["email_and_phone", ["name", "email", "phone"]],
  ])("asks exactly what required_contact_method %s requires", async (method, fields) => {
    const { experienceId } = await publicFixture({
      experience: { required_contact_method: method },
    });
    const { html } = await page(`/book/${experienceId}`);
    expect(inputIds(html)).toEqual(fields);
  });

  it("offers at most max_booking_quantity seats", async () => {
    const { experienceId } = await publicFixture({ experience: { max_booking_quantity: 3 } });
    const { html } = await page(`/book/${experienceId}`);
    const select = html.match(/<select id="quantity"[\s\S]*?<\/select>/)?.[0] ?? "";
    expect([...select.matchAll(/<option value="(\d+)"/g)].map((m) => m[1])).toEqual([
      "1",
      "2",
      "3",
    ]);
  });

  it("says registration is closed and shows no form when it is", async () => {
    const { key, experienceId } = await publicFixture();
    await patchExperience(key, experienceId, { registration_status: "closed" });
    const { status, html } = await page(`/book/${experienceId}`);
    expect(status).toBe(200);
    expect(html).toContain("Registration is closed");
    expect(html).not.toContain("<form");
    expect(html).not.toContain('id="session-days"');
  });

  it("is a friendly 404 page for inactive and unknown experiences", async () => {
    const { key, experienceId } = await publicFixture({ experience: { name: "Retired Class" } });
    await patchExperience(key, experienceId, { status: "inactive" });
    for (const path of [`/book/${experienceId}`, "/book/exp_unknown0000000000000"]) {
      const { res, status, html } = await page(path);
      expect(status).toBe(404);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(html).toContain("This experience is not available");
      expect(html).not.toContain("Retired Class");
    }
  });

  it("escapes user-controlled text", async () => {
    const { experienceId } = await publicFixture({
      experience: {
        name: '<script>alert("x")</script>',
        description: "<img src=x onerror=alert(1)>",
      },
    });
    const { html } = await page(`/book/${experienceId}`);
    expect(html).not.toContain('<script>alert("x")</script>');
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;");
  });

  it("redirects an old cancellation link to the booking's manage page", async () => {
    const { experienceId } = await publicFixture();
    const res = await exports.default.fetch(
      new Request(`https://api.test/book/${experienceId}?cancel=bkg_abc&token=t%22ok`, {
        headers: { "cf-connecting-ip": newClientIp() },
        redirect: "manual",
      }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/book/manage/bkg_abc?token=t%22ok");
  });

  it("pins its inline script and styles with a Content-Security-Policy and is never cached", async () => {
    const { experienceId } = await publicFixture();
    const { res } = await page(`/book/${experienceId}`);
    const policy = res.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("form-action 'self'");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("is rate limited per client IP", async () => {
    const { experienceId } = await publicFixture();
    const client = publicClient();
    // 60 per 10-second window; the 61 calls may straddle two windows, so allow a second one.
    let allowed = 0;
    while (allowed <= 120 && (await client.raw("GET", `/book/${experienceId}`)).status === 200) {
      allowed++;
    }
    expect(allowed).toBeGreaterThanOrEqual(60);
    expect(allowed).toBeLessThanOrEqual(120);
  });
});
