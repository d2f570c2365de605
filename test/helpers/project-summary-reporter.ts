import type { Reporter, TestModule } from "vitest/node";

type Tally = { passed: number; failed: number; skipped: number };

/**
 * Prints one line per vitest project after the default summary, e.g. `unit: 120 passed, 0 failed`,
 * so the run shows what each part (pure scheduling, through-the-Worker) contributed.
 */
export default class ProjectSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const tallies = new Map<string, Tally>();
    for (const module of testModules) {
      const name = module.project.name || "default";
      const tally = tallies.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") tally.passed++;
        else if (state === "failed") tally.failed++;
        else tally.skipped++;
      }
      // A file that failed to load has no tests; count it so it cannot look green.
      if (module.state() === "failed" && module.children.size === 0) tally.failed++;
      tallies.set(name, tally);
    }
    for (const [name, { passed, failed, skipped }] of [...tallies].sort()) {
      const rest = skipped > 0 ? `, ${skipped} skipped` : "";
      console.log(`${name}: ${passed} passed, ${failed} failed${rest}`);
    }
  }
}
