import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_ADMIN_TOKEN, type LocalWorker, startLocalWorker } from "./local-worker";

// biome-ignore lint/suspicious/noExplicitAny: wire payloads are read field by field
type Json = any;

interface Received {
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes that arrived. */
  body: Uint8Array;
}

let worker: LocalWorker;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

/** A real receiver on 127.0.0.1 (a free port), answering 200 to everything. */
function startReceiver(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const chunks: Uint8Array[] = [];
      req.on("data", (chunk) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("ok");
      });
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

async function send(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(new URL(path, worker.url), {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: Json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

async function waitForEvents(types: string[], timeoutMs = 30_000): Promise<Json[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = received.map((hit) => JSON.parse(new TextDecoder().decode(hit.body)));
    if (types.every((type) => events.some((event) => event.type === type))) return events;
    if (Date.now() > deadline) {
      throw new Error(`Got ${events.map((e) => e.type).join(", ")}; wanted ${types.join(", ")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The receiver's check (Standard Webhooks), over the exact bytes received. */
function verifies(hit: Received, secret: string): boolean {
  const id = String(hit.headers["webhook-id"]);
  const timestamp = String(hit.headers["webhook-timestamp"]);
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key)
    .update(`${id}.${timestamp}.`)
    .update(hit.body)
    .digest("base64");
  return String(hit.headers["webhook-signature"]).split(" ").includes(`v1,${expected}`);
}

beforeAll(async () => {
  [worker, receiver] = await Promise.all([startLocalWorker(), startReceiver()]);
  const address = receiver.address();
  if (!address || typeof address === "string") throw new Error("Receiver has no port");
  receiverUrl = `http://127.0.0.1:${address.port}/hooks`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(() => resolve(undefined)));
  await worker?.stop();
});

describe("webhooks under wrangler dev, to a real receiver on 127.0.0.1", () => {
  it("delivers every event of a booking's life, signed and verifiable", async () => {
    const admin = { authorization: `Bearer ${E2E_ADMIN_TOKEN}` };
    const org = await send("POST", "/admin/organizations", admin, {
      name: "Hooks",
      timezone: "UTC",
    });
    const { key } = await send("POST", `/admin/organizations/${org.id}/api-keys`, admin, {
      name: "e2e",
      scopes: { experiences: "write", bookings: "write", webhooks: "write" },
    });
    const v1 = { "x-api-key": key };
    const endpoint = await send("POST", "/v1/webhook-endpoints", v1, {
      url: receiverUrl,
      events: ["*"],
    });

    const start = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const experience = await send("POST", "/v1/experiences", v1, {
      name: "Sunrise Yoga",
      duration_minutes: 60,
      default_capacity: 8,
      required_contact_method: "email",
      scheduling_rules: {
        booking_window: { min_hours_before: 0, max_days_ahead: 30 },
        cancellation_policy: { refundable_until_hours_before: 24 },
      },
      default_recurrence: {
        timezone: "UTC",
        start_date: start,
        cadence: { frequency: "daily" },
        session_templates: [{ start_time_of_day: "07:00" }],
      },
    });
    const recurrenceId = experience.recurrence_ids[0];
    const day = new Date(Date.now() + 3 * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replaceAll("-", "");
    const sessionId = `ses_${recurrenceId.slice(4)}_${day}_0700`;
    const booking = await send("POST", `/v1/experiences/${experience.id}/bookings`, v1, {
      session_id: sessionId,
      contact: { name: "Ada", email: "ada@example.com" },
    });
    const cancelled = await send("POST", `/v1/bookings/${booking.id}/cancel`, v1, {});
    await send("PATCH", `/v1/experiences/${experience.id}`, v1, { name: "Sunrise Yoga II" });

    const events = await waitForEvents([
      "experience.created",
      "recurrence.created",
      "booking.created",
      "booking.cancelled",
      "experience.updated",
    ]);
    for (const hit of received) expect(verifies(hit, endpoint.secret)).toBe(true);
    const byType = (type: string) => events.find((event) => event.type === type);
    expect(byType("booking.created").data.object).toEqual(booking);
    expect(byType("booking.cancelled").data.object).toEqual(cancelled);
    expect(byType("booking.created").data.object.cancel_token).toBeUndefined();
    for (const event of events) {
      const hit = received.find((h) => h.headers["webhook-id"] === event.id);
      expect(hit?.headers["content-type"]).toBe("application/json");
    }
    const log = await send("GET", `/v1/webhook-endpoints/${endpoint.id}/deliveries`, v1);
    expect(log.every((delivery: Json) => delivery.status === "succeeded")).toBe(true);
  });
});
