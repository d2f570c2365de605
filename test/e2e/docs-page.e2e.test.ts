import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCALAR_BUNDLE_PATH } from "../../src/docs/docs-page";
import { launchChromium } from "./browser";
import { type LocalWorker, startLocalWorker } from "./local-worker";

const SCREENSHOTS = ".tmp/e2e";
// The two landmark rules an axe scan of /docs used to fail; the rest of Scalar's own markup is
// Scalar's to fix.
// A busy shared CPU makes Chromium screenshots slow; the test is about content, not speed.
const SCREENSHOT_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 150_000;
const LANDMARK_RULES = ["landmark-one-main", "region", "landmark-no-duplicate-main"];

let worker: LocalWorker;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [worker, browser] = await Promise.all([startLocalWorker(), launchChromium()]);
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

/** A page with no network beyond the Worker: every request to another host is refused. */
async function offlinePage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const refused: string[] = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.host === worker.url.host) return route.continue();
    refused.push(url.href);
    return route.abort("internetdisconnected");
  });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return { page, refused, pageErrors };
}

async function landmarkViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
  return page.evaluate(async (rules) => {
    type Axe = {
      run(context: Document, options: unknown): Promise<{ violations: { id: string }[] }>;
    };
    const { axe } = window as unknown as { axe: Axe };
    const result = await axe.run(document, { runOnly: { type: "rule", values: rules } });
    return result.violations.map((v) => v.id);
  }, LANDMARK_RULES);
}

describe("/docs", () => {
  it(
    "renders the full interactive reference from the Worker alone, with no network",
    async () => {
      const { page, refused, pageErrors } = await offlinePage();
      await page.goto(new URL("/docs", worker.url).href);
      // Scalar has replaced the server-rendered list and drawn the operations from /openapi.json.
      await page.locator("#fallback").waitFor({ state: "detached", timeout: 30_000 });
      const sidebar = page.locator("aside:visible").first();
      await sidebar.getByText("List spaces (GENERAL first)").first().waitFor({ timeout: 30_000 });
      // One reference, drawn from /openapi.json, on the first screen (a second, empty mount once
      // pushed it below a loading skeleton).
      const title = page.getByRole("heading", { name: "Scheduling & Booking API" }).first();
      await expect(title.isVisible()).resolves.toBe(true);
      expect((await title.boundingBox())?.y).toBeLessThan(900);
      // Every tag of /openapi.json is a group of the reference.
      const sidebarText = (await sidebar.textContent()) ?? "";
      for (const tag of [
        "Spaces",
        "Experiences",
        "Recurrences",
        "Slots",
        "Bookings",
        "Operator",
        "Public",
        "Operations",
      ]) {
        expect(sidebarText).toContain(tag);
      }
      await page.screenshot({
        path: `${SCREENSHOTS}/docs-offline.png`,
        fullPage: false,
        timeout: SCREENSHOT_TIMEOUT_MS,
      });
      expect(pageErrors).toEqual([]);
      // Only Scalar's optional web fonts were asked for outside (the system fonts stand in).
      expect(refused.filter((url) => !url.endsWith(".woff2"))).toEqual([]);
      expect(await landmarkViolations(page)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "keeps a list of every operation inside the page's one <main> when the bundle cannot load",
    async () => {
      const { page } = await offlinePage();
      await page.route(`**${SCALAR_BUNDLE_PATH}`, (route) => route.abort("internetdisconnected"));
      await page.goto(new URL("/docs", worker.url).href);
      const main = page.locator("main#fallback");
      await expect(main.locator("tbody tr").count()).resolves.toBeGreaterThan(25);
      await expect(main.textContent()).resolves.toContain("/health/ready");
      await page.screenshot({
        path: `${SCREENSHOTS}/docs-fallback.png`,
        timeout: SCREENSHOT_TIMEOUT_MS,
      });
      expect(await landmarkViolations(page)).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
