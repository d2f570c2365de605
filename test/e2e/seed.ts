import { E2E_ADMIN_TOKEN } from "./local-worker";

// biome-ignore lint/suspicious/noExplicitAny: wire payloads are read field by field
type Json = any;

async function send(
  base: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
) {
  const res = await fetch(new URL(path, base), {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: Json = res.status === 204 ? {} : await res.json();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json.data;
}

export interface Seed {
  apiKey: string;
  experienceId: string;
  /** Calls the /v1 API with the seed's key. */
  v1(method: string, path: string, body?: unknown): Promise<Json>;
  /** Another experience of the organization, same schedule: the given fields replace the seed's. */
  addExperience(overrides: Record<string, unknown>): Promise<string>;
}

/**
 * An organization in Berlin with an experience that has sessions on Mondays, Wednesdays,
 * Fridays and Saturdays at 07:00 (Ada Lovelace) and 18:30 (Grace Hopper).
 */
export async function seedExperience(base: URL): Promise<Seed> {
  const admin = { authorization: `Bearer ${E2E_ADMIN_TOKEN}` };
  const org = await send(base, "POST", "/admin/organizations", admin, {
    name: "Riverside Studio",
    timezone: "Europe/Berlin",
  });
  const key = await send(base, "POST", `/admin/organizations/${org.id}/api-keys`, admin, {
    name: "e2e",
    scopes: { experiences: "write", bookings: "write", spaces: "write" },
  });
  const v1 = (method: string, path: string, body?: unknown) =>
    send(base, method, `/v1${path}`, { "x-api-key": key.key }, body);
  const member = (name: string) =>
    v1("POST", "/spaces/GENERAL/members", { name, email: `${name.split(" ")[0]}@example.com` });
  const [ada, grace] = [await member("Ada Lovelace"), await member("Grace Hopper")];
  const body = experienceBody(ada.id, grace.id);
  const experience = await v1("POST", "/experiences", body);
  const addExperience = async (overrides: Record<string, unknown>) =>
    (await v1("POST", "/experiences", { ...body, ...overrides })).id as string;
  return { apiKey: key.key, experienceId: experience.id, v1, addExperience };
}

function experienceBody(ada: string, grace: string) {
  const today = new Date().toISOString().slice(0, 10);
  return {
    name: "Vinyasa Flow",
    description:
      "A flowing, breath-led class for all levels.\nMats and blocks are provided; bring water and comfortable clothes.",
    duration_minutes: 75,
    default_capacity: 6,
    max_booking_quantity: 4,
    required_contact_method: "email_and_phone",
    location: {
      type: "in_person",
      venue: "Riverside Studio",
      address: "Paul-Lincke-Ufer 21",
      city: "Berlin",
      country: "Germany",
      instructions: "Ring the bell marked Studio, second floor.",
    },
    pricing: { model: "per_session", currency: "EUR", amount: 18.5 },
    providers: [ada, grace],
    scheduling_rules: {
      booking_window: { min_hours_before: 2, max_days_ahead: 60 },
      cancellation_policy: { refundable_until_hours_before: 24 },
    },
    default_recurrence: {
      timezone: "Europe/Berlin",
      start_date: today,
      cadence: { frequency: "weekly", days_of_week: [1, 3, 5, 6] },
      // The morning class falls back to the experience's first provider; Grace teaches evenings.
      session_templates: [
        { start_time_of_day: "07:00" },
        { start_time_of_day: "18:30", provider_id: grace },
      ],
    },
  };
}
