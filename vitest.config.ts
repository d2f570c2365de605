import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { configDefaults, defineConfig } from "vitest/config";
import { buildAssets } from "./scripts/build-assets.mjs";
import { buildClient } from "./scripts/build-client.mjs";

// Two projects, both inside workerd (the runtime the code ships to):
// - `unit`: the pure scheduling tests. No D1 migrations: each file starts in milliseconds.
// - `workers`: everything through the Worker, every file on a freshly migrated D1.
// Each prints its own tally after vitest's summary (test/helpers/project-summary-reporter.ts).
// The browser test runs in Node with its own config (npm run test:e2e).
const UNIT_TESTS = "test/unit/**/*.test.ts";

export default defineConfig(async () => {
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
                  ADMIN_TOKEN: "test-admin-token",
                  WEBHOOK_ENCRYPTION_KEY: "test-webhook-encryption-key-0123456789abcdef",
                  TEST_MIGRATIONS: migrations,
                  // Cases and seed of the OpenAPI fuzz test (npm run fuzz raises the cases).
                  FUZZ_RUNS: process.env.FUZZ_RUNS ?? "",
                  FUZZ_SEED: process.env.FUZZ_SEED ?? "",
                },
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
