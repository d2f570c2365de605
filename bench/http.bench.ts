// `npm run bench`, HTTP part: the Worker under wrangler's dev runtime against floor Workers
// that do only the unavoidable part of the same work, measured in alternating rounds in one
// run so the shared machine's noise hits both sides alike. Prints figures, not pass/fail.

import { afterAll, beforeAll, it } from "vitest";
import {
  measureInterleavedLatencies,
  measureThroughput,
  median,
  restarts,
  type Target,
} from "./http/load";
import { type BenchSeed, SLOT_DAYS, seedApi, seedFloorStorage, TEMPLATES } from "./http/seed";
import { type BenchWorkers, startBenchWorkers, stopBenchWorkers } from "./http/workers";

// Rounds alternate the sides and each figure is the median of the per-round ratios: the shared
// machine's load changes by the second, and a ratio of two sides measured back to back in one
// round cancels most of it, where a ratio of two medians taken over the whole run does not.
const LATENCY_ROUNDS = 15;
const REQUESTS_PER_ROUND = 40;
const THROUGHPUT_ROUNDS = 9;
const CONNECTIONS = 20;
const THROUGHPUT_ROUND_MS = 2_000;

let workers: Partial<BenchWorkers> = {};
let seed: BenchSeed;

beforeAll(async () => {
  workers = await startBenchWorkers();
}, 120_000);

afterAll(async () => {
  await stopBenchWorkers(workers);
}, 60_000);

function api(): BenchWorkers {
  return workers as BenchWorkers;
}

function get(url: URL, headers: Record<string, string> = {}): () => Request {
  return () => new Request(url, { headers });
}

async function primeFloorBytes(): Promise<Uint8Array> {
  const { api: main, floorBytes } = api();
  const res = await fetch(new URL(seed.slotsPath, main.url), {
    headers: { "x-api-key": seed.apiKey },
  });
  if (res.status !== 200) throw new Error(`slots → ${res.status} ${await res.text()}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const slots = (JSON.parse(new TextDecoder().decode(bytes)) as { data: unknown[] }).data.length;
  if (slots !== SLOT_DAYS * TEMPLATES) throw new Error(`expected 1344 slots, got ${slots}`);
  const put = await fetch(floorBytes.url, { method: "PUT", body: bytes });
  if (put.status !== 204) throw new Error(`floor prime → ${put.status}`);
  return bytes;
}

function createTarget(name: string, url: URL): Target {
  let sequence = 0;
  return {
    name,
    status: 201,
    request: () =>
      new Request(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-api-key": seed.apiKey,
          "idempotency-key": `bench-${name}-${Date.now()}-${sequence++}`,
        },
        body: JSON.stringify({
          name: `Bench ${sequence}`,
          duration_minutes: 45,
          default_capacity: 8,
        }),
      }),
  };
}

interface Comparison {
  label: string;
  ours: number[];
  floor: number[];
  /** ours ÷ floor for latencies, so lower is better; floor ÷ ours… see `higherIsBetter`. */
  higherIsBetter: boolean;
  unit: string;
  goal: string;
}

function describe(comparison: Comparison): string[] {
  const ours = median(comparison.ours);
  const floor = median(comparison.floor);
  const perRound = comparison.ours.map((value, i) => value / (comparison.floor[i] ?? Number.NaN));
  const sorted = [...perRound].sort((a, b) => a - b);
  const fmt = (value: number) => value.toFixed(value < 10 ? 2 : 1);
  return [
    `${comparison.label}`,
    `  ratio ${median(perRound).toFixed(2)} (median of per-round ratios; goal ${comparison.goal}); medians: ours ${fmt(ours)} ${comparison.unit}, floor ${fmt(floor)} ${comparison.unit}`,
    `  per-round ratios ${sorted.map((r) => r.toFixed(2)).join(" ")} (spread ${fmt(sorted[0] ?? 0)}–${fmt(sorted.at(-1) ?? 0)})`,
  ];
}

async function latencyRounds(targets: Target[]): Promise<number[][]> {
  await measureInterleavedLatencies(targets, REQUESTS_PER_ROUND); // warm-up
  const p50s = targets.map(() => [] as number[]);
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    const latencies = await measureInterleavedLatencies(targets, REQUESTS_PER_ROUND);
    for (const [index, values] of latencies.entries()) p50s[index]?.push(median(values));
  }
  return p50s;
}

async function throughputRounds(targets: Target[]): Promise<number[][]> {
  for (const target of targets) await measureThroughput(target, CONNECTIONS, 500); // warm-up
  const rates = targets.map(() => [] as number[]);
  for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
    for (const [index, target] of targets.entries()) {
      rates[index]?.push(await measureThroughput(target, CONNECTIONS, THROUGHPUT_ROUND_MS));
    }
  }
  return rates;
}

it("measures slots and creates against their floors", { timeout: 600_000 }, async () => {
  const { api: main, floorBytes, floorStorage } = api();
  seed = await seedApi(main.url);
  await seedFloorStorage(floorStorage.url, seed.apiKey);
  const bytes = await primeFloorBytes();

  const [slots, floor, health] = await latencyRounds([
    {
      name: "slots",
      request: get(new URL(seed.slotsPath, main.url), { "x-api-key": seed.apiKey }),
      status: 200,
      expectedBody: bytes,
    },
    { name: "floor bytes", request: get(floorBytes.url), status: 200, expectedBody: bytes },
    { name: "health", request: get(new URL("/health", main.url)), status: 200 },
  ]);
  // Printed before the throughput rounds, so a failure there still leaves these figures.
  console.log(
    [
      "",
      `HTTP benchmark (wrangler dev runtime, 127.0.0.1): ${SLOT_DAYS} days × ${TEMPLATES} templates = ${SLOT_DAYS * TEMPLATES} slots, ${(bytes.length / 1024).toFixed(0)} KiB per response (same bytes and status checked on every response)`,
      `latency: p50 per round of ${REQUESTS_PER_ROUND} sequential requests per side on one connection each, the sides taking turns request by request, ${LATENCY_ROUNDS} rounds`,
      ...describe({
        label: "GET …/slots ÷ floor serving the same bytes (p50 ms)",
        ours: slots ?? [],
        floor: floor ?? [],
        higherIsBetter: false,
        unit: "ms",
        goal: "≤ 1.5",
      }),
      ...describe({
        label: "GET …/slots ÷ GET /health (p50 ms)",
        ours: slots ?? [],
        floor: health ?? [],
        higherIsBetter: false,
        unit: "ms",
        goal: "≤ 3",
      }),
    ].join("\n"),
  );
  const [creates, floorCreates] = await throughputRounds([
    createTarget("create", new URL("/v1/experiences", main.url)),
    createTarget("floor-create", new URL("/experiences", floorStorage.url)),
  ]);

  const lines = [
    `runtime reloads under a request (re-sent, not counted as results): ${restarts.count}`,
    `throughput: ${CONNECTIONS} connections, ${THROUGHPUT_ROUND_MS / 1000} s per round, ${THROUGHPUT_ROUNDS} rounds alternating the sides (every response a 201)`,
    ...describe({
      label: "POST /v1/experiences + Idempotency-Key ÷ bare storage work (req/s)",
      ours: creates ?? [],
      floor: floorCreates ?? [],
      higherIsBetter: true,
      unit: "req/s",
      goal: "≥ 0.9",
    }),
    "",
  ];
  console.log(lines.join("\n"));
});
