import { env } from "cloudflare:workers";
import { createApp } from "../../src/app";
import { countRoundTrips, type RoundTrip } from "./bound-parameter-guard";
import { readJson } from "./http";

/** The API key lookup of /v1 authentication is the middleware's, not the booking's. */
const isAuthLookup = (trip: RoundTrip) => trip.sql.some((sql) => sql.includes('"api_keys"'));

export interface Counted {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: wire payloads are asserted field by field
  body: any;
  /** The route's round trips until its response (the §12 dispatch runs after it, apart). */
  trips: RoundTrip[];
  /** The round trips of the work the request left running after its response (waitUntil). */
  background: RoundTrip[];
  authTrips: number;
  /** Every trip until the response, the key lookup included, in the order they were sent. */
  all: RoundTrip[];
}

export function countedPost(path: string, body: unknown, headers: Record<string, string>) {
  return countedRequest(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** A request through a fresh app whose D1 binding counts every round trip, in call order. */
export async function countedRequest(path: string, init: RequestInit): Promise<Counted> {
  const { db, trips } = countRoundTrips(env.DB);
  const background: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (promise: Promise<unknown>) => background.push(promise),
    passThroughOnException: () => undefined,
    props: {},
  } as unknown as ExecutionContext;
  const res = await createApp().request(`https://api.test${path}`, init, { ...env, DB: db }, ctx);
  const untilResponse = [...trips];
  const parsed = await readJson(res);
  await Promise.all(background);
  return {
    all: untilResponse,
    background: trips.slice(untilResponse.length),
    status: res.status,
    body: parsed,
    trips: untilResponse.filter((trip) => !isAuthLookup(trip)),
    authTrips: untilResponse.filter(isAuthLookup).length,
  };
}
