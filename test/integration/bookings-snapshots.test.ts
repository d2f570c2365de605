import { beforeAll, describe, expect, it } from "vitest";
import { createMember } from "../helpers/experiences";
import { callJson } from "../helpers/http";
import {
  book,
  bookingBody,
  bookOk,
  cancelOk,
  createBookableExperience,
  DAY_MS,
  deleteRecurrence,
  freshKey,
  futureSessionId,
  patchExperience,
  patchRecurrence,
  slotsOf,
  utcDate,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
let firstProvider: string;
let secondProvider: string;
beforeAll(async () => {
  const tenant = await createTenant("UTC");
  orgId = tenant.orgId;
  firstProvider = await createMember(tenant.key, "GENERAL", "Ada");
  secondProvider = await createMember(tenant.key, "GENERAL", "Grace");
});

const day = (offset: number) => utcDate(Date.now() + offset * DAY_MS);
const at = (date: string, time: string, plusMinutes = 0) =>
  new Date(Date.parse(`${date}T${time}:00.000Z`) + plusMinutes * 60_000).toISOString();

async function setup() {
  const key = await freshKey(orgId);
  const created = await createBookableExperience({
    key,
    experience: { providers: [firstProvider] },
  });
  const sessionId = futureSessionId(created.recurrenceId, 3);
  // cancel_token is shown once, in the 201 only (§17): every later read is the booking without it.
  const { cancel_token: cancelToken, ...booking } = await bookOk(
    key,
    created.experienceId,
    bookingBody(sessionId, { quantity: 2 }),
  );
  expect(cancelToken).toEqual(expect.any(String));
  const slotsOn = (date: string, includeUnbookable = true) =>
    slotsOf(key, created.experienceId, {
      from: date,
      to: date,
      timezone: "UTC",
      include_unbookable: String(includeUnbookable),
    });
  const readBooking = async () => {
    const res = await callJson("GET", `/v1/bookings/${booking.id}`, { key });
    expect(res.status).toBe(200);
    return res.body.data;
  };
  return { key, ...created, sessionId, booking, slotsOn, readBooking };
}

describe("materialized sessions keep their snapshot (§8)", () => {
  it("keeps start, end, capacity and provider through recurrence and experience edits; empty sessions follow at once", async () => {
    const s = await setup();
    expect(s.booking.provider_id).toBe(firstProvider);
    await patchRecurrence(s.key, s.experienceId, s.recurrenceId, {
      provider_id: secondProvider,
      session_templates: [
        { start_time_of_day: "08:00", capacity: 4 },
        { start_time_of_day: "18:30" },
      ],
    });
    await patchExperience(s.key, s.experienceId, { default_capacity: 20, duration_minutes: 90 });

    const booked = day(3);
    expect(await s.slotsOn(booked)).toEqual([
      expect.objectContaining({
        session_id: s.sessionId,
        start: at(booked, "07:00"),
        end: at(booked, "08:00"),
        capacity: 10,
        provider_id: firstProvider,
        seats_booked: 2,
        seats_available: 8,
        bookable: true,
      }),
      expect.objectContaining({
        start: at(booked, "08:00"),
        end: at(booked, "09:30"),
        capacity: 4,
        provider_id: secondProvider,
        seats_booked: 0,
      }),
      expect.objectContaining({
        start: at(booked, "18:30"),
        end: at(booked, "20:00"),
        capacity: 20,
        provider_id: secondProvider,
      }),
    ]);
    const otherDay = await s.slotsOn(day(4));
    expect(otherDay.map((slot) => [slot.start, slot.capacity])).toEqual([
      [at(day(4), "08:00"), 4],
      [at(day(4), "18:30"), 20],
    ]);
    expect(await s.readBooking()).toEqual(s.booking);

    // Still bookable while its recurrence is active, on the snapshot's terms.
    const again = await bookOk(s.key, s.experienceId, bookingBody(s.sessionId, { quantity: 5 }));
    expect(again).toMatchObject({
      start: s.booking.start,
      end: s.booking.end,
      provider_id: firstProvider,
    });
    const over = await book(s.key, s.experienceId, bookingBody(s.sessionId, { quantity: 4 }));
    expect(over.body).toMatchObject({ code: "session_full", details: { seats_available: 3 } });
  });

  it("lists a booked session once, at its snapshot's start, after the recurrence's zone moved it", async () => {
    const s = await setup();
    // In UTC+14 the same session ID would start 14 h earlier, on the previous UTC date.
    await patchRecurrence(s.key, s.experienceId, s.recurrenceId, {
      timezone: "Pacific/Kiritimati",
    });
    const idsOn = async (date: string) => (await s.slotsOn(date)).map((slot) => slot.session_id);
    expect(await idsOn(day(2))).not.toContain(s.sessionId);
    const [snapshot] = (await s.slotsOn(day(3))).filter((slot) => slot.session_id === s.sessionId);
    expect(snapshot).toMatchObject({ start: s.booking.start, timezone: "UTC", seats_booked: 2 });
    const range = await slotsOf(s.key, s.experienceId, {
      from: day(1),
      to: day(5),
      timezone: "UTC",
      include_unbookable: "true",
    });
    expect(range.filter((slot) => slot.session_id === s.sessionId)).toHaveLength(1);
  });

  it("after a pause: the booking stays readable, the slot is listed only with include_unbookable as paused", async () => {
    const s = await setup();
    await patchRecurrence(s.key, s.experienceId, s.recurrenceId, { status: "paused" });
    expect(await s.readBooking()).toEqual(s.booking);
    expect(await s.slotsOn(day(3), false)).toEqual([]);
    const [slot] = await s.slotsOn(day(3));
    expect(slot).toMatchObject({
      session_id: s.sessionId,
      seats_booked: 2,
      bookable: false,
      unbookable_reason: "paused",
    });
    const refused = await book(s.key, s.experienceId, bookingBody(s.sessionId));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: "session_unavailable",
      details: { reason: "paused" },
    });
    await patchRecurrence(s.key, s.experienceId, s.recurrenceId, { status: "active" });
    await bookOk(s.key, s.experienceId, bookingBody(s.sessionId));
  });

  it("after a DELETE: the booking stays readable and cancellable, the session is gone from slots and bookings", async () => {
    const s = await setup();
    await deleteRecurrence(s.key, s.experienceId, s.recurrenceId);
    expect(await s.readBooking()).toEqual(s.booking);
    expect(await s.slotsOn(day(3))).toEqual([]);
    const refused = await book(s.key, s.experienceId, bookingBody(s.sessionId));
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe("not_found");
    expect(await cancelOk(s.key, s.booking.id)).toMatchObject({ status: "cancelled" });
  });

  it("counts confirmed bookings in bookings_count of GET /v1/experiences/{id}", async () => {
    const s = await setup();
    const countOf = async () =>
      (await callJson("GET", `/v1/experiences/${s.experienceId}`, { key: s.key })).body.data
        .bookings_count;
    expect(await countOf()).toBe(1);
    const second = await bookOk(
      s.key,
      s.experienceId,
      bookingBody(futureSessionId(s.recurrenceId, 4)),
    );
    expect(await countOf()).toBe(2);
    await cancelOk(s.key, second.id);
    expect(await countOf()).toBe(1);
  });
});
