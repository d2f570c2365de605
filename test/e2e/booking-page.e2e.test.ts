import { mkdirSync } from "node:fs";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bookingApi, fillDetails, nextDate, sessionDate } from "./booking-tools";
import { launchChromium } from "./browser";
import { type LocalWorker, startLocalWorker } from "./local-worker";
import {
  chooseSession,
  DESKTOP,
  expectAccessible,
  listedSessions,
  MOBILE,
  openSessionFrom,
  SCREENSHOTS,
  screenshot,
  type Viewport,
} from "./page-tools";
import { type Seed, seedExperience } from "./seed";

let worker: LocalWorker;
let browser: Browser;
let seed: Seed;
let calls: ReturnType<typeof bookingApi>;
/** Console errors other than the expected 4xx answers, e.g. a Content-Security-Policy block. */
let consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [worker, browser] = await Promise.all([
    startLocalWorker(),
    // Fails, never skips, when no Chromium launches (./browser.ts).
    launchChromium(),
  ]);
  seed = await seedExperience(worker.url);
  calls = bookingApi(worker.url, seed);
});

afterEach(() => {
  expect(consoleErrors).toEqual([]);
  consoleErrors = [];
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

async function newPage(options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", ...options });
  const page = await context.newPage();
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      consoleErrors.push(message.text());
    }
  });
  return page;
}

const bookingUrl = (query = "") => new URL(`/book/${seed.experienceId}${query}`, worker.url).href;

/**
 * Opens the page and waits until its script has taken over the server-rendered list in the
 * expected zone (the browser's, unless `?tz=` chose one) and drawn the week picker.
 */
async function openBookingPage(
  options: BrowserContextOptions & { timezoneId: string },
  query = "",
  zone = options.timezoneId,
): Promise<Page> {
  const page = await newPage(options);
  await page.goto(bookingUrl(query));
  await page.locator(`#session-days[data-zone="${zone}"]:not([aria-busy])`).waitFor();
  await page.locator(".week-day[aria-pressed=true]").waitFor();
  return page;
}

/** Books through the public API, as the page does: the 201 carries the manage link. */
async function bookPublicly(sessionId: string) {
  const res = await fetch(
    new URL(`/public/experiences/${seed.experienceId}/bookings`, worker.url),
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        session_id: sessionId,
        contact: { name: "Sam Lee", email: "sam@example.com", phone: "+4915112345678" },
      }),
    },
  );
  expect(res.status).toBe(201);
  return (await res.json()).data as { id: string; cancel_token: string; manage_url: string };
}

/** A session a few days ahead (past any cut-off), from the v1 slots of the seed. */
async function sessionDaysAhead(days: number, nth = 0) {
  const from = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const slots = await seed.v1(
    "GET",
    `/experiences/${seed.experienceId}/slots?from=${from}&to=${nextDate(nextDate(from))}`,
  );
  return slots[nth].session_id as string;
}

async function bookingFlow(viewport: Viewport) {
  const page = await openBookingPage({ timezoneId: "America/New_York", ...viewport.options });
  expect(await page.locator("h1").textContent()).toBe("Vinyasa Flow");
  expect(await page.locator(".eyebrow").textContent()).toBe("Riverside Studio");
  expect(await page.locator(".with").textContent()).toBe("with Ada Lovelace and Grace Hopper");
  expect(await page.locator("#price").textContent()).toContain("€18.50 per seat");
  expect(await page.locator("#timezone").inputValue()).toBe("America/New_York");
  expect(await page.locator("#subscribe-webcal").getAttribute("href")).toBe(
    `webcal://${worker.url.host}/public/experiences/${seed.experienceId}/calendar.ics`,
  );
  await expectAccessible(page);
  await screenshot(page, viewport, "1-booking");

  // The session is picked by the clock: more than a day ahead, so the refund assertion holds.
  const sessionId = await openSessionFrom(page, 26);
  await chooseSession(page, sessionId);
  const pill = page.locator(`label.slot:has(input[value="${sessionId}"])`);
  expect(await pill.locator(".slot-time").textContent()).toMatch(/^\d+:\d\d\s?(AM|PM)?\s?–/);
  expect(await pill.locator(".slot-provider").textContent()).toMatch(
    /^(Ada Lovelace|Grace Hopper)$/,
  );
  expect(await pill.locator(".slot-seats").textContent()).toMatch(/^\d seats? left$/);
  // Picking the session holds a seat for the visitor while the form is open (§14).
  await page.locator("#hold-status", { hasText: "holding 1 seat for you until" }).waitFor();
  expect(await page.locator("#hold-timer").textContent()).toMatch(/^(10:00|9:[0-5]\d) left$/);
  await calls.expectSeatsHeld(seed.experienceId, sessionId, 1);
  await page.fill("#phone", "0151 2345");
  await page.click("#submit-booking");
  await page.locator("#phone-error").waitFor();
  expect(await page.locator("#phone-error").textContent()).toContain("country code");
  await fillDetails(page, "2");
  expect(await page.locator("#selection-summary").textContent()).toContain("2 seats · €37.00");
  // Another quantity is held anew.
  await page.locator("#hold-status", { hasText: "holding 2 seats" }).waitFor();
  await calls.expectSeatsHeld(seed.experienceId, sessionId, 2);
  const holdId = (await page.locator("#hold-status").getAttribute("data-hold-id")) ?? "";
  await screenshot(page, viewport, "2-form");

  await page.click("#submit-booking");
  await page.locator("#confirmation").waitFor({ state: "visible" });
  expect(await page.locator("#confirm-seats").textContent()).toBe("2 seats");
  expect(await page.locator("#confirm-total").textContent()).toBe("€37.00");
  expect(await page.locator("#confirm-when").textContent()).toContain("America/New York");
  const booked = await seed.v1("GET", `/bookings?session_id=${sessionId}&status=confirmed`);
  const mine = booked.find((b: { contact: { name: string } }) => b.contact.name === "Jamie Rivera");
  expect(mine).toMatchObject({
    quantity: 2,
    contact: { name: "Jamie Rivera", email: "jamie@example.com", phone: "+4915123456789" },
  });
  // The booking is the hold converted: its seats moved to the booking, none is held any more.
  expect(await seed.v1("GET", `/holds/${holdId}`)).toMatchObject({
    status: "converted",
    booking_id: mine.id,
  });
  expect(await calls.publicSlot(seed.experienceId, sessionId)).toMatchObject({ seats_held: 0 });
  const calendar = (await page.locator("#calendar-link").getAttribute("href")) ?? "";
  expect(calendar).toContain(`/public/bookings/${mine.id}/calendar.ics?cancel_token=`);
  await expectAccessible(page);
  await screenshot(page, viewport, "3-confirmation");

  await Promise.all([page.waitForURL(/\/book\/manage\//), page.click("#manage-link")]);
  expect(await page.locator(".badge").textContent()).toBe("Confirmed");
  await expectAccessible(page);
  await screenshot(page, viewport, "4-manage");

  await Promise.all([page.waitForLoadState("load"), page.click("#cancel-booking")]);
  await page.locator(".badge", { hasText: "Cancelled" }).waitFor();
  expect(await page.locator("#manage-state").textContent()).toContain(
    "You are eligible for a refund.",
  );
  expect(await page.locator("#cancel-booking").count()).toBe(0);
  await expectAccessible(page);
  await screenshot(page, viewport, "5-cancelled");
  expect((await seed.v1("GET", `/bookings/${mine.id}`)).status).toBe("cancelled");
}

describe.each([DESKTOP, MOBILE])("booking page in Chromium, $name", (viewport) => {
  it("books, confirms, manages and cancels, with no serious axe violation", async () => {
    await bookingFlow(viewport);
  });

  it("says a session taken before it is picked is full: no hold, no booking", async () => {
    const page = await openBookingPage({ timezoneId: "Europe/Berlin", ...viewport.options });
    const takenId = await openSessionFrom(page, 30);
    await calls.fillSession(takenId);
    await chooseSession(page, takenId);
    await page.locator("#form-error", { hasText: "just filled up" }).waitFor();
    expect(await page.locator("#form-error").textContent()).toContain("Please choose another one.");
    const full = page.locator(`.slot.full:has(input[value="${takenId}"])`);
    await full.waitFor();
    expect(await full.locator(".slot-seats").textContent()).toBe("Full");
    expect(await full.locator("input").isDisabled()).toBe(true);
    expect(await page.locator("#hold-status").textContent()).toBe("");
    await expectAccessible(page);
    await screenshot(page, viewport, "6-full");
  });
});

describe("booking page in Chromium", () => {
  it("jumps through the range with the week picker, by keyboard too", async () => {
    const page = await openBookingPage({ timezoneId: "Europe/Berlin", ...DESKTOP.options });
    const weeks = await page
      .locator("#week-select option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    // max_days_ahead 60: today and 60 more dates, 9 or 10 weeks.
    expect(weeks.length).toBeGreaterThanOrEqual(9);
    const visibleDays = () => page.locator("#session-days .day:visible");
    expect(await visibleDays().count()).toBe(1);

    await page.click("#next-week");
    expect(await page.locator("#week-select").inputValue()).toBe(weeks[1]);
    const selected = page.locator(".week-day[aria-pressed=true]");
    const date = (await selected.getAttribute("data-date")) ?? "";
    expect(await visibleDays().getAttribute("data-date")).toBe(date);
    expect(await selected.textContent()).toMatch(/^\w{3}\d+, \d sessions? available$/);

    // Keyboard: the next day with sessions, then Enter (or Space) shows it.
    await selected.focus();
    await page.keyboard.press("ArrowRight");
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.date);
    expect(focused && focused > date).toBe(true);
    await page.keyboard.press("Enter");
    expect(await visibleDays().getAttribute("data-date")).toBe(focused);
    expect(
      await page.locator(`.week-day[data-date="${focused}"]`).getAttribute("aria-pressed"),
    ).toBe("true");

    await page.selectOption("#week-select", weeks.at(-1) ?? "");
    const last = await page.locator("#session-days").getAttribute("data-to");
    const lastWeekDays = await page
      .locator(".week-day")
      .evaluateAll((days) => days.map((d) => (d as HTMLElement).dataset.date ?? ""));
    expect(lastWeekDays).toContain(last);
    expect(await page.locator("#next-week").isDisabled()).toBe(true);
    await listedSessions(page);
  });

  it("formats every date and amount in the visitor's locale, with English texts", async () => {
    const page = await openBookingPage({
      locale: "de-DE",
      timezoneId: "Europe/Berlin",
      ...MOBILE.options,
    });
    expect(await page.locator("#price").textContent()).toMatch(/18,50\s€ per seat$/);
    expect(await page.locator(".day:visible h3").getAttribute("aria-label")).toMatch(
      /^(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \d+\. \p{L}+$/u,
    );
    const sessionId = await openSessionFrom(page, 30);
    await chooseSession(page, sessionId);
    expect(
      await page.locator(`label.slot:has(input[value="${sessionId}"]) .slot-time`).textContent(),
    ).toMatch(/^(07:00–08:15|18:30–19:45)/);
    await page.selectOption("#quantity", "2");
    expect(await page.locator("#selection-summary").textContent()).toMatch(/2 seats · 37,00\s€$/);
    expect(await page.locator("#submit-booking").textContent()).toBe("Book now");
    await screenshot(page, MOBILE, "7-german-locale");
  });

  it("lists sessions in the visitor's zone and switches zones", async () => {
    const page = await openBookingPage({ timezoneId: "Asia/Tokyo", ...MOBILE.options });
    expect(await page.locator("#timezone").inputValue()).toBe("Asia/Tokyo");
    // 07:00 in Berlin is 15:00 in Tokyo in winter and 14:00 in summer.
    expect(await page.locator(".slot-time").allTextContents()).toContainEqual(
      expect.stringMatching(/^(3|2):00\s?–/),
    );
    await page.selectOption("#timezone", "Europe/Berlin");
    await page.locator('#session-days[data-zone="Europe/Berlin"]:not([aria-busy])').waitFor();
    expect(await page.locator(".slot-time").allTextContents()).toContainEqual(
      expect.stringMatching(/^7:00\s?–\s?8:15\s?AM$/),
    );
    expect(new URL(page.url()).searchParams.get("tz")).toBe("Europe/Berlin");
    await listedSessions(page);
  });

  it("takes over the server-rendered list of ?tz= without reloading it", async () => {
    const slotRequests: string[] = [];
    const page = await newPage({ timezoneId: "America/New_York", ...DESKTOP.options });
    page.on("request", (request) => {
      if (request.url().includes("/slots")) slotRequests.push(request.url());
    });
    await page.goto(bookingUrl("?tz=Asia/Tokyo"));
    await page.locator('#session-days[data-zone="Asia/Tokyo"] .slot:not(.full)').first().waitFor();
    await page.locator(".week-day[aria-pressed=true]").waitFor();
    expect(await page.locator("#timezone").inputValue()).toBe("Asia/Tokyo");
    expect(await page.locator("#zone-submit").isHidden()).toBe(true);
    expect(await page.locator("#submit-booking").isEnabled()).toBe(true);
    const first = await listedSessions(page);
    expect(first.ids.length).toBeGreaterThan(30);
    expect(slotRequests).toEqual([]);

    await page.selectOption("#timezone", "Europe/Berlin");
    await page.locator('#session-days[data-zone="Europe/Berlin"]:not([aria-busy])').waitFor();
    expect(slotRequests).toHaveLength(1);
    await listedSessions(page);
    await page.reload();
    // Only the chosen day is shown: the first slot in the list may sit on a hidden day whose
    // sessions earlier tests filled, so wait for one the visitor can see.
    await page
      .locator('#session-days[data-zone="Europe/Berlin"] .day:not([hidden]) .slot')
      .first()
      .waitFor();
    expect(await page.locator("#timezone").inputValue()).toBe("Europe/Berlin");
  });

  it("shows the sessions without JavaScript and switches zones with the form", async () => {
    const page = await newPage({
      javaScriptEnabled: false,
      timezoneId: "Asia/Tokyo",
      ...DESKTOP.options,
    });
    await page.goto(bookingUrl());
    expect(await page.locator(".slot:not(.full)").count()).toBeGreaterThan(10);
    expect(await page.locator("p.alert", { hasText: "Booking needs JavaScript" }).isVisible()).toBe(
      true,
    );
    expect(await page.locator("#submit-booking").isDisabled()).toBe(true);

    await page.selectOption("#timezone", "Asia/Tokyo");
    await Promise.all([page.waitForURL(/[?&]tz=Asia%2FTokyo/), page.click("#zone-submit")]);
    expect(await page.locator("#timezone").inputValue()).toBe("Asia/Tokyo");
    // 07:00 in Berlin is 15:00 in Tokyo in winter and 14:00 in summer (en-US on the server too).
    expect(await page.locator(".slot-time").allTextContents()).toContainEqual(
      expect.stringMatching(/^(3|2):00\s?–/),
    );
    // 18:30 in Berlin is past midnight in Tokyo: listed under the next day.
    const evening = page.locator('.day:has(input[value$="_1830"])').first();
    const id = (await evening.locator('input[value$="_1830"]').first().getAttribute("value")) ?? "";
    expect(await evening.getAttribute("data-date")).toBe(nextDate(sessionDate(id)));
    await listedSessions(page);
    await screenshot(page, DESKTOP, "8-no-js");
  });

  it("manages and cancels a booking without JavaScript; a wrong token is only 'not found'", async () => {
    const booking = await bookPublicly(await sessionDaysAhead(4));
    expect(booking.manage_url).toBe(
      new URL(`/book/manage/${booking.id}?token=${booking.cancel_token}`, worker.url).href,
    );
    const page = await newPage({ javaScriptEnabled: false, ...MOBILE.options });
    const wrong = await page.goto(booking.manage_url.replace(/token=./, "token=x"));
    expect(wrong?.status()).toBe(404);
    expect(await page.locator("main").textContent()).toBe("Not found");

    await page.goto(booking.manage_url);
    expect(await page.locator(".badge").textContent()).toBe("Confirmed");
    await Promise.all([page.waitForLoadState("load"), page.click("#cancel-booking")]);
    await page.locator(".badge", { hasText: "Cancelled" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/book/manage/${booking.id}`);
    expect(await page.locator("#cancel-booking").count()).toBe(0);

    // The link again, later: the state on load, and no cancel button.
    await page.goto(booking.manage_url);
    expect(await page.locator("#manage-state").textContent()).toContain(
      "This booking was cancelled on ",
    );
    expect(await page.locator("#cancel-booking").count()).toBe(0);
  });
});

describe("booking page in Chromium: seat holds", () => {
  it("holds the chosen seats while the form is open, and releases them on change and on leaving", async () => {
    const page = await openBookingPage({ timezoneId: "Europe/Berlin", ...DESKTOP.options });
    const first = await openSessionFrom(page, 24 * 15);
    await chooseSession(page, first);
    await page.locator("#hold-status", { hasText: "holding 1 seat" }).waitFor();
    await calls.expectSeatsHeld(seed.experienceId, first, 1);
    await page.selectOption("#quantity", "3");
    await calls.expectSeatsHeld(seed.experienceId, first, 3);
    expect(await page.locator("#hold-timer").isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, DESKTOP, "9-hold");

    // Another session: the first one's seats are free again, the new one holds the quantity.
    const second = await openSessionFrom(page, 24 * 17);
    await chooseSession(page, second);
    await page.locator("#hold-status", { hasText: "holding 3 seats" }).waitFor();
    await calls.expectSeatsHeld(seed.experienceId, first, 0);
    await calls.expectSeatsHeld(seed.experienceId, second, 3);
    // The visitor's own held seats stay theirs when the list is loaded again.
    await page.selectOption("#timezone", "Asia/Tokyo");
    await page.locator('#session-days[data-zone="Asia/Tokyo"]:not([aria-busy])').waitFor();
    const pill = page.locator(`label.slot:has(input[value="${second}"])`);
    expect(await pill.locator(".slot-seats").textContent()).toBe("6 seats left");
    expect(await pill.locator("input").isChecked()).toBe(true);

    // Leaving the page releases the hold at once (no waiting for its expiry).
    await page.goto("about:blank");
    await calls.expectSeatsHeld(seed.experienceId, second, 0);
  });

  it("keeps the held seat while others fill the session; a lost hold books without it", async () => {
    const page = await openBookingPage({ timezoneId: "Europe/Berlin", ...DESKTOP.options });
    const sessionId = await openSessionFrom(page, 24 * 19);
    await chooseSession(page, sessionId);
    await page.locator("#hold-status", { hasText: "holding 1 seat" }).waitFor();
    await fillDetails(page, "1");
    await calls.fillSession(sessionId);
    expect(await calls.publicSlot(seed.experienceId, sessionId)).toMatchObject({
      seats_available: 0,
      seats_held: 1,
    });
    await page.click("#submit-booking");
    await page.locator("#confirmation").waitFor({ state: "visible" });
    expect(await page.locator("#confirmation-title").textContent()).toBe("You're booked!");
    expect(await calls.publicSlot(seed.experienceId, sessionId)).toMatchObject({
      seats_booked: 6,
      seats_held: 0,
    });

    // The studio releases the hold behind the page's back: the page books as a plain booking.
    await page.click("#book-another");
    await page.locator("#session-days:not([aria-busy])").waitFor();
    const other = await openSessionFrom(page, 24 * 21);
    await chooseSession(page, other);
    const status = page.locator("#hold-status[data-hold-id]");
    await status.waitFor();
    const holdId = (await status.getAttribute("data-hold-id")) ?? "";
    await seed.v1("DELETE", `/holds/${holdId}`);
    await fillDetails(page, "1");
    await page.click("#submit-booking");
    await page.locator("#confirmation").waitFor({ state: "visible" });
    const reference = (await page.locator("#confirm-reference").textContent()) ?? "";
    expect(await seed.v1("GET", `/bookings/${reference}`)).toMatchObject({
      session_id: other,
      status: "confirmed",
    });
    expect((await seed.v1("GET", `/holds/${holdId}`)).status).toBe("released");
  });
});

describe.each([DESKTOP, MOBILE])("booking page in Chromium: waitlist, $name", (viewport) => {
  let waitlistExperience: string;

  beforeAll(async () => {
    waitlistExperience = await seed.addExperience({
      name: "Hatha Basics",
      default_capacity: 2,
      max_booking_quantity: 2,
      waitlist: { enabled: true, max_size: 5 },
    });
  });

  const openWaitlistPage = async () => {
    const page = await newPage({ timezoneId: "Europe/Berlin", ...viewport.options });
    await page.goto(new URL(`/book/${waitlistExperience}`, worker.url).href);
    await page.locator(".week-day[aria-pressed=true]").waitFor();
    return page;
  };

  it("offers the waitlist on a full session and shows the visitor's position", async () => {
    const probe = await openWaitlistPage();
    const sessionId = await openSessionFrom(probe, 24 * 4);
    await calls.fillSession(sessionId, waitlistExperience);
    await calls.joinWaitlist(sessionId, waitlistExperience);
    await probe.close();

    const page = await openWaitlistPage();
    const pill = page.locator(`label.slot.waitlist:has(input[value="${sessionId}"])`);
    await chooseSession(page, sessionId);
    expect(await pill.locator(".slot-seats").textContent()).toBe("Full");
    expect(await pill.locator(".slot-waitlist").textContent()).toBe("Join the waitlist");
    expect(await pill.locator("input").getAttribute("aria-label")).toContain(
      "full, waitlist open, 1 waiting",
    );
    expect(await page.locator("#submit-booking").textContent()).toBe("Join the waitlist");
    expect(await page.locator("#waitlist-note").isVisible()).toBe(true);
    await fillDetails(page, "1");
    expect(await page.locator("#hold-status").textContent()).toBe("");
    await expectAccessible(page);
    await screenshot(page, viewport, "10-waitlist");

    await page.click("#submit-booking");
    await page.locator("#confirmation").waitFor({ state: "visible" });
    expect(await page.locator("#confirmation-title").textContent()).toBe("You're on the waitlist");
    const note = (await page.locator("#confirm-waitlist").textContent()) ?? "";
    expect(note).toContain("You are number 2 on the waitlist.");
    expect(note).toContain("confirmed automatically");
    expect(await page.locator("#calendar-link").isHidden()).toBe(true);
    const reference = (await page.locator("#confirm-reference").textContent()) ?? "";
    expect(await seed.v1("GET", `/bookings/${reference}`)).toMatchObject({
      status: "waitlisted",
      waitlist_position: 2,
    });
    expect((await calls.publicSlot(waitlistExperience, sessionId)).waitlist_size).toBe(2);
    await expectAccessible(page);
    await screenshot(page, viewport, "11-waitlisted");

    await Promise.all([page.waitForURL(/\/book\/manage\//), page.click("#manage-link")]);
    expect(await page.locator(".badge").textContent()).toBe("On the waitlist");
    await expectAccessible(page);
  });

  it("offers the waitlist when the session fills just before it is picked", async () => {
    const page = await openWaitlistPage();
    const sessionId = await openSessionFrom(page, 24 * 8);
    await calls.fillSession(sessionId, waitlistExperience);
    await chooseSession(page, sessionId);
    await page.locator("#form-error", { hasText: "You can join its waitlist instead." }).waitFor();
    await page.locator(`label.slot.waitlist:has(input[value="${sessionId}"]:checked)`).waitFor();
    expect(await page.locator("#submit-booking").textContent()).toBe("Join the waitlist");
    await fillDetails(page, "2");
    await page.click("#submit-booking");
    await page.locator("#confirmation").waitFor({ state: "visible" });
    expect(await page.locator("#confirm-waitlist").textContent()).toContain(
      "You are number 1 on the waitlist.",
    );
    expect(await page.locator("#confirm-seats").textContent()).toBe("2 seats");
  });
});
