import { existsSync } from "node:fs";
import sparticuzChromium from "@sparticuz/chromium";
import { type Browser, chromium } from "playwright-core";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const SYSTEM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];

// @sparticuz/chromium's flags are tuned for AWS Lambda. These three would change what the tests
// observe: one process for every page (a second browser context can hang), and no same-origin
// policy or mixed-content blocking (the booking page's security headers would go untested).
const LAMBDA_ONLY_ARGS = new Set([
  "--single-process",
  "--disable-web-security",
  "--allow-running-insecure-content",
]);

interface ChromiumChoice {
  source: string;
  executablePath: string;
  args: string[];
}

/**
 * CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the build inside the @sparticuz/chromium
 * dev dependency, so `npm ci` alone is enough. A CHROMIUM_PATH that does not exist is an error,
 * not a silent fallback: whoever set it meant that browser.
 */
async function chooseChromium(): Promise<ChromiumChoice> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { source: "CHROMIUM_PATH", executablePath: fromEnv, args: SYSTEM_ARGS };
  }
  if (existsSync(SYSTEM_CHROMIUM)) {
    return { source: SYSTEM_CHROMIUM, executablePath: SYSTEM_CHROMIUM, args: SYSTEM_ARGS };
  }
  // Unpacks its brotli-compressed build into the temp dir once; later calls reuse it.
  const executablePath = await sparticuzChromium.executablePath();
  return {
    source: "@sparticuz/chromium",
    executablePath,
    args: [
      ...sparticuzChromium.args.filter((arg) => !LAMBDA_ONLY_ARGS.has(arg)),
      // Software GL makes every screenshot several times slower on a busy CPU.
      "--disable-gpu",
      "--disable-background-networking",
    ],
  };
}

/** A headless Chromium for the browser tests. Throws (the test fails, never skips) if none launches. */
export async function launchChromium(): Promise<Browser> {
  const choice = await chooseChromium();
  try {
    return await chromium.launch({
      executablePath: choice.executablePath,
      args: choice.args,
      headless: true,
    });
  } catch (error) {
    throw new Error(
      `Chromium from ${choice.source} (${choice.executablePath}) did not launch; ` +
        `set CHROMIUM_PATH to a working Chromium. ${String(error)}`,
    );
  }
}
