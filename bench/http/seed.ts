// The benchmark's data: an organization, a key, and an experience with a daily recurrence of
// 48 templates (every half hour), so 28 days hold 1344 slots.

import { sha256Hex } from "../../src/lib/crypto";
import { BENCH_ADMIN_TOKEN } from "./workers";

export const SLOT_DAYS = 28;
export const TEMPLATES = 48;

// biome-ignore lint/suspicious/noExplicitAny: wire payloads are read field by field
type Json = any;

async function send(url: URL, init: RequestInit): Promise<Json> {
  const res = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });
  const json: Json = await res.json();
  if (!res.ok) throw new Error(`${init.method} ${url} → ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

function halfHourTemplates() {
  return Array.from({ length: TEMPLATES }, (_, index) => {
    const hour = String(Math.floor(index / 2)).padStart(2, "0");
    return { start_time_of_day: `${hour}:${index % 2 === 0 ? "00" : "30"}` };
  });
}

export interface BenchSeed {
  apiKey: string;
  experienceId: string;
  /** Path and query of the slots request: 28 days, starting two days from now. */
  slotsPath: string;
}

function addUtcDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function seedApi(base: URL): Promise<BenchSeed> {
  const admin = { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` };
  const org = await send(new URL("/admin/organizations", base), {
    method: "POST",
    headers: admin,
    body: JSON.stringify({ name: "Bench Studio", timezone: "Europe/Berlin" }),
  });
  const key = await send(new URL(`/admin/organizations/${org.id}/api-keys`, base), {
    method: "POST",
    headers: admin,
    body: JSON.stringify({ name: "bench", scopes: { experiences: "write", bookings: "write" } }),
  });
  const experience = await send(new URL("/v1/experiences", base), {
    method: "POST",
    headers: { "x-api-key": key.key },
    body: JSON.stringify({
      name: "Open Studio",
      duration_minutes: 25,
      default_capacity: 12,
      // Two days ahead to 29 days ahead: every slot stays bookable for the whole run, so each
      // response has the same bytes as the floor's copy.
      scheduling_rules: { booking_window: { min_hours_before: 1, max_days_ahead: 60 } },
      default_recurrence: {
        timezone: "Europe/Berlin",
        start_date: addUtcDays(0),
        cadence: { frequency: "daily", interval: 1 },
        session_templates: halfHourTemplates(),
      },
    }),
  });
  const from = addUtcDays(2);
  const to = addUtcDays(2 + SLOT_DAYS - 1);
  return {
    apiKey: key.key,
    experienceId: experience.id,
    slotsPath: `/v1/experiences/${experience.id}/slots?from=${from}&to=${to}&include_unbookable=true`,
  };
}

/** The storage floor gets an organization and a key row of its own to read. */
export async function seedFloorStorage(base: URL, apiKey: string): Promise<void> {
  const res = await fetch(new URL("/seed", base), {
    method: "POST",
    body: JSON.stringify({
      organizationId: "org_BenchFloor0000000",
      keyHash: await sha256Hex(apiKey),
    }),
  });
  if (res.status !== 204) throw new Error(`floor seed → ${res.status} ${await res.text()}`);
}
