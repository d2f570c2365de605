import { defineConfig } from "vitest/config";

// The benchmark runs in plain Node: it compares algorithms, not the Workers runtime, and
// rrule's TZID results depend on the process zone, pinned to UTC here.
export default defineConfig({
  test: {
    environment: "node",
    // Lets each round end with a full collection, so a contender pays for its own garbage and
    // not for the previous one's (rrule's TZID path leaves a lot of it).
    execArgv: ["--expose-gc"],
    include: ["bench/**/*.bench.ts"],
    env: { TZ: "UTC" },
    disableConsoleIntercept: true,
    testTimeout: 120_000,
  },
});
