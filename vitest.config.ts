import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            ADMIN_TOKEN: "test-admin-token",
            TEST_MIGRATIONS: migrations,
            FUZZ_RUNS: process.env.FUZZ_RUNS ?? "",
            FUZZ_SEED: process.env.FUZZ_SEED ?? "",
          },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      // The browser test runs in Node with its own config (npm run test:e2e).
      // The contract test (Redocly lint) runs in Node too (npm run test:contract).
      exclude: [...configDefaults.exclude, "test/e2e/**", "test/contract/**"],
      setupFiles: ["./test/setup.ts"],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      // The Worker logs one JSON line per request; keep test output to failures and summaries.
      onConsoleLog: (log) => !log.includes('"type":"request"'),
    },
  };
});
