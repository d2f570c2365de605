import { mkdirSync } from "node:fs";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { type LocalWorker, startLocalWorker } from "./local-worker";
import { type Seed, seedExperience } from "./seed";

const SCREENSHOTS = ".tmp/e2e";

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

/**
 * Opens the page and waits until its script has taken over the server-rendered list in the
 * expected zone (the browser's, unless `?tz=` chose one).
 */
async function openBookingPage(
  options: BrowserContextOptions & { timezoneId: string },
  query = "",
  zone = options.timezoneId,
): Promise<Page> {
  const page = await newPage(options);
  await page.goto(new URL(`/book/${seed.experienceId}${query}`, worker.url).href);
  await page
    .locator(`#session-days[data-zone="${zone}"]:not([aria-busy]) .slot:not(.full)`)
    .first()
    .waitFor();
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

/** The session IDs and day groups on the page: each must appear once (no duplicate lists). */
async function listedSessions(page: Page) {
  const ids = await page
    .locator('#session-days input[name="session_id"]')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  const dates = await page
    .locator("#session-days .day")
    .evaluateAll((days) => days.map((day) => (day as HTMLElement).dataset.date));
  expect(await page.locator("#session-days").count()).toBe(1);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(dates).size).toBe(dates.length);
  return { ids, dates };
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The local date in a session ID (§8: ses_<rec>_<YYYYMMDD>_<HHMM>). */
function sessionDate(sessionId: string): string {
  const ymd = sessionId.split("_").at(-2) ?? "";
  return `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
}

describe("booking page in Chromium", () => {
  it("books a session, then cancels it through the confirmation's link", async () => {
    const page = await openBookingPage({
      timezoneId: "America/New_York",
      viewport: { width: 960, height: 1000 },
    });
    expect(await page.locator("h1").textContent()).toBe("Vinyasa Flow");
    expect(await page.locator("#timezone").inputValue()).toBe("America/New_York");

    // Someone else takes the last seats between choosing and submitting: a clear message.
    const first = page.locator(".slot:not(.full)").first();
    const takenId = await first.locator("input").getAttribute("value");
    await first.click();
    await page.fill("#phone", "0151 2345");
    await page.click("#submit-booking");
    await page.locator("#phone-error").waitFor();
    expect(await page.locator("#phone-error").textContent()).toContain("country code");
    await fillDetails(page, "2");
    await fillSession(takenId ?? "");
    await page.click("#submit-booking");
    await page.locator("#form-error").waitFor();
    expect(await page.locator("#form-error").textContent()).toContain("just filled up");
    await page.locator(`.slot.full input[value="${takenId}"]`).waitFor({ state: "attached" });

    const chosen = page.locator(".slot:not(.full)").first();
    const sessionId = await chosen.locator("input").getAttribute("value");
    await chosen.click();
    await page.selectOption("#quantity", "2");
    expect(await page.locator("#selection-summary").textContent()).toContain("2 seats · €37.00");
    await page.screenshot({ path: `${SCREENSHOTS}/booking-form.png`, fullPage: true });

    await page.click("#submit-booking");
    await page.locator("#confirmation").waitFor({ state: "visible" });
    expect(await page.locator("#confirm-seats").textContent()).toBe("2");
    expect(await page.locator("#confirm-total").textContent()).toBe("€37.00");
    expect(await page.locator("#confirm-when").textContent()).toContain("America/New York");
    await page.screenshot({ path: `${SCREENSHOTS}/booking-confirmation.png`, fullPage: true });

    const booked = await seed.v1("GET", `/bookings?session_id=${sessionId}`);
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({
      quantity: 2,
      status: "confirmed",
      contact: { name: "Jamie Rivera", email: "jamie@example.com", phone: "+4915123456789" },
    });

    await Promise.all([page.waitForURL(/[?&]cancel=/), page.click("#cancel-link")]);
    await page.click("#cancel-booking");
    await page.locator("#cancel-result").waitFor();
    expect(await page.locator("#cancel-result").textContent()).toBe(
      "Your booking is cancelled. You are eligible for a refund.",
    );
    await page.screenshot({ path: `${SCREENSHOTS}/booking-cancelled.png`, fullPage: true });
    const cancelled = await seed.v1("GET", `/bookings/${booked[0].id}`);
    expect(cancelled.status).toBe("cancelled");
  });

  it("lists sessions in the visitor's zone and switches zones", async () => {
    const page = await openBookingPage({
      timezoneId: "Asia/Tokyo",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    expect(await page.locator("#timezone").inputValue()).toBe("Asia/Tokyo");
    // 07:00 in Berlin is 15:00 in Tokyo in winter and 14:00 in summer.
    expect(await page.locator(".slot-time").allTextContents()).toContainEqual(
      expect.stringMatching(/^(3|2):00\s?PM/),
    );
    await page.locator(".slot:not(.full)").first().click();
    await page.screenshot({ path: `${SCREENSHOTS}/booking-mobile.png`, fullPage: true });

    await page.selectOption("#timezone", "Europe/Berlin");
    await page
      .locator(".slot-time", { hasText: /^7:00\s?AM/ })
      .first()
      .waitFor();
    await listedSessions(page);
  });

  it("takes over the server-rendered list of ?tz= without reloading it, then switches and loads more", async () => {
    const slotRequests: string[] = [];
    const page = await newPage({
      timezoneId: "America/New_York",
      viewport: { width: 960, height: 1000 },
    });
    page.on("request", (request) => {
      if (request.url().includes("/slots")) slotRequests.push(request.url());
    });
    await page.goto(new URL(`/book/${seed.experienceId}?tz=Asia/Tokyo`, worker.url).href);
    await page.locator('#session-days[data-zone="Asia/Tokyo"] .slot:not(.full)').first().waitFor();
    expect(await page.locator("#timezone").inputValue()).toBe("Asia/Tokyo");
    expect(await page.locator("#zone-submit").isHidden()).toBe(true);
    expect(await page.locator("#submit-booking").isEnabled()).toBe(true);
    expect(await page.locator("#sessions-status").isHidden()).toBe(true);
    // Drawn again by the script in the browser's locale, from the server's data alone.
    expect(await page.locator(".slot-time").allTextContents()).toContainEqual(
      expect.stringMatching(/^(3|2):00\s?PM/),
    );
    const first = await listedSessions(page);
    const lastDate = (await page.locator("#session-days").getAttribute("data-to")) ?? "";
    expect(first.ids.length).toBeGreaterThan(10);
    expect(first.dates.every((date) => date !== undefined && date <= lastDate)).toBe(true);
    expect(slotRequests).toEqual([]);

    // A session in the server's list is booked through the script as usual.
    await page.locator(".slot:not(.full)").first().click();
    expect(await page.locator("#selection-summary").textContent()).toContain("1 seat · €18.50");

    await page.selectOption("#timezone", "Europe/Berlin");
    await page.locator('#session-days[data-zone="Europe/Berlin"]:not([aria-busy])').waitFor();
    expect(new URL(page.url()).searchParams.get("tz")).toBe("Europe/Berlin");
    expect(slotRequests).toHaveLength(1);
    await listedSessions(page);

    await page.click("#more-sessions");
    await page.locator("#session-days:not([aria-busy])").waitFor();
    const more = await listedSessions(page);
    expect(more.dates.length).toBeGreaterThan(first.dates.length);
    expect(more.dates.at(-1) ?? "").toSatisfy((date: string) => date > lastDate);

    await page.reload();
    await page.locator('#session-days[data-zone="Europe/Berlin"] .slot').first().waitFor();
    expect(await page.locator("#timezone").inputValue()).toBe("Europe/Berlin");
  });

  it("shows the sessions without JavaScript and switches zones with the form", async () => {
    const page = await newPage({
      javaScriptEnabled: false,
      timezoneId: "Asia/Tokyo",
      viewport: { width: 960, height: 1000 },
    });
    await page.goto(new URL(`/book/${seed.experienceId}`, worker.url).href);
    expect(await page.locator(".slot:not(.full)").count()).toBeGreaterThan(10);
    expect(await page.locator("p.alert", { hasText: "Booking needs JavaScript" }).isVisible()).toBe(
      true,
    );
    expect(await page.locator("#submit-booking").isDisabled()).toBe(true);

    await page.selectOption("#timezone", "Asia/Tokyo");
    await Promise.all([page.waitForURL(/[?&]tz=Asia%2FTokyo/), page.click("#zone-submit")]);
    expect(await page.locator("#timezone").inputValue()).toBe("Asia/Tokyo");
    // 07:00 in Berlin is 15:00 in Tokyo in winter and 14:00 in summer (24-hour on the server).
    expect(await page.locator(".slot-time").allTextContents()).toContainEqual(
      expect.stringMatching(/^1[45]:00$/),
    );
    // 18:30 in Berlin is past midnight in Tokyo: listed under the next day.
    const evening = page.locator('.day:has(input[value$="_1830"])').first();
    const id = (await evening.locator('input[value$="_1830"]').first().getAttribute("value")) ?? "";
    expect(await evening.getAttribute("data-date")).toBe(nextDate(sessionDate(id)));
    await listedSessions(page);
    await page.screenshot({ path: `${SCREENSHOTS}/booking-no-js.png`, fullPage: true });
  });
});
