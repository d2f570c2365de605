import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { apiKeyScope, idempotencyObjectName } from "../../src/idempotency/scope";
import { callJson } from "./http";

export const HOUR = 60 * 60 * 1000;

export function postSpace(key: string, idempotencyKey: string, name = "Studio") {
  return callJson("POST", "/v1/spaces", {
    key,
    body: { name },
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

/** The Durable Object that holds the replay record of (API key, Idempotency-Key). */
export function storeFor(keyId: string, key: string) {
  return env.IDEMPOTENCY.getByName(idempotencyObjectName({ scope: apiKeyScope(keyId), key }));
}

/** Moves the Worker's clock (Date only: timers stay real so I/O keeps working). */
export function travelTo(epochMs: number) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(epochMs);
}
