import { mkdirSync } from "node:fs";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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

async function fillDetails(page: Page, seats: string) {
  await page.fill("#name", "Jamie Rivera");
  await page.fill("#email", "jamie@example.com");
  await page.fill("#phone", "+49 151 2345 6789");
  await page.selectOption("#quantity", seats);
}

/** Takes every seat left in a session through the integration API, as other visitors would. */
async function fillSession(sessionId: string) {
  const date = sessionDate(sessionId);
  const query = `from=${date}&to=${date}&timezone=Europe/Berlin`;
  const slots = await seed.v1("GET", `/experiences/${seed.experienceId}/slots?${query}`);
  const slot = slots.find((s: { session_id: string }) => s.session_id === sessionId);
  for (let left = slot.seats_available; left > 0; left -= 4) {
    await seed.v1("POST", `/experiences/${seed.experienceId}/bookings`, {
      session_id: sessionId,
      quantity: Math.min(4, left),
      contact: { name: "Walk-in", email: "walkin@example.com", phone: "+4930123456" },
    });
  }
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The local date in a session ID (§8: ses_<rec>_<YYYYMMDD>_<HHMM>). */
function sessionDate(sessionId: string): string {
  const ymd = sessionId.split("_").at(-2) ?? "";
  return `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
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
  await page.fill("#phone", "0151 2345");
  await page.click("#submit-booking");
  await page.locator("#phone-error").waitFor();
  expect(await page.locator("#phone-error").textContent()).toContain("country code");
  await fillDetails(page, "2");
  expect(await page.locator("#selection-summary").textContent()).toContain("2 seats · €37.00");
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

  it("shows a session taken meanwhile as full and says so", async () => {
    const page = await openBookingPage({ timezoneId: "Europe/Berlin", ...viewport.options });
    const takenId = await openSessionFrom(page, 30);
    await chooseSession(page, takenId);
    await fillDetails(page, "1");
    await fillSession(takenId);
    await page.click("#submit-booking");
    await page.locator("#form-error").waitFor();
    expect(await page.locator("#form-error").textContent()).toContain("just filled up");
    const full = page.locator(`.slot.full:has(input[value="${takenId}"])`);
    await full.waitFor();
    expect(await full.locator(".slot-seats").textContent()).toBe("Full");
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
    await page.locator('#session-days[data-zone="Europe/Berlin"] .slot').first().waitFor();
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
