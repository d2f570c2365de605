import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { createDb } from "../../src/db/client";
import { AppError } from "../../src/errors";
import { rescheduleBooking } from "../../src/features/bookings/booking-reschedule.service";
import type { CreateBookingBody } from "../../src/features/bookings/bookings.schemas";
import { cancelBooking, createBooking } from "../../src/features/bookings/bookings.service";
import { findExperienceById } from "../../src/features/experiences/experiences.repository";
import type { SlotsQuery } from "../../src/features/slots/slots.schemas";
import { listSlots } from "../../src/features/slots/slots.service";
import type { IdempotencyScope } from "../../src/idempotency/scope";
import { call, callJson } from "./http";
import { createApiKey, type Scopes } from "./tenants";

/** `YYYY-MM-DD` of an instant in UTC. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface ExperienceSetup {
  key: string;
  experience?: Record<string, unknown>;
  recurrence?: Record<string, unknown>;
}

/**
 * An experience with one daily recurrence in UTC starting yesterday, so sessions exist on
 * both sides of "now"; fields can be overridden per test.
 */
export async function createBookableExperience({ key, experience, recurrence }: ExperienceSetup) {
  const res = await callJson("POST", "/v1/experiences", {
    key,
    body: {
      name: "Vinyasa Flow",
      duration_minutes: 60,
      default_capacity: 10,
      scheduling_rules: {
        booking_window: { min_hours_before: 0, max_days_ahead: 60 },
        cancellation_policy: { refundable_until_hours_before: 24 },
      },
      required_contact_method: "none",
      ...experience,
      default_recurrence: {
        timezone: "UTC",
        start_date: utcDate(Date.now() - 86_400_000),
        cadence: { frequency: "daily", interval: 1 },
        session_templates: [{ start_time_of_day: "07:00" }, { start_time_of_day: "18:30" }],
        ...recurrence,
      },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const data = res.body.data;
  return { experienceId: data.id as string, recurrenceId: data.recurrence_ids[0] as string };
}

/** The session id for a recurrence, local date and time (§8). */
export function sessionIdOf(recurrenceId: string, date: string, time: string): string {
  return `ses_${recurrenceId.slice(4)}_${date.replaceAll("-", "")}_${time.replace(":", "")}`;
}

/** A session of the daily UTC test recurrence starting a few days from now. */
export function futureSessionId(recurrenceId: string, daysAhead = 3, time = "07:00"): string {
  return sessionIdOf(recurrenceId, utcDate(Date.now() + daysAhead * 86_400_000), time);
}

// biome-ignore lint/suspicious/noExplicitAny: wire payloads are asserted field by field
type Slot = Record<string, any>;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A booking body; contact name only, which suffices for `required_contact_method: none`. */
export function bookingBody(sessionId: string, extra: Record<string, unknown> = {}) {
  return { session_id: sessionId, contact: { name: "Jo Doe" }, ...extra };
}

export function book(
  key: string,
  experienceId: string,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
) {
  return callJson("POST", `/v1/experiences/${experienceId}/bookings`, { key, body, headers });
}

/** POSTs a booking and expects 201; returns the booking. */
export async function bookOk(key: string, experienceId: string, body: Record<string, unknown>) {
  const res = await book(key, experienceId, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

export function getSlots(key: string, experienceId: string, query: Record<string, string> = {}) {
  const search = new URLSearchParams(query).toString();
  return callJson("GET", `/v1/experiences/${experienceId}/slots${search ? `?${search}` : ""}`, {
    key,
  });
}

/** GETs slots, expects 200 and returns the slot list. */
export async function slotsOf(
  key: string,
  experienceId: string,
  query: Record<string, string> = {},
) {
  const res = await getSlots(key, experienceId, query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as Slot[];
}

export async function patchExperience(key: string, experienceId: string, body: unknown) {
  const res = await callJson("PATCH", `/v1/experiences/${experienceId}`, { key, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

export async function patchRecurrence(
  key: string,
  experienceId: string,
  recurrenceId: string,
  body: unknown,
) {
  const res = await callJson(
    "PATCH",
    `/v1/experiences/${experienceId}/recurrences/${recurrenceId}`,
    {
      key,
      body,
    },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

export async function deleteRecurrence(key: string, experienceId: string, recurrenceId: string) {
  const res = await call("DELETE", `/v1/experiences/${experienceId}/recurrences/${recurrenceId}`, {
    key,
  });
  expect(res.status).toBe(204);
}

export async function cancelOk(key: string, bookingId: string, body?: unknown) {
  const res = await callJson("POST", `/v1/bookings/${bookingId}/cancel`, { key, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

/**
 * Services with a controlled clock (`now`), for exact edges that real time cannot hit. They
 * run on the same D1 as the Worker under test.
 */
export const services = {
  db: () => createDb(env.DB),

  book(
    organizationId: string,
    experienceId: string,
    now: number,
    body: Partial<CreateBookingBody>,
    idempotency?: IdempotencyScope,
  ) {
    return createBooking(services.db(), {
      organizationId,
      experienceId,
      body: { quantity: 1, contact: { name: "Jo Doe" }, ...body },
      idempotency,
      now,
    });
  },

  cancel(organizationId: string, bookingId: string, now: number, idempotency?: IdempotencyScope) {
    return cancelBooking(services.db(), {
      organizationId,
      bookingId,
      reason: null,
      cancelledBy: "studio",
      idempotency,
      now,
    });
  },

  reschedule(organizationId: string, bookingId: string, sessionId: string, now: number) {
    return rescheduleBooking(services.db(), {
      organizationId,
      bookingId,
      sessionId,
      idempotency: undefined,
      now,
    });
  },

  async slots(
    organizationId: string,
    experienceId: string,
    now: number,
    query: Partial<SlotsQuery> = {},
    organizationTimezone = "UTC",
  ) {
    const experience = await findExperienceById(services.db(), organizationId, experienceId);
    if (!experience) throw new Error(`No experience ${experienceId}`);
    return listSlots(
      services.db(),
      experience,
      { include_unbookable: true, ...query },
      organizationTimezone,
      now,
    );
  },
};

/** The AppError a promise rejects with, as the wire would show it. */
export async function rejectionOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError)
      return { status: err.status, code: err.code, details: err.details };
    throw err;
  }
  throw new Error("Expected the call to be refused");
}

/** A fresh full-access key of the organization: each test gets its own 60-per-10-s budget. */
export async function freshKey(orgId: string, scopes?: Scopes) {
  return (await createApiKey(orgId, scopes)).key;
}

/** A booking of a 201 as later reads return it: the cancel_token is shown once, in the 201 (§17). */
export function asStored<T>(booking: T): T {
  const { cancel_token: _token, ...stored } = booking as Record<string, unknown>;
  return stored as T;
}
