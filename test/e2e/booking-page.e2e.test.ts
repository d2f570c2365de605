import { existsSync, mkdirSync } from "node:fs";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LocalWorker, startLocalWorker } from "./local-worker";
import { type Seed, seedExperience } from "./seed";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = ".tmp/e2e";

let worker: LocalWorker;
let browser: Browser;
let seed: Seed;
/** Console errors other than the expected 4xx answers, e.g. a Content-Security-Policy block. */
let consoleErrors: string[] = [];

beforeAll(async () => {
  // Fail, never skip: a missing browser must not pass as a green run.
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  [worker, browser] = await Promise.all([
    startLocalWorker(),
    chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }),
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

async function openBookingPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", ...options });
  const page = await context.newPage();
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      consoleErrors.push(message.text());
    }
  });
  await page.goto(new URL(`/book/${seed.experienceId}`, worker.url).href);
  await page.locator(".slot:not(.full)").first().waitFor();
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
  });
});
