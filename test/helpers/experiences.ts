import { expect } from "vitest";
import { callJson } from "./http";
import { createApiKey } from "./tenants";

/** The three required fields of an experience. */
export const MINIMAL_EXPERIENCE = {
  name: "Vinyasa Flow",
  duration_minutes: 60,
  default_capacity: 12,
};

/** A valid Create Recurrence body; override any field. */
export function weeklyRecurrence(overrides: Record<string, unknown> = {}) {
  return {
    timezone: "Europe/Berlin",
    start_date: "2026-12-01",
    cadence: { frequency: "weekly", days_of_week: [1, 3] },
    session_templates: [{ start_time_of_day: "07:00" }],
    ...overrides,
  };
}

export async function createSpace(key: string, name = "Studio") {
  const { status, body } = await callJson("POST", "/v1/spaces", { key, body: { name } });
  expect(status).toBe(201);
  return body.data.id as string;
}

export async function createMember(key: string, spaceId = "GENERAL", name = "Ada Lovelace") {
  const { status, body } = await callJson("POST", `/v1/spaces/${spaceId}/members`, {
    key,
    body: { name },
  });
  expect(status).toBe(201);
  return body.data.id as string;
}

/** POSTs an experience (MINIMAL_EXPERIENCE plus overrides) and expects 201. */
export async function createExperience(key: string, overrides: Record<string, unknown> = {}) {
  const { status, body } = await callJson("POST", "/v1/experiences", {
    key,
    body: { ...MINIMAL_EXPERIENCE, ...overrides },
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body.data;
}

export async function createRecurrence(
  key: string,
  experienceId: string,
  overrides: Record<string, unknown> = {},
) {
  const { status, body } = await callJson("POST", `/v1/experiences/${experienceId}/recurrences`, {
    key,
    body: weeklyRecurrence(overrides),
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body.data;
}

/**
 * Hands out API keys of one organization, a new one every `callsPerKey` uses, so table-driven
 * tests stay under the 60 requests per 10 s limit of each key.
 */
export function keyRotation(orgId: string, callsPerKey = 40) {
  let current: string | undefined;
  let used = 0;
  return async () => {
    if (!current || used >= callsPerKey) {
      current = (await createApiKey(orgId)).key;
      used = 0;
    }
    used++;
    return current;
  };
}
