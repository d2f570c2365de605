import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** Cases of the OpenAPI fuzz test (npm run fuzz raises it) and its seed. */
      FUZZ_RUNS: string;
      FUZZ_SEED: string;
    }
  }
}
