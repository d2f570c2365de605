import { vi } from "vitest";
import { callJson } from "./http";

export interface ReceivedWebhook {
  url: string;
  headers: Headers;
  /** The exact body bytes the receiver got, as text. */
  body: string;
  receivedAt: number;
}

type Responder = (request: ReceivedWebhook) => Response | Promise<Response>;

interface Receiver {
  received: ReceivedWebhook[];
  respond: Responder;
}

const receivers = new Map<string, Receiver>();
let installed = false;

/**
 * The Worker runs in the test's isolate, so its outbound fetch can be answered here: requests
 * to a receiver's host are recorded and answered by the test; anything else goes out as usual.
 */
function installInterceptor() {
  if (installed) return;
  installed = true;
  const passThrough = globalThis.fetch.bind(globalThis);
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const receiver = receivers.get(new URL(request.url).host);
    if (!receiver) return passThrough(input, init);
    const hit: ReceivedWebhook = {
      url: request.url,
      headers: request.headers,
      body: await request.text(),
      receivedAt: Date.now(),
    };
    receiver.received.push(hit);
    return receiver.respond(hit);
  });
}

let counter = 0;

/** A webhook receiver at https://<unique host>/hook answering 200 unless told otherwise. */
export function webhookReceiver() {
  installInterceptor();
  const host = `receiver-${Date.now().toString(36)}-${counter++}.example.com`;
  const receiver: Receiver = { received: [], respond: () => new Response("ok") };
  receivers.set(host, receiver);
  return {
    url: `https://${host}/hook`,
    received: receiver.received,
    respondWith(responder: Responder) {
      receiver.respond = responder;
    },
    /** Waits until `count` requests arrived (the real Queue delivers them asynchronously). */
    async waitFor(count: number, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (receiver.received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`Expected ${count} webhooks, got ${receiver.received.length}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return receiver.received.slice(0, count);
    },
  };
}

export async function createEndpoint(key: string, body: Record<string, unknown>) {
  const res = await callJson("POST", "/v1/webhook-endpoints", { key, body });
  if (res.status !== 201) throw new Error(`Endpoint not created: ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; secret: string; url: string; events: string[] };
}
