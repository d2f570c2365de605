// Not part of `npm run bench`: a CPU profile of the API Worker under workerd's inspector while
// it answers a request many times (the benchmark's slots request by default, creates, or /health).
//   npx esbuild bench/http/profile.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=.tmp/profile.mjs && node .tmp/profile.mjs slots 200 9821
// Prints the functions with the most self time and writes .tmp/<kind>.cpuprofile.

import { mkdirSync, writeFileSync } from "node:fs";
import { WebSocket } from "undici";
import { seedApi } from "./seed";
import { startApiWorker } from "./workers";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

function inspectorSession(url: string) {
  // wrangler's inspector proxy accepts only DevTools origins, 127.0.0.1 among them.
  const socket = new WebSocket(url, { headers: { origin: "http://127.0.0.1" } });
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id) pending.get(message.id)?.(message.result);
  });
  const opened = new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));
  return {
    async send<T>(method: string, params: object = {}): Promise<T> {
      await opened;
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve) => pending.set(id, resolve as (result: unknown) => void));
    },
    close: () => socket.close(),
  };
}

function topSelfTime(profile: CpuProfile, count: number): string[] {
  const total = profile.nodes.reduce((sum, node) => sum + node.hitCount, 0);
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split("/").slice(-2).join("/");
    const name = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.hitCount);
  }
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, hits]) => `${((100 * hits) / total).toFixed(1).padStart(5)}%  ${name}`);
}

async function main() {
  const [kind = "slots", requests = "200", port = "9821"] = process.argv.slice(2);
  const worker = await startApiWorker({ inspectorPort: Number(port) });
  try {
    const seed = await seedApi(worker.url);
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const target = targets.find((t) => t.webSocketDebuggerUrl);
    if (!target) throw new Error("no inspector target");
    const session = inspectorSession(target.webSocketDebuggerUrl);
    const send = (i: number) =>
      kind === "health"
        ? fetch(new URL("/health", worker.url))
        : kind === "slots"
          ? fetch(new URL(seed.slotsPath, worker.url), { headers: { "x-api-key": seed.apiKey } })
          : fetch(new URL("/v1/experiences", worker.url), {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "x-api-key": seed.apiKey,
                "idempotency-key": `profile-${Date.now()}-${i}`,
              },
              body: JSON.stringify({ name: `P ${i}`, duration_minutes: 45, default_capacity: 8 }),
            });
    for (let i = 0; i < 20; i++) await (await send(i)).arrayBuffer(); // warm-up
    await session.send("Profiler.enable");
    await session.send("Profiler.setSamplingInterval", { interval: 100 });
    await session.send("Profiler.start");
    const started = performance.now();
    for (let i = 0; i < Number(requests); i++) {
      const res = await send(i + 100);
      await res.arrayBuffer();
      if (res.status >= 300) throw new Error(`${kind} → ${res.status}`);
    }
    const elapsed = performance.now() - started;
    const { profile } = await session.send<{ profile: CpuProfile }>("Profiler.stop");
    session.close();
    mkdirSync(".tmp", { recursive: true });
    writeFileSync(`.tmp/${kind}.cpuprofile`, JSON.stringify(profile));
    const sampledMs = (profile.endTime - profile.startTime) / 1000;
    console.log(
      `${requests} ${kind} requests in ${elapsed.toFixed(0)} ms (profile ${sampledMs.toFixed(0)} ms)`,
    );
    console.log(topSelfTime(profile, 40).join("\n"));
  } finally {
    await worker.stop();
  }
}

await main();
