import { beforeAll, describe, expect, it } from "vitest";
import {
  createExperience,
  createMember,
  createSpace,
  keyRotation,
  weeklyRecurrence,
} from "../helpers/experiences";
import { callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

const FULL = {
  description: "Original",
  location: { type: "in_person", venue: "Studio A", city: "Berlin" },
  pricing: { model: "per_session", currency: "eur", amount: 20 },
  scheduling_rules: {
    booking_window: { min_hours_before: 3, max_days_ahead: 30 },
    cancellation_policy: { refundable_until_hours_before: 48 },
  },
};

describe("PATCH /v1/experiences/{id}", () => {
  let nextKey: () => Promise<string>;
  let generalMember: string;
  let otherMember: string;

  beforeAll(async () => {
    // patchFresh makes two requests per key use.
    nextKey = keyRotation((await createTenant()).orgId, 20);
    generalMember = await createMember(await nextKey(), "GENERAL", "First");
    otherMember = await createMember(await nextKey(), "GENERAL", "Second");
  });

  async function patchFresh(patch: unknown, created: Record<string, unknown> = FULL) {
    const key = await nextKey();
    const experience = await createExperience(key, created);
    const res = await callJson("PATCH", `/v1/experiences/${experience.id}`, { key, body: patch });
    return { ...res, before: experience, key };
  }

  it.each([
    ["name", { name: "  Renamed  " }, { name: "Renamed" }],
    ["description", { description: "" }, { description: "" }],
    ["duration_minutes", { duration_minutes: 1440 }, { duration_minutes: 1440 }],
    ["default_capacity", { default_capacity: 1 }, { default_capacity: 1 }],
    ["max_booking_quantity", { max_booking_quantity: 50 }, { max_booking_quantity: 50 }],
    [
      "required_contact_method",
      { required_contact_method: "none" },
      { required_contact_method: "none" },
    ],
    ["status inactive", { status: "inactive" }, { status: "inactive" }],
    [
      "registration_status closed",
      { registration_status: "closed" },
      { registration_status: "closed" },
    ],
  ])("updates %s and keeps the other fields", async (_case, patch, expected) => {
    const { status, body, before } = await patchFresh(patch);
    expect(status).toBe(200);
    const { recurrence_required: _r, hint: _h, ...stored } = before;
    expect(body.data).toEqual({ ...stored, ...expected, updated_at: body.data.updated_at });
  });

  it("moves updated_at and keeps created_at", async () => {
    const { body, before } = await patchFresh({ name: "Later" });
    expect(body.data.created_at).toBe(before.created_at);
    expect(body.data.updated_at >= before.updated_at).toBe(true);
  });

  it.each([
    ["location replaced whole", { location: { type: "phone" } }, { location: { type: "phone" } }],
    ["location cleared", { location: null }, { location: null }],
    ["pricing replaced whole", { pricing: { model: "free" } }, { pricing: { model: "free" } }],
    [
      "pricing currency lowercased",
      { pricing: { model: "per_session", currency: "USD", amount: 9.99 } },
      { pricing: { model: "per_session", currency: "usd", amount: 9.99 } },
    ],
    [
      "booking_window replaced, cancellation_policy kept",
      { scheduling_rules: { booking_window: { min_hours_before: 0, max_days_ahead: 730 } } },
      {
        scheduling_rules: {
          booking_window: { min_hours_before: 0, max_days_ahead: 730 },
          cancellation_policy: { refundable_until_hours_before: 48 },
        },
      },
    ],
    [
      "cancellation_policy replaced, booking_window kept",
      { scheduling_rules: { cancellation_policy: { refundable_until_hours_before: 0 } } },
      {
        scheduling_rules: {
          booking_window: { min_hours_before: 3, max_days_ahead: 30 },
          cancellation_policy: { refundable_until_hours_before: 0 },
        },
      },
    ],
    [
      "a partial booking_window replaces the whole object, defaulting the rest",
      { scheduling_rules: { booking_window: { min_hours_before: 6 } } },
      {
        scheduling_rules: {
          booking_window: { min_hours_before: 6, max_days_ahead: 60 },
          cancellation_policy: { refundable_until_hours_before: 48 },
        },
      },
    ],
    [
      "empty scheduling_rules keeps both",
      { scheduling_rules: {} },
      { scheduling_rules: FULL.scheduling_rules },
    ],
  ])("applies %s", async (_case, patch, expected) => {
    const { status, body } = await patchFresh(patch);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.data).toMatchObject(expected);
    expect(body.data.location).toEqual("location" in expected ? expected.location : FULL.location);
  });

  it("replaces providers whole", async () => {
    const { status, body } = await patchFresh(
      { providers: [otherMember] },
      { providers: [generalMember, otherMember] },
    );
    expect(status).toBe(200);
    expect(body.data.providers).toEqual([otherMember]);
  });

  it.each([
    ["an empty body", {}, null],
    ["default_recurrence", { default_recurrence: weeklyRecurrence() }, "default_recurrence"],
    ["an unknown field", { colour: "red" }, "colour"],
    ["name blank", { name: "  " }, "name"],
    ["duration_minutes 0", { duration_minutes: 0 }, "duration_minutes"],
    ["status archived", { status: "archived" }, "status"],
    ["description null", { description: null }, "description"],
    [
      "pricing amount 12.345",
      { pricing: { model: "per_session", currency: "eur", amount: 12.345 } },
      "pricing.amount",
    ],
    [
      "unknown field in booking_window",
      { scheduling_rules: { booking_window: { x: 1 } } },
      "scheduling_rules.booking_window.x",
    ],
    ["an unknown provider", { providers: ["sm_unknown0000000000000"] }, "providers.0"],
    ["an unknown space", { space_id: "spc_unknown0000000000000" }, "space_id"],
  ])("refuses %s", async (_case, patch, field) => {
    const { status, body } = await patchFresh(patch);
    expect(status).toBe(400);
    expect(body.code).toBe("validation_failed");
    if (field === null) {
      expect(body.error).toBe("At least one field is required");
      expect(body.details.formErrors).toEqual(["At least one field is required"]);
    } else {
      expect(Object.keys(body.details.fieldErrors)).toContain(field);
    }
  });

  it("answers 404 for an unknown or foreign experience", async () => {
    const key = await nextKey();
    const foreign = await createExperience((await createTenant()).key);
    for (const id of [foreign.id, "exp_doesnotexist00000000"]) {
      const res = await callJson("PATCH", `/v1/experiences/${id}`, { key, body: { name: "x" } });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("not_found");
    }
    const unchanged = await callJson("GET", `/v1/experiences/${foreign.id}`, {
      key: (await createTenant()).key,
    });
    expect(unchanged.status).toBe(404);
  });
});

describe("PATCH /v1/experiences/{id}: providers against the (new) space", () => {
  let key: string;
  let loft: string;
  let garden: string;
  let loftMember: string;
  let generalMember: string;

  beforeAll(async () => {
    ({ key } = await createTenant());
    loft = await createSpace(key, "Loft");
    garden = await createSpace(key, "Garden");
    loftMember = await createMember(key, loft);
    generalMember = await createMember(key, "GENERAL");
  });

  const patch = (id: string, body: unknown) =>
    callJson("PATCH", `/v1/experiences/${id}`, { key, body });

  it("moves an experience whose providers are GENERAL members", async () => {
    const experience = await createExperience(key, { space_id: loft, providers: [generalMember] });
    const { status, body } = await patch(experience.id, { space_id: garden });
    expect(status).toBe(200);
    expect(body.data.space_id).toBe(garden);
  });

  it("refuses a space that its providers do not belong to", async () => {
    const experience = await createExperience(key, {
      space_id: loft,
      providers: [loftMember],
      default_recurrence: weeklyRecurrence(),
    });
    const { status, body } = await patch(experience.id, { space_id: garden });
    expect(status).toBe(400);
    expect(Object.keys(body.details.fieldErrors)).toEqual(["providers.0"]);
  });

  it("refuses a space that the auto-default recurrence's provider does not belong to", async () => {
    const experience = await createExperience(key, { space_id: loft, providers: [loftMember] });
    const { status, body } = await patch(experience.id, {
      space_id: garden,
      providers: [generalMember],
    });
    expect(status).toBe(400);
    expect(Object.keys(body.details.fieldErrors)).toEqual(["space_id"]);
  });

  it("accepts a new space and providers of it in one PATCH", async () => {
    const experience = await createExperience(key);
    const { status, body } = await patch(experience.id, {
      space_id: loft,
      providers: [loftMember],
    });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ space_id: loft, providers: [loftMember] });
  });

  it("refuses a space that a live recurrence's provider does not belong to", async () => {
    const experience = await createExperience(key, {
      space_id: loft,
      default_recurrence: weeklyRecurrence({ provider_id: loftMember }),
    });
    const { status, body } = await patch(experience.id, { space_id: garden });
    expect(status).toBe(400);
    expect(Object.keys(body.details.fieldErrors)).toEqual(["space_id"]);
    expect(body.details.fieldErrors.space_id[0]).toContain(loftMember);
  });

  it("ignores deleted recurrences when the space moves", async () => {
    const experience = await createExperience(key, {
      space_id: loft,
      default_recurrence: weeklyRecurrence({ provider_id: loftMember }),
    });
    const path = `/v1/experiences/${experience.id}/recurrences/${experience.recurrence_ids[0]}`;
    expect((await callJson("DELETE", path, { key })).status).toBe(204);
    expect((await patch(experience.id, { space_id: garden })).status).toBe(200);
  });
});
