import { defineConfig } from "vitest/config";

// The browser test runs in Node (not the Workers pool): it starts the Worker with wrangler and
// drives Debian's Chromium through playwright-core. Run from the project root.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    env: {
      // Offline machines: no Request.cf download, no metrics.
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_SEND_METRICS: "false",
    },
  },
});
