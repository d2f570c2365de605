import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unstable_startWorker } from "wrangler";

export const E2E_ADMIN_TOKEN = "e2e-admin-token";

export interface LocalWorker {
  url: URL;
  stop(): Promise<void>;
}

/** `wrangler d1 migrations apply` on a throwaway local database (stdin closed: no prompt). */
function applyMigrations(persistTo: string) {
  const wrangler = join("node_modules", "wrangler", "bin", "wrangler.js");
  const result = spawnSync(
    process.execPath,
    [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo],
    { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
  );
  if (result.status !== 0) {
    throw new Error(`D1 migrations failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * The real Worker under `wrangler dev`'s runtime, on a free port, with its own D1 and Durable
 * Object storage in a temp dir. ADMIN_TOKEN is a binding here, so a developer's .dev.vars
 * never matters.
 */
export async function startLocalWorker(): Promise<LocalWorker> {
  const persistTo = mkdtempSync(join(tmpdir(), "booking-e2e-"));
  applyMigrations(persistTo);
  const worker = await unstable_startWorker({
    config: "wrangler.toml",
    bindings: {
      ADMIN_TOKEN: { type: "plain_text", value: E2E_ADMIN_TOKEN },
      // §12 webhooks: a throwaway encryption key, and receivers on 127.0.0.1 allowed.
      WEBHOOK_ENCRYPTION_KEY: { type: "plain_text", value: "e2e-webhook-encryption-key" },
      WEBHOOK_ALLOW_INSECURE_LOCAL: { type: "plain_text", value: "true" },
      // Every page and API call of a file comes from 127.0.0.1, one §11 budget of 60 per 10 s
      // for what stands for dozens of visitors: a run whose requests came closer together got
      // 429s mid-test. The limit itself is tested in test/integration (rate-limit tests).
      RATE_LIMITER: {
        type: "ratelimit",
        namespace_id: "1001",
        simple: { limit: 1_000_000, period: 10 },
      },
    },
    dev: {
      persist: persistTo,
      server: { hostname: "127.0.0.1", port: 0 },
      inspector: false,
      watch: false,
      logLevel: "warn",
    },
  });
  const url = await worker.url;
  return {
    url,
    async stop() {
      await worker.dispose();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
