import { beforeAll, describe, expect, it } from "vitest";
import { callJson } from "../helpers/http";
import {
  book,
  bookingBody,
  bookOk,
  createBookableExperience,
  DAY_MS,
  deleteRecurrence,
  freshKey,
  futureSessionId,
  HOUR_MS,
  patchExperience,
  patchRecurrence,
  sessionIdOf,
  utcDate,
} from "../helpers/scheduling";
import { createApiKey, createTenant } from "../helpers/tenants";

const ISO_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let orgId: string;
let nextKey: () => Promise<string>;
beforeAll(async () => {
  const tenant = await createTenant("UTC");
  orgId = tenant.orgId;
  nextKey = () => freshKey(orgId);
});

describe("POST /v1/experiences/{id}/bookings: the booking object", () => {
  it("returns 201 with every §9 field, copied from the session and the experience", async () => {
    const key = await nextKey();
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: {
        scheduling_rules: {
          booking_window: { min_hours_before: 0, max_days_ahead: 60 },
          cancellation_policy: { refundable_until_hours_before: 48 },
        },
      },
    });
    const sessionId = futureSessionId(recurrenceId, 5, "18:30");
    const res = await book(key, experienceId, bookingBody(sessionId, { notes: "Window seat" }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const start = Date.parse(`${utcDate(Date.now() + 5 * DAY_MS)}T18:30:00.000Z`);
    const data = res.body.data;
    expect(data).toMatchObject({
      experience_id: experienceId,
      session_id: sessionId,
      recurrence_id: recurrenceId,
      start: new Date(start).toISOString(),
      end: new Date(start + HOUR_MS).toISOString(),
      timezone: "UTC",
      quantity: 1,
      status: "confirmed",
      contact: { name: "Jo Doe", email: null, phone: null },
      notes: "Window seat",
      provider_id: null,
      price: { model: "free", currency: null, amount_per_seat: 0, total: 0 },
      refundable_until: new Date(start - 48 * HOUR_MS).toISOString(),
      cancelled_at: null,
      refund_eligible: null,
    });
    expect(data.id).toMatch(/^bkg_[0-9A-Za-z]{16,}$/);
    expect(data.created_at).toMatch(ISO_MS_UTC);
    expect(data.updated_at).toBe(data.created_at);
    expect(Object.keys(data).sort()).toEqual(
      [
        "id",
        "experience_id",
        "session_id",
        "recurrence_id",
        "start",
        "end",
        "timezone",
        "quantity",
        "status",
        "contact",
        "notes",
        "provider_id",
        "price",
        "refundable_until",
        "cancelled_at",
        "cancel_reason",
        "refund_eligible",
        "rescheduled_from",
        "rescheduled_at",
        "waitlist_position",
        "promoted_at",
        "created_at",
        "updated_at",
        "cancel_token",
      ].sort(),
    );
  });

  it("snapshots the price (amount × quantity, lowercase currency); a later pricing PATCH leaves it", async () => {
    const key = await nextKey();
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: {
        pricing: { model: "per_session", currency: "EUR", amount: 19.99 },
        max_booking_quantity: 5,
      },
    });
    const sessionId = futureSessionId(recurrenceId, 3);
    const booking = await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 3 }));
    const snapshot = {
      model: "per_session",
      currency: "eur",
      amount_per_seat: 19.99,
      total: 59.97,
    };
    expect(booking.price).toEqual(snapshot);
    await patchExperience(key, experienceId, {
      pricing: { model: "per_session", currency: "USD", amount: 5 },
    });
    const read = await callJson("GET", `/v1/bookings/${booking.id}`, { key });
    expect(read.body.data.price).toEqual(snapshot);
    const later = await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 2 }));
    expect(later.price).toEqual({
      model: "per_session",
      currency: "usd",
      amount_per_seat: 5,
      total: 10,
    });
  });
});

describe("POST /v1/experiences/{id}/bookings: checks in §9 order", () => {
  const unknownTime = ({ recurrenceId }: { recurrenceId: string }) =>
    futureSessionId(recurrenceId, 3, "07:30");
  const pastSession = ({ recurrenceId }: { recurrenceId: string }) =>
    sessionIdOf(recurrenceId, utcDate(Date.now() - DAY_MS), "07:00");

  it.each<
    [
      string,
      Record<string, unknown>,
      Record<string, unknown> | null,
      Record<string, unknown> | null,
      (s: { recurrenceId: string }) => string,
      number,
      Record<string, unknown>,
    ]
  >([
    [
      "inactive beats closed and an unknown session",
      {},
      { status: "inactive", registration_status: "closed" },
      null,
      unknownTime,
      422,
      { code: "experience_inactive" },
    ],
    [
      "closed beats an unknown session",
      {},
      { registration_status: "closed" },
      null,
      unknownTime,
      422,
      { code: "registration_closed" },
    ],
    [
      "an unknown session beats paused",
      {},
      null,
      { status: "paused" },
      unknownTime,
      404,
      { code: "not_found" },
    ],
    [
      "paused beats the window",
      {},
      null,
      { status: "paused" },
      pastSession,
      422,
      { code: "session_unavailable", details: { reason: "paused" } },
    ],
    [
      "a started session is past",
      {},
      null,
      null,
      pastSession,
      422,
      { code: "outside_booking_window", details: { reason: "past" } },
    ],
    [
      "fewer than min_hours_before ahead is too_soon",
      { scheduling_rules: { booking_window: { min_hours_before: 100, max_days_ahead: 60 } } },
      null,
      null,
      (s) => futureSessionId(s.recurrenceId, 3),
      422,
      { code: "outside_booking_window", details: { reason: "too_soon" } },
    ],
    [
      "more than max_days_ahead ahead is too_far",
      { scheduling_rules: { booking_window: { min_hours_before: 0, max_days_ahead: 2 } } },
      null,
      null,
      (s) => futureSessionId(s.recurrenceId, 3),
      422,
      { code: "outside_booking_window", details: { reason: "too_far" } },
    ],
  ])("%s", async (_label, experience, experiencePatch, recurrencePatch, pick, status, expected) => {
    const key = await nextKey();
    const { experienceId, recurrenceId } = await createBookableExperience({ key, experience });
    if (experiencePatch) await patchExperience(key, experienceId, experiencePatch);
    if (recurrencePatch) await patchRecurrence(key, experienceId, recurrenceId, recurrencePatch);
    const res = await book(key, experienceId, bookingBody(pick({ recurrenceId })));
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body).toMatchObject(expected);
  });

  it("refuses seats beyond capacity with 409 session_full and details.seats_available", async () => {
    const key = await nextKey();
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { default_capacity: 3 },
    });
    const sessionId = futureSessionId(recurrenceId, 3);
    const tooMany = await book(key, experienceId, bookingBody(sessionId, { quantity: 4 }));
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({ code: "session_full", details: { seats_available: 3 } });
    await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 2 }));
    const over = await book(key, experienceId, bookingBody(sessionId, { quantity: 2 }));
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: "session_full", details: { seats_available: 1 } });
    await bookOk(key, experienceId, bookingBody(sessionId));
    const full = await book(key, experienceId, bookingBody(sessionId));
    expect(full.body).toMatchObject({ code: "session_full", details: { seats_available: 0 } });
  });
});

describe("POST /v1/experiences/{id}/bookings: sessions that do not exist are 404", () => {
  let key: string;
  let experienceId: string;
  let recurrenceId: string;
  let deletedRecurrenceId: string;
  let otherExperienceRecurrenceId: string;
  let foreignRecurrenceId: string;
  const day = (offset: number) => utcDate(Date.now() + offset * DAY_MS);

  beforeAll(async () => {
    key = await nextKey();
    ({ experienceId, recurrenceId } = await createBookableExperience({
      key,
      recurrence: { excluded_dates: [day(4)] },
    }));
    const extra = await callJson("POST", `/v1/experiences/${experienceId}/recurrences`, {
      key,
      body: {
        timezone: "UTC",
        start_date: day(0),
        cadence: { frequency: "daily" },
        session_templates: [{ start_time_of_day: "10:00" }],
      },
    });
    deletedRecurrenceId = extra.body.data.id;
    await deleteRecurrence(key, experienceId, deletedRecurrenceId);
    ({ recurrenceId: otherExperienceRecurrenceId } = await createBookableExperience({ key }));
    const foreign = await createTenant("UTC");
    ({ recurrenceId: foreignRecurrenceId } = await createBookableExperience({ key: foreign.key }));
  });

  it.each<[string, () => string]>([
    ["a malformed ID", () => "ses_not-a-session"],
    ["an impossible date", () => sessionIdOf(recurrenceId, "2027-02-30", "07:00")],
    ["a date before start_date", () => sessionIdOf(recurrenceId, day(-3), "07:00")],
    ["an excluded date", () => sessionIdOf(recurrenceId, day(4), "07:00")],
    ["a time that is no template's", () => sessionIdOf(recurrenceId, day(3), "07:30")],
    ["an unknown recurrence", () => sessionIdOf("rec_unknownRecurrence000", day(3), "07:00")],
    ["a deleted recurrence", () => sessionIdOf(deletedRecurrenceId, day(3), "10:00")],
    [
      "another experience's recurrence",
      () => sessionIdOf(otherExperienceRecurrenceId, day(3), "07:00"),
    ],
    ["another organization's recurrence", () => sessionIdOf(foreignRecurrenceId, day(3), "07:00")],
  ])("for %s", async (_label, sessionIdFor) => {
    const res = await book(await nextKey(), experienceId, bookingBody(sessionIdFor()));
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    expect(res.body.code).toBe("not_found");
  });

  it("for a weekday the weekly cadence does not hold", async () => {
    const weeklyKey = await nextKey();
    const weekly = await createBookableExperience({
      key: weeklyKey,
      recurrence: { cadence: { frequency: "weekly", days_of_week: [1] } },
    });
    const notMonday =
      [2, 3, 4, 5, 6, 7, 8].map(day).find((d) => new Date(d).getUTCDay() !== 1) ?? "";
    const res = await book(
      weeklyKey,
      weekly.experienceId,
      bookingBody(sessionIdOf(weekly.recurrenceId, notMonday, "07:00")),
    );
    expect(res.status).toBe(404);
  });

  it("for an unknown experience and one of another organization", async () => {
    const foreign = await createTenant("UTC");
    const other = await createBookableExperience({ key: foreign.key });
    for (const id of ["exp_unknownExperience000", other.experienceId]) {
      const res = await book(await nextKey(), id, bookingBody(futureSessionId(other.recurrenceId)));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("not_found");
    }
  });
});

describe("POST /v1/experiences/{id}/bookings: body rules", () => {
  const contacts: Record<string, string> = {};

  beforeAll(async () => {
    const key = await nextKey();
    for (const method of ["none", "email", "email_and_phone"]) {
      const created = await createBookableExperience({
        key,
        experience: { required_contact_method: method, max_booking_quantity: 3 },
      });
      contacts[method] = `${created.experienceId} ${created.recurrenceId}`;
    }
  });

  async function attempt(method: string, extra: Record<string, unknown>) {
    const [experienceId = "", recurrenceId = ""] = (contacts[method] ?? "").split(" ");
    return book(await nextKey(), experienceId, {
      session_id: futureSessionId(recurrenceId, 3),
      ...extra,
    });
  }

  const EMAIL = "jo@example.com";
  it.each<[string, Record<string, unknown>, number, string?]>([
    ["none", { contact: { name: "Jo" } }, 201],
    ["none", { contact: { name: "Jo", email: EMAIL, phone: "+4915123456" } }, 201],
    ["email", { contact: { name: "Jo" } }, 400, "contact.email"],
    ["email", { contact: { name: "Jo", email: "not-an-email" } }, 400, "contact.email"],
    ["email", { contact: { name: "Jo", email: EMAIL } }, 201],
    ["email_and_phone", { contact: { name: "Jo", email: EMAIL } }, 400, "contact.phone"],
    ["email_and_phone", { contact: { name: "Jo", phone: "+1234567" } }, 400, "contact.email"],
    ["email_and_phone", { contact: { name: "Jo", email: EMAIL, phone: "+1234567" } }, 201],
    ["email_and_phone", { contact: { name: "Jo", email: EMAIL, phone: "+123456789012345" } }, 201],
    [
      "email_and_phone",
      { contact: { name: "Jo", email: EMAIL, phone: "+123456" } },
      400,
      "contact.phone",
    ],
    [
      "email_and_phone",
      { contact: { name: "Jo", email: EMAIL, phone: "+1234567890123456" } },
      400,
      "contact.phone",
    ],
    [
      "email_and_phone",
      { contact: { name: "Jo", email: EMAIL, phone: "4915123456" } },
      400,
      "contact.phone",
    ],
    [
      "email_and_phone",
      { contact: { name: "Jo", email: EMAIL, phone: "+49 151 23456" } },
      400,
      "contact.phone",
    ],
    ["none", { contact: { name: "" } }, 400, "contact.name"],
    ["none", { contact: { name: "x".repeat(201) } }, 400, "contact.name"],
    ["none", { contact: { name: "x".repeat(200) } }, 201],
    ["none", {}, 400, "contact"],
    ["none", { contact: { name: "Jo" }, quantity: 3 }, 201],
    ["none", { contact: { name: "Jo" }, quantity: 4 }, 400, "quantity"],
    ["none", { contact: { name: "Jo" }, quantity: 0 }, 400, "quantity"],
    ["none", { contact: { name: "Jo" }, quantity: 1.5 }, 400, "quantity"],
    ["none", { contact: { name: "Jo" }, quantity: "2" }, 400, "quantity"],
    ["none", { contact: { name: "Jo" }, notes: "x".repeat(2001) }, 400, "notes"],
    ["none", { contact: { name: "Jo" }, seats: 2 }, 400, "seats"],
    ["none", { contact: { name: "Jo", age: 30 } }, 400, "contact.age"],
  ])("contact method %s with %j → %i", async (method, extra, status, field) => {
    const res = await attempt(method, extra);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (field) {
      expect(res.body.code).toBe("validation_failed");
      expect(Object.keys(res.body.details.fieldErrors)).toContain(field);
    }
  });

  it("books one seat when quantity is omitted", async () => {
    const res = await attempt("none", { contact: { name: "Jo" } });
    expect(res.status).toBe(201);
    expect(res.body.data.quantity).toBe(1);
  });

  it("names an unknown field in the 400", async () => {
    const res = await attempt("none", { contact: { name: "Jo" }, seats: 2 });
    expect(res.body.details.fieldErrors.seats).toEqual(["Unknown field: seats"]);
  });

  it("requires bookings:write (403 for an experiences-only key)", async () => {
    const { key } = await createApiKey(orgId, { experiences: "write" });
    const [experienceId = "", recurrenceId = ""] = (contacts.none ?? "").split(" ");
    const res = await book(key, experienceId, bookingBody(futureSessionId(recurrenceId)));
    expect(res.status).toBe(403);
    expect(res.body.details.required).toBe("bookings:write");
  });
});
