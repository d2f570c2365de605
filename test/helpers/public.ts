import { expect } from "vitest";
import { type CallOptions, call, callJson } from "./http";
import { createBookableExperience, type ExperienceSetup, futureSessionId } from "./scheduling";
import { createTenant } from "./tenants";

/**
 * A client IP of its own per caller: public routes are rate limited and idempotency-scoped per
 * IP, so tests never share a bucket or a key scope.
 */
export function newClientIp(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

export function publicClient(ip = newClientIp()) {
  const withIp = (options: CallOptions = {}): CallOptions => ({
    ...options,
    headers: { "cf-connecting-ip": ip, ...options.headers },
  });
  return {
    ip,
    json: (method: string, path: string, options?: CallOptions) =>
      callJson(method, path, withIp(options)),
    raw: (method: string, path: string, options?: CallOptions) =>
      call(method, path, withIp(options)),
  };
}

/** A tenant with a bookable experience (daily UTC sessions at 07:00 and 18:30). */
export async function publicFixture(setup: Omit<ExperienceSetup, "key"> = {}) {
  const tenant = await createTenant();
  const experience = await createBookableExperience({ key: tenant.key, ...setup });
  return {
    ...tenant,
    ...experience,
    sessionId: futureSessionId(experience.recurrenceId),
  };
}

export async function patchExperience(key: string, experienceId: string, body: unknown) {
  const res = await callJson("PATCH", `/v1/experiences/${experienceId}`, { key, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
