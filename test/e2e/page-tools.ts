import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect } from "vitest";

export const SCREENSHOTS = ".tmp/e2e";

export interface Viewport {
  name: "desktop" | "mobile";
  options: {
    viewport: { width: number; height: number };
    isMobile?: boolean;
    hasTouch?: boolean;
  };
}

export const DESKTOP: Viewport = {
  name: "desktop",
  options: { viewport: { width: 1280, height: 900 } },
};
export const MOBILE: Viewport = {
  name: "mobile",
  options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
};

/** Full-page screenshot of one state of the page, per viewport, for a human to look at. */
export async function screenshot(page: Page, viewport: Viewport, state: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${viewport.name}-${state}.png`, fullPage: true });
}

const AXE_SOURCE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's scan of the page as it is, with its Content-Security-Policy in force: the source is
 * evaluated through the DevTools protocol (like a debugger's console), not added as a <script>,
 * which the policy would block. Serious and critical violations fail the test.
 */
export async function expectAccessible(page: Page) {
  await page.evaluate(AXE_SOURCE);
  const violations: AxeViolation[] = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe-core's global, just evaluated above
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map(
      (v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((node) => node.target.join(" ")),
      }),
    );
  });
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking).toEqual([]);
}

/** The radios of the list (hidden days included): each session and each day appears once. */
export async function listedSessions(page: Page) {
  const ids = await page
    .locator('#session-days input[name="session_id"]')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  const dates = await page
    .locator("#session-days .day")
    .evaluateAll((days) => days.map((day) => (day as HTMLElement).dataset.date ?? ""));
  expect(await page.locator("#session-days").count()).toBe(1);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(dates).size).toBe(dates.length);
  return { ids, dates };
}

/**
 * The first open session (seats left, not a waitlist) that starts at least `hours` from now, by
 * the clock (not by weekday: a session 22 h away is inside a 24 h refund cut-off).
 */
export async function openSessionFrom(page: Page, hours: number) {
  const earliest = Date.now() + hours * 3_600_000;
  const inputs = await page
    .locator('#session-days input[name="session_id"][data-state="open"]')
    .evaluateAll((all) =>
      all.map((input) => ({
        id: (input as HTMLInputElement).value,
        start: (input as HTMLInputElement).dataset.start ?? "",
      })),
    );
  const found = inputs.find((input) => Date.parse(input.start) >= earliest);
  if (!found) throw new Error(`No open session ${hours} h from now`);
  return found.id;
}

/** Shows a session's day through the week picker (jump to its week, press its day), then picks it. */
export async function chooseSession(page: Page, sessionId: string) {
  const input = page.locator(`#session-days input[value="${sessionId}"]`);
  const date = await input.evaluate((el) => (el.closest(".day") as HTMLElement).dataset.date ?? "");
  const monday = await page.evaluate((d) => {
    const day = new Date(`${d}T12:00:00Z`);
    day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
    return day.toISOString().slice(0, 10);
  }, date);
  if ((await page.locator("#week-select").inputValue()) !== monday) {
    await page.selectOption("#week-select", monday);
  }
  await page.click(`.week-day[data-date="${date}"]`);
  await page.locator(`.day[data-date="${date}"]`).waitFor({ state: "visible" });
  await page.locator(`label.slot:has(input[value="${sessionId}"])`).click();
  expect(await input.isChecked()).toBe(true);
}
