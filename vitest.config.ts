import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { configDefaults, defineConfig } from "vitest/config";
import { buildClient } from "./scripts/build-client.mjs";

export default defineConfig(async () => {
  // The Worker imports the booking page's bundled script: build it first (a fresh clone has none).
  await buildClient();
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            ADMIN_TOKEN: "test-admin-token",
            TEST_MIGRATIONS: migrations,
          },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      // The browser test runs in Node with its own config (npm run test:e2e).
      exclude: [...configDefaults.exclude, "test/e2e/**"],
      setupFiles: ["./test/setup.ts"],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      // The Worker logs one JSON line per request; keep test output to failures and summaries.
      onConsoleLog: (log) => !log.includes('"type":"request"'),
    },
  };
});
