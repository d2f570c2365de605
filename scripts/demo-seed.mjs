// Builds the idempotent demo seed (INSERT OR IGNORE with fixed IDs). The demo API key is
// generated once and kept in .wrangler/demo-api-key, next to the local D1 it belongs to, so
// re-running `npm run dev` prints the same working key.
import { createHash, randomInt } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const KEY_FILE = ".wrangler/demo-api-key";
const SQL_FILE = ".wrangler/demo-seed.sql";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function demoApiKey() {
  if (existsSync(KEY_FILE)) return readFileSync(KEY_FILE, "utf8").trim();
  let random = "";
  for (let i = 0; i < 40; i++) random += BASE62[randomInt(62)];
  const key = `bk_live_${random}`;
  writeFileSync(KEY_FILE, `${key}\n`, { mode: 0o600 });
  return key;
}

function todayIn(timeZone) {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
}

const quote = (value) => `'${String(value).replaceAll("'", "''")}'`;
const json = (value) => quote(JSON.stringify(value));

export function buildDemoSeed() {
  mkdirSync(".wrangler", { recursive: true });
  const apiKey = demoApiKey();
  const hash = createHash("sha256").update(apiKey).digest("hex");
  const now = Date.now();
  const org = "org_DemoStudio000000001";
  const scopes = { experiences: "write", bookings: "write", spaces: "write", webhooks: "write" };
  const template = (time) => ({
    start_time_of_day: time,
    capacity: null,
    provider_id: null,
    days_of_week: null,
  });
  const sql = `
INSERT OR IGNORE INTO organizations (id, name, timezone, created_at)
  VALUES (${quote(org)}, 'Demo Studio', 'Europe/Berlin', ${now});
INSERT OR IGNORE INTO spaces (organization_id, id, name, created_at)
  VALUES (${quote(org)}, 'GENERAL', 'General', ${now});
INSERT OR IGNORE INTO members (id, organization_id, space_id, name, email, created_at) VALUES
  ('sm_DemoMemberAda00000001', ${quote(org)}, 'GENERAL', 'Ada Lovelace', 'ada@example.com', ${now}),
  ('sm_DemoMemberGrace000001', ${quote(org)}, 'GENERAL', 'Grace Hopper', 'grace@example.com', ${now + 1});
INSERT OR IGNORE INTO api_keys (id, organization_id, name, prefix, key_hash, scopes, created_at, revoked_at)
  VALUES ('key_DemoFullAccess00001', ${quote(org)}, 'Demo full access', ${quote(apiKey.slice(0, 12))},
          ${quote(hash)}, ${json(scopes)}, ${now}, NULL);
UPDATE api_keys SET key_hash = ${quote(hash)}, prefix = ${quote(apiKey.slice(0, 12))}, revoked_at = NULL,
  scopes = ${json(scopes)}
  WHERE id = 'key_DemoFullAccess00001';
INSERT OR IGNORE INTO experiences (id, organization_id, space_id, name, description, status,
  registration_status, duration_minutes, default_capacity, max_booking_quantity,
  required_contact_method, providers, location, pricing, scheduling_rules, created_at, updated_at)
  VALUES ('exp_DemoVinyasaFlow00001', ${quote(org)}, 'GENERAL', 'Vinyasa Flow',
    'A dynamic 60-minute flow for all levels. Mats are provided.', 'active', 'open', 60, 12, 5,
    'email', ${json(["sm_DemoMemberAda00000001"])},
    ${json({ type: "in_person", venue: "Demo Studio", address: "Torstraße 1", city: "Berlin", country: "DE" })},
    ${json({ model: "per_session", currency: "eur", amount: 18 })},
    ${json({ booking_window: { min_hours_before: 1, max_days_ahead: 60 }, cancellation_policy: { refundable_until_hours_before: 24 } })},
    ${now}, ${now});
INSERT OR IGNORE INTO recurrences (id, organization_id, experience_id, provider_id, timezone,
  start_date, cadence, end_condition, session_templates, excluded_dates, status, created_at,
  updated_at, deleted_at)
  VALUES ('rec_DemoVinyasaFlow00001', ${quote(org)}, 'exp_DemoVinyasaFlow00001',
    'sm_DemoMemberAda00000001', 'Europe/Berlin', ${quote(todayIn("Europe/Berlin"))},
    ${json({ frequency: "weekly", interval: 1, days_of_week: [1, 3, 5] })}, ${json({ type: "never" })},
    ${json([template("07:00"), template("18:30")])}, '[]', 'active', ${now}, ${now}, NULL);
`;
  writeFileSync(SQL_FILE, sql);
  return { sqlFile: SQL_FILE, apiKey };
}
