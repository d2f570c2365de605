import { readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { configDefaults, defineConfig } from "vitest/config";
import { buildAssets } from "./scripts/build-assets.mjs";
import { buildClient } from "./scripts/build-client.mjs";
import { sentMailFiles } from "./test/helpers/sent-mail-files.mjs";

// Two projects, both inside workerd (the runtime the code ships to):
// - `unit`: the pure scheduling tests. No D1 migrations: each file starts in milliseconds.
// - `workers`: everything through the Worker, every file on a freshly migrated D1.
// Each prints its own tally after vitest's summary (test/helpers/project-summary-reporter.ts).
// The browser test runs in Node with its own config (npm run test:e2e).
const UNIT_TESTS = "test/unit/**/*.test.ts";

// The pool also reads a developer's .dev.vars (which `npm run dev` writes with
// WEBHOOK_ALLOW_INSECURE_LOCAL=true). Bindings win over it, so every variable a .dev.vars may
// sets is pinned here: the suite behaves the same after `npm run dev` as on a fresh clone
// (test/integration/test-environment.test.ts checks the values inside the Worker).
const PINNED_VARS: Record<string, string> = {
  ADMIN_TOKEN: "test-admin-token",
  WEBHOOK_ENCRYPTION_KEY: "test-webhook-encryption-key-0123456789abcdef",
  WEBHOOK_ALLOW_INSECURE_LOCAL: "false",
};
/** A variable added to .dev.vars.example must be pinned too, or the suite depends on a file. */
function assertDevVarsPinned() {
  const names = readFileSync(".dev.vars.example", "utf8")
    .split("\n")
    .map((line) => /^([A-Z0-9_]+)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
  const unpinned = names.filter((name) => !(name in PINNED_VARS));
  if (unpinned.length > 0) {
    throw new Error(`vitest.config.ts: pin ${unpinned.join(", ")} in PINNED_VARS`);
  }
}

export default defineConfig(async () => {
  assertDevVarsPinned();
  // wrangler.toml's [assets] directory must exist before the pool reads the config.
  buildAssets();
  // The Worker imports the booking page's bundled script: build it first (a fresh clone has none).
  await buildClient();
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  const common = {
    testTimeout: 30_000,
    hookTimeout: 30_000,
  };
  return {
    test: {
      // The Worker logs one JSON line per request; keep test output to failures and summaries.
      // (A root option: vitest ignores it inside a project.)
      onConsoleLog: (log: string) => !log.includes('"type":"request"'),
      reporters: ["default", "./test/helpers/project-summary-reporter.ts"],
      projects: [
        {
          plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
          test: { ...common, name: "unit", include: [UNIT_TESTS] },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  ...PINNED_VARS,
                  TEST_MIGRATIONS: migrations,
                  // Cases and seed of the OpenAPI fuzz test (npm run fuzz raises the cases).
                  FUZZ_RUNS: process.env.FUZZ_RUNS ?? "",
                  FUZZ_SEED: process.env.FUZZ_SEED ?? "",
                },
                // What the real EMAIL binding wrote (test/helpers/sent-mail-files.ts).
                serviceBindings: { SENT_MAIL: sentMailFiles },
              },
            }),
          ],
          test: {
            ...common,
            name: "workers",
            include: ["test/**/*.test.ts"],
            // The contract test (Redocly lint) runs in Node: npm run test:contract.
            exclude: [...configDefaults.exclude, "test/e2e/**", "test/contract/**", UNIT_TESTS],
            setupFiles: ["./test/setup.ts"],
          },
        },
      ],
    },
  };
});
