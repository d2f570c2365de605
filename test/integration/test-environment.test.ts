import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

// `npm run dev` writes a .dev.vars that the test pool reads as well (with
// WEBHOOK_ALLOW_INSECURE_LOCAL=true). vitest.config.ts pins every such variable, so the suite
// gives the same answers after `npm run dev` as on a fresh clone.
describe("test environment", () => {
  it("does not inherit a developer's .dev.vars", () => {
    expect(env.WEBHOOK_ALLOW_INSECURE_LOCAL).toBe("false");
    expect(env.ADMIN_TOKEN).toBe("test-admin-token");
  });
});
