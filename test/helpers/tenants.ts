import { expect } from "vitest";
import { admin } from "./http";

export type Level = "none" | "read" | "write";
export interface Scopes {
  experiences?: Level;
  bookings?: Level;
  spaces?: Level;
  webhooks?: Level;
}

export const FULL_ACCESS: Scopes = {
  experiences: "write",
  bookings: "write",
  spaces: "write",
  webhooks: "write",
};

export async function createOrganization(name = "Test Studio", timezone = "Europe/Berlin") {
  const { status, body } = await admin("POST", "/organizations", { name, timezone });
  expect(status).toBe(201);
  return body.data as { id: string; name: string; timezone: string };
}

export async function createApiKey(orgId: string, scopes: Scopes = FULL_ACCESS, name = "test") {
  const { status, body } = await admin("POST", `/organizations/${orgId}/api-keys`, {
    name,
    scopes,
  });
  expect(status).toBe(201);
  return body.data as { id: string; key: string; prefix: string };
}

/** A fresh organization with a full-access key: tests never share rate-limit buckets or data. */
export async function createTenant(timezone = "Europe/Berlin", scopes: Scopes = FULL_ACCESS) {
  const org = await createOrganization("Tenant", timezone);
  const apiKey = await createApiKey(org.id, scopes);
  return { org, orgId: org.id, key: apiKey.key, keyId: apiKey.id };
}
