import { beforeAll, describe, expect, it } from "vitest";
import { callJson } from "../helpers/http";
import {
  bookingBody,
  bookOk,
  cancelOk,
  createBookableExperience,
  DAY_MS,
  deleteRecurrence,
  freshKey,
  futureSessionId,
  HOUR_MS,
  patchExperience,
  patchRecurrence,
  services,
  sessionIdOf,
  slotsOf,
  utcDate,
} from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

let orgId: string;
let nextKey: () => Promise<string>;
beforeAll(async () => {
  const tenant = await createTenant("UTC");
  orgId = tenant.orgId;
  nextKey = () => freshKey(orgId);
});

/** The slot of one session, listed with include_unbookable=true on its own UTC date. */
async function slotOf(key: string, experienceId: string, sessionId: string) {
  const date = sessionId.split("_").at(-2) ?? "";
  const day = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`;
  const slots = await slotsOf(key, experienceId, {
    from: day,
    to: day,
    timezone: "UTC",
    include_unbookable: "true",
  });
  return slots.find((slot) => slot.session_id === sessionId);
}

interface Setup {
  key: string;
  experienceId: string;
  recurrenceId: string;
}

const yesterdaysSession = ({ recurrenceId }: Setup) =>
  sessionIdOf(recurrenceId, utcDate(Date.now() - DAY_MS), "07:00");
const sessionInThreeDays = ({ recurrenceId }: Setup) => futureSessionId(recurrenceId, 3);

describe("slots: every unbookable_reason", () => {
  it.each<[string, Record<string, unknown>, (s: Setup) => Promise<unknown>, (s: Setup) => string]>([
    [
      "inactive",
      {},
      (s) => patchExperience(s.key, s.experienceId, { status: "inactive" }),
      sessionInThreeDays,
    ],
    [
      "registration_closed",
      {},
      (s) => patchExperience(s.key, s.experienceId, { registration_status: "closed" }),
      sessionInThreeDays,
    ],
    [
      "paused",
      {},
      (s) => patchRecurrence(s.key, s.experienceId, s.recurrenceId, { status: "paused" }),
      sessionInThreeDays,
    ],
    ["past", {}, async () => undefined, yesterdaysSession],
    [
      "too_soon",
      { scheduling_rules: { booking_window: { min_hours_before: 8760, max_days_ahead: 730 } } },
      async () => undefined,
      sessionInThreeDays,
    ],
    [
      "too_far",
      { scheduling_rules: { booking_window: { min_hours_before: 0, max_days_ahead: 1 } } },
      async () => undefined,
      sessionInThreeDays,
    ],
    [
      "full",
      { default_capacity: 2 },
      (s) => bookOk(s.key, s.experienceId, bookingBody(sessionInThreeDays(s), { quantity: 2 })),
      sessionInThreeDays,
    ],
  ])(
    "reports %s, and leaves the slot out by default",
    async (reason, experience, arrange, pick) => {
      const key = await nextKey();
      const setup = { key, ...(await createBookableExperience({ key, experience })) };
      await arrange(setup);
      const sessionId = pick(setup);
      expect(await slotOf(key, setup.experienceId, sessionId)).toMatchObject({
        bookable: false,
        unbookable_reason: reason,
      });
      const bookableOnly = await slotsOf(key, setup.experienceId, {
        timezone: "UTC",
        from: utcDate(Date.now() - DAY_MS),
      });
      expect(bookableOnly.map((s) => s.session_id)).not.toContain(sessionId);
    },
  );

  it("applies the first reason in the order inactive, registration_closed, paused, past, too_soon, too_far, full", async () => {
    const key = await nextKey();
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { default_capacity: 1 },
      recurrence: { start_date: "2030-01-01" },
    });
    const sessionId = sessionIdOf(recurrenceId, "2030-01-07", "07:00");
    const start = Date.UTC(2030, 0, 7, 7);
    await services.book(orgId, experienceId, start - 2 * DAY_MS, { session_id: sessionId });
    const window = (min_hours_before: number, max_days_ahead: number) => ({
      scheduling_rules: { booking_window: { min_hours_before, max_days_ahead } },
    });
    // Each step removes the reason before it; `now` picks the window's answer.
    const steps: Array<[string, () => Promise<unknown>, number]> = [
      [
        "inactive",
        async () => {
          await patchExperience(key, experienceId, {
            status: "inactive",
            registration_status: "closed",
            ...window(2, 1),
          });
          await patchRecurrence(key, experienceId, recurrenceId, { status: "paused" });
        },
        start + 1,
      ],
      [
        "registration_closed",
        () => patchExperience(key, experienceId, { status: "active" }),
        start + 1,
      ],
      [
        "paused",
        () => patchExperience(key, experienceId, { registration_status: "open" }),
        start + 1,
      ],
      ["past", () => patchRecurrence(key, experienceId, recurrenceId, { status: "active" }), start],
      ["too_soon", async () => undefined, start - HOUR_MS],
      ["too_far", async () => undefined, start - 3 * DAY_MS],
      ["full", async () => undefined, start - 12 * HOUR_MS],
    ];
    for (const [reason, arrange, now] of steps) {
      await arrange();
      const slots = await services.slots(orgId, experienceId, now, {
        from: "2030-01-07",
        to: "2030-01-07",
      });
      expect(slots.find((s) => s.session_id === sessionId)?.unbookable_reason, reason).toBe(reason);
    }
  });
});

describe("slots: seats and deleted recurrences", () => {
  it("counts the seats of confirmed bookings only", async () => {
    const key = await nextKey();
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const sessionId = futureSessionId(recurrenceId, 3);
    await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 3 }));
    await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 2 }));
    const cancelled = await bookOk(key, experienceId, bookingBody(sessionId, { quantity: 4 }));
    await cancelOk(key, cancelled.id);
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      capacity: 10,
      seats_booked: 5,
      seats_available: 5,
      bookable: true,
      unbookable_reason: null,
    });
    expect(
      await slotOf(key, experienceId, futureSessionId(recurrenceId, 3, "18:30")),
    ).toMatchObject({
      seats_booked: 0,
      seats_available: 10,
    });
  });

  it("never lists the sessions of a deleted recurrence, booked or not; its bookings stay readable", async () => {
    const key = await nextKey();
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const booking = await bookOk(key, experienceId, bookingBody(futureSessionId(recurrenceId, 3)));
    await deleteRecurrence(key, experienceId, recurrenceId);
    const slots = await slotsOf(key, experienceId, {
      timezone: "UTC",
      from: utcDate(Date.now() - DAY_MS),
      include_unbookable: "true",
    });
    expect(slots).toEqual([]);
    const read = await callJson("GET", `/v1/bookings/${booking.id}`, { key });
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ id: booking.id, status: "confirmed" });
  });
});
