import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";

describe("§2 unexpected errors", () => {
  it("answers 500 internal_error without leaking the cause, and logs it with the request id", async () => {
    const app = createApp();
    app.get("/explode", () => {
      throw new Error("SQLITE_ERROR: no such table: secrets (SELECT * FROM secrets)");
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await app.request("/explode", { headers: { "x-request-id": "boom-1" } }, env);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: "Internal server error",
        code: "internal_error",
        request_id: "boom-1",
      });
      expect(text).not.toMatch(/SQLITE|SELECT|secrets|at /);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('"request_id":"boom-1"'));
    } finally {
      // Restored even when an assertion fails, so later tests in the file see console.error.
      logged.mockRestore();
    }
  });
});
