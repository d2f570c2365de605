// The load side: latency over one connection, throughput over many. Every response is checked
// (status, and bytes where a reference is given), so a fast error never passes for a result.

export interface Target {
  name: string;
  request: () => Request;
  status: number;
  /** When set, every body must equal these bytes. */
  expectedBody?: Uint8Array;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sends one request and reads its whole body; returns when the last byte has arrived. */
async function send(target: Target): Promise<{ status: number; body: Uint8Array }> {
  const res = await fetch(target.request());
  return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) };
}

function check(target: Target, { status, body }: { status: number; body: Uint8Array }): void {
  if (status !== target.status) {
    const text = new TextDecoder().decode(body.slice(0, 300));
    throw new Error(`${target.name}: status ${status}, expected ${target.status}: ${text}`);
  }
  if (target.expectedBody && !sameBytes(body, target.expectedBody)) {
    throw new Error(`${target.name}: the body differs from the reference bytes`);
  }
}

/**
 * Milliseconds of `count` requests per target, from sending to the last byte, each target's
 * sent one after the other on one connection; the targets take turns request by request, so
 * each meets the same moments of the machine's load. Responses are checked after the clock
 * stopped.
 */
export async function measureInterleavedLatencies(
  targets: Target[],
  count: number,
): Promise<number[][]> {
  const latencies = targets.map(() => [] as number[]);
  for (let i = 0; i < count; i++) {
    for (const [index, target] of targets.entries()) {
      const started = performance.now();
      const response = await send(target);
      latencies[index]?.push(performance.now() - started);
      check(target, response);
    }
  }
  return latencies;
}

// wrangler's proxy answers this when the runtime reloaded under a request (it happens on this
// shared machine); such a request is sent again and counted, never taken as a result.
const RESTARTED = "Your worker restarted mid-request";
export const restarts = { count: 0 };

/** A connection the runtime dropped while reloading (undici's socket error). */
function isDroppedConnection(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code === "UND_ERR_SOCKET";
}

async function sendRetryingRestarts(target: Target) {
  for (;;) {
    let response: { status: number; body: Uint8Array };
    try {
      response = await send(target);
    } catch (err) {
      if (!isDroppedConnection(err)) throw err;
      restarts.count++;
      continue;
    }
    if (response.status !== 503 || !new TextDecoder().decode(response.body).includes(RESTARTED)) {
      return response;
    }
    restarts.count++;
  }
}

/** Requests per second completed by `connections` concurrent senders during `durationMs`. */
export async function measureThroughput(
  target: Target,
  connections: number,
  durationMs: number,
): Promise<number> {
  const started = performance.now();
  let completed = 0;
  const sender = async () => {
    while (performance.now() - started < durationMs) {
      check(target, await sendRetryingRestarts(target));
      completed++;
    }
  };
  await Promise.all(Array.from({ length: connections }, sender));
  return (completed * 1000) / (performance.now() - started);
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

export const median = (values: number[]) => percentile(values, 0.5);
