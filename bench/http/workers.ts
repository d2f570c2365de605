// Starts the three Workers of the HTTP benchmark under wrangler's dev runtime (the engine of
// `wrangler dev`), each with its own throwaway local storage.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unstable_startWorker } from "wrangler";

export const BENCH_ADMIN_TOKEN = "bench-admin-token";

// One directory each: wrangler keeps its bundles in .wrangler/ beside the config, and Workers
// sharing that directory removed each other's bundles.
const CONFIGS = {
  api: "bench/http/api/wrangler.toml",
  floorBytes: "bench/http/floor-bytes/wrangler.toml",
  floorStorage: "bench/http/floor-storage/wrangler.toml",
} as const;

export interface BenchWorker {
  url: URL;
  stop(): Promise<void>;
}

export type BenchWorkers = Record<keyof typeof CONFIGS, BenchWorker>;

function applyMigrations(config: string, persistTo: string) {
  const wrangler = join("node_modules", "wrangler", "bin", "wrangler.js");
  const args = ["d1", "migrations", "apply", "DB", "--local", "-c", config];
  const result = spawnSync(process.execPath, [wrangler, ...args, "--persist-to", persistTo], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`D1 migrations failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

async function startWorker(config: string, withDatabase: boolean): Promise<BenchWorker> {
  const persistTo = mkdtempSync(join(tmpdir(), "booking-bench-"));
  if (withDatabase) applyMigrations(config, persistTo);
  const worker = await unstable_startWorker({
    config,
    bindings: { ADMIN_TOKEN: { type: "plain_text", value: BENCH_ADMIN_TOKEN } },
    dev: {
      persist: persistTo,
      server: { hostname: "127.0.0.1", port: 0 },
      inspector: false,
      watch: false,
      logLevel: "warn",
      // A registry of our own: the shared one changes whenever another `wrangler dev` on the
      // machine starts or stops, and each change reloads the Worker mid-request.
      registry: join(persistTo, "registry"),
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

export async function startBenchWorkers(): Promise<BenchWorkers> {
  // One after the other: the 2-core machine is shared, and start-up is not what we measure.
  const api = await startWorker(CONFIGS.api, true);
  const floorBytes = await startWorker(CONFIGS.floorBytes, false);
  const floorStorage = await startWorker(CONFIGS.floorStorage, true);
  return { api, floorBytes, floorStorage };
}

export async function stopBenchWorkers(workers: Partial<BenchWorkers>): Promise<void> {
  for (const worker of Object.values(workers)) await worker?.stop();
}
