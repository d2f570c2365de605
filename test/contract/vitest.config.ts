import { defineConfig } from "vitest/config";

// Contract tests run in Node: they start the Worker with wrangler, read its /openapi.json and
// lint it with Redocly CLI (a Node program that cannot run inside workerd).
export default defineConfig({
  test: {
    include: ["test/contract/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: {
      // Offline machines: no Request.cf download, no metrics, no Redocly telemetry.
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_SEND_METRICS: "false",
      REDOCLY_TELEMETRY: "off",
      REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
    },
  },
});
