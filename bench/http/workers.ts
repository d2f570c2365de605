// Starts the three Workers of the HTTP benchmark under wrangler's dev runtime (the engine of
// `wrangler dev`), each with its own throwaway local storage.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unstable_startWorker } from "wrangler";

type Binding = NonNullable<Parameters<typeof unstable_startWorker>[0]["bindings"]>[string];

export const BENCH_ADMIN_TOKEN = "bench-admin-token";

// One directory each: wrangler keeps its bundles in .wrangler/ beside the config, and Workers
// sharing that directory removed each other's bundles. The API is the project's own
// wrangler.toml, so it is measured with every binding, asset and build step production has.
const CONFIGS = {
  api: "wrangler.toml",
  floorBytes: "bench/http/floor-bytes/wrangler.toml",
  floorStorage: "bench/http/floor-storage/wrangler.toml",
} as const;

// The one difference from production: a rate limit a benchmark cannot reach, so it measures
// the API rather than 429s (production and tests keep wrangler.toml's 60 per 10 s).
const UNREACHABLE_RATE_LIMIT = {
  RATE_LIMITER: {
    type: "ratelimit",
    namespace_id: "1001",
    simple: { limit: 1_000_000_000, period: 10 },
  },
} as const;

export interface BenchWorker {
  url: URL;
  stop(): Promise<void>;
}

export type BenchWorkers = Record<keyof typeof CONFIGS, BenchWorker>;

function runNode(what: string, args: string[]) {
  const result = spawnSync(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

function applyMigrations(config: string, persistTo: string) {
  const wrangler = join("node_modules", "wrangler", "bin", "wrangler.js");
  const args = ["d1", "migrations", "apply", "DB", "--local", "-c", config];
  runNode("D1 migrations", [wrangler, ...args, "--persist-to", persistTo]);
}

interface WorkerOptions {
  withDatabase: boolean;
  bindings?: Record<string, Binding>;
  /** workerd's inspector on this port (for profiling), else none. */
  inspectorPort?: number;
}

async function startWorker(
  config: string,
  { withDatabase, bindings = {}, inspectorPort }: WorkerOptions,
): Promise<BenchWorker> {
  const persistTo = mkdtempSync(join(tmpdir(), "booking-bench-"));
  if (withDatabase) applyMigrations(config, persistTo);
  const worker = await unstable_startWorker({
    config,
    // Not a developer's .dev.vars: the bench sets what it needs.
    envFiles: [],
    bindings: { ADMIN_TOKEN: { type: "plain_text", value: BENCH_ADMIN_TOKEN }, ...bindings },
    dev: {
      persist: persistTo,
      server: { hostname: "127.0.0.1", port: 0 },
      inspector: inspectorPort ? { hostname: "127.0.0.1", port: inspectorPort } : false,
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

/** The API Worker as production configures it, but for the rate limit. */
export async function startApiWorker(options: { inspectorPort?: number } = {}) {
  // wrangler.toml's [assets] directory (its [build] step bundles the page script).
  runNode("build:assets", ["scripts/build-assets.mjs"]);
  return startWorker(CONFIGS.api, {
    withDatabase: true,
    bindings: UNREACHABLE_RATE_LIMIT,
    ...options,
  });
}

export async function startBenchWorkers(): Promise<BenchWorkers> {
  // One after the other: the 2-core machine is shared, and start-up is not what we measure.
  const api = await startApiWorker();
  const floorBytes = await startWorker(CONFIGS.floorBytes, { withDatabase: false });
  const floorStorage = await startWorker(CONFIGS.floorStorage, { withDatabase: true });
  return { api, floorBytes, floorStorage };
}

export async function stopBenchWorkers(workers: Partial<BenchWorkers>): Promise<void> {
  for (const worker of Object.values(workers)) await worker?.stop();
}
