import { defineConfig } from "vitest/config";

// The benchmarks run in plain Node: expand.bench.ts compares algorithms (rrule's TZID results
// depend on the process zone, pinned to UTC here); http.bench.ts drives Workers that wrangler
// starts in workerd. One file at a time, so neither measures the other's load.
export default defineConfig({
  test: {
    environment: "node",
    // Lets each round end with a full collection, so a contender pays for its own garbage and
    // not for the previous one's (rrule's TZID path leaves a lot of it).
    execArgv: ["--expose-gc"],
    include: ["bench/**/*.bench.ts"],
    fileParallelism: false,
    env: {
      TZ: "UTC",
      // Offline machines: no Request.cf download, no metrics.
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_SEND_METRICS: "false",
    },
    disableConsoleIntercept: true,
    testTimeout: 120_000,
  },
});
