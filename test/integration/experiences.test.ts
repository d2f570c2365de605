import { beforeAll, describe, expect, it } from "vitest";
import {
  createExperience,
  createMember,
  createSpace,
  keyRotation,
  MINIMAL_EXPERIENCE,
} from "../helpers/experiences";
import { callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

const ISO_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("POST /v1/experiences: defaults and the experience object", () => {
  let key: string;
  beforeAll(async () => {
    ({ key } = await createTenant());
  });

  it("applies every §5 default to a minimal body and lists the fields in the §5 object", async () => {
    const { status, body } = await callJson("POST", "/v1/experiences", {
      key,
      body: MINIMAL_EXPERIENCE,
    });
    expect(status).toBe(201);
    const data = body.data;
    expect(data).toMatchObject({
      name: "Vinyasa Flow",
      description: "",
      status: "active",
      registration_status: "open",
      duration_minutes: 60,
      default_capacity: 12,
      max_booking_quantity: 5,
      required_contact_method: "email",
      space_id: "GENERAL",
      providers: [],
      location: null,
      pricing: { model: "free" },
      scheduling_rules: {
        booking_window: { min_hours_before: 1, max_days_ahead: 60 },
        cancellation_policy: { refundable_until_hours_before: 24 },
      },
      waitlist: { enabled: false, max_size: 50 },
      recurrence_ids: [],
      bookings_count: 0,
    });
    expect(data.id).toMatch(/^exp_[0-9A-Za-z]{16,}$/);
    expect(data.created_at).toMatch(ISO_MS_UTC);
    expect(data.updated_at).toBe(data.created_at);
    expect(Object.keys(data).sort()).toEqual(
      [
        "id",
        "name",
        "description",
        "status",
        "registration_status",
        "duration_minutes",
        "default_capacity",
        "max_booking_quantity",
        "required_contact_method",
        "space_id",
        "providers",
        "location",
        "pricing",
        "scheduling_rules",
        "recurrence_ids",
        "bookings_count",
        "created_at",
        "updated_at",
        "waitlist",
        "recurrence_required",
        "hint",
      ].sort(),
    );
  });

  it("stores every given field, trims the name and lowercases the currency", async () => {
    const spaceId = await createSpace(key, "Loft");
    const member = await createMember(key, spaceId);
    const location = {
      type: "online",
      venue: "Zoom",
      instructions: "Camera on",
      video_link: "https://meet.example.com/room",
    };
    const data = await createExperience(key, {
      name: "  Yin Yoga  ",
      description: "Slow and deep",
      duration_minutes: 75,
      default_capacity: 8,
      location,
      pricing: { model: "per_session", currency: "EUR", amount: 18.5 },
      scheduling_rules: {
        booking_window: { min_hours_before: 2, max_days_ahead: 90 },
        cancellation_policy: { refundable_until_hours_before: 12 },
      },
      providers: [member],
      required_contact_method: "email_and_phone",
      max_booking_quantity: 3,
      space_id: spaceId,
      status: "inactive",
      registration_status: "closed",
    });
    expect(data).toMatchObject({
      name: "Yin Yoga",
      description: "Slow and deep",
      duration_minutes: 75,
      default_capacity: 8,
      location,
      pricing: { model: "per_session", currency: "eur", amount: 18.5 },
      scheduling_rules: {
        booking_window: { min_hours_before: 2, max_days_ahead: 90 },
        cancellation_policy: { refundable_until_hours_before: 12 },
      },
      providers: [member],
      required_contact_method: "email_and_phone",
      max_booking_quantity: 3,
      space_id: spaceId,
      status: "inactive",
      registration_status: "closed",
    });
    const { body } = await callJson("GET", `/v1/experiences/${data.id}`, { key });
    const { auto_recurrence: _auto, ...stored } = data;
    expect(body.data).toEqual(stored);
  });

  it("defaults each field of a partial scheduling_rules object", async () => {
    const data = await createExperience(key, {
      scheduling_rules: { booking_window: { min_hours_before: 4 } },
    });
    expect(data.scheduling_rules).toEqual({
      booking_window: { min_hours_before: 4, max_days_ahead: 60 },
      cancellation_policy: { refundable_until_hours_before: 24 },
    });
  });
});

/** [case, body fields over MINIMAL_EXPERIENCE, field named by the 400 or null for a 201] */
type Case = [string, Record<string, unknown>, string | null];

const range = (field: string, below: number, min: number, max: number, above: number): Case[] => [
  [`${field} ${below}`, { [field]: below }, field],
  [`${field} ${min}`, { [field]: min }, null],
  [`${field} ${max}`, { [field]: max }, null],
  [`${field} ${above}`, { [field]: above }, field],
];

const nested = (path: string, value: unknown, field: string | null): Case => {
  const [outer, inner, leaf] = path.split(".") as [string, string, string];
  return [`${path} ${JSON.stringify(value)}`, { [outer]: { [inner]: { [leaf]: value } } }, field];
};

const perSession = (amount: unknown, currency: unknown = "usd") => ({
  pricing: { model: "per_session", currency, amount },
});

const CREATE_CASES: Case[] = [
  ["name empty", { name: "" }, "name"],
  ["name blank after trimming", { name: "   " }, "name"],
  ["name 1 char", { name: "x" }, null],
  ["name 120 chars", { name: "n".repeat(120) }, null],
  ["name 121 chars", { name: "n".repeat(121) }, "name"],
  ["name missing", { name: undefined }, "name"],
  ...range("duration_minutes", 0, 1, 1440, 1441),
  ["duration_minutes fractional", { duration_minutes: 30.5 }, "duration_minutes"],
  ["duration_minutes as string", { duration_minutes: "60" }, "duration_minutes"],
  ["duration_minutes missing", { duration_minutes: undefined }, "duration_minutes"],
  ...range("default_capacity", 0, 1, 10000, 10001),
  ["default_capacity missing", { default_capacity: undefined }, "default_capacity"],
  ["description 10000 chars", { description: "d".repeat(10000) }, null],
  ["description 10001 chars", { description: "d".repeat(10001) }, "description"],
  ...range("max_booking_quantity", 0, 1, 50, 51),
  ["required_contact_method none", { required_contact_method: "none" }, null],
  ["required_contact_method email", { required_contact_method: "email" }, null],
  [
    "required_contact_method phone",
    { required_contact_method: "phone" },
    "required_contact_method",
  ],
  ["status active", { status: "active" }, null],
  ["status archived", { status: "archived" }, "status"],
  ["registration_status open", { registration_status: "open" }, null],
  ["registration_status pending", { registration_status: "pending" }, "registration_status"],
  nested(
    "scheduling_rules.booking_window.min_hours_before",
    -1,
    "scheduling_rules.booking_window.min_hours_before",
  ),
  nested("scheduling_rules.booking_window.min_hours_before", 0, null),
  nested("scheduling_rules.booking_window.min_hours_before", 8760, null),
  nested(
    "scheduling_rules.booking_window.min_hours_before",
    8761,
    "scheduling_rules.booking_window.min_hours_before",
  ),
  nested(
    "scheduling_rules.booking_window.max_days_ahead",
    0,
    "scheduling_rules.booking_window.max_days_ahead",
  ),
  nested("scheduling_rules.booking_window.max_days_ahead", 1, null),
  nested("scheduling_rules.booking_window.max_days_ahead", 730, null),
  nested(
    "scheduling_rules.booking_window.max_days_ahead",
    731,
    "scheduling_rules.booking_window.max_days_ahead",
  ),
  nested(
    "scheduling_rules.cancellation_policy.refundable_until_hours_before",
    -1,
    "scheduling_rules.cancellation_policy.refundable_until_hours_before",
  ),
  nested("scheduling_rules.cancellation_policy.refundable_until_hours_before", 0, null),
  nested("scheduling_rules.cancellation_policy.refundable_until_hours_before", 8760, null),
  nested(
    "scheduling_rules.cancellation_policy.refundable_until_hours_before",
    8761,
    "scheduling_rules.cancellation_policy.refundable_until_hours_before",
  ),
  ["pricing free", { pricing: { model: "free" } }, null],
  ["pricing free with an amount", { pricing: { model: "free", amount: 0 } }, "pricing.amount"],
  ["pricing unknown model", { pricing: { model: "subscription" } }, "pricing.model"],
  ["pricing amount -0.01", perSession(-0.01), "pricing.amount"],
  ["pricing amount 0", perSession(0), null],
  ["pricing amount 1000000", perSession(1_000_000), null],
  ["pricing amount 1000000.01", perSession(1_000_000.01), "pricing.amount"],
  ["pricing amount 0.29 (2 decimals)", perSession(0.29), null],
  ["pricing amount 12.345 (3 decimals)", perSession(12.345), "pricing.amount"],
  [
    "pricing currency missing",
    { pricing: { model: "per_session", amount: 5 } },
    "pricing.currency",
  ],
  ["pricing currency EU", perSession(5, "EU"), "pricing.currency"],
  ["pricing currency EURO", perSession(5, "EURO"), "pricing.currency"],
  ["pricing currency E1R", perSession(5, "E1R"), "pricing.currency"],
  ["pricing currency XYZ (not ISO-4217)", perSession(5, "XYZ"), "pricing.currency"],
  ["location null", { location: null }, null],
  ["location in_person", { location: { type: "in_person", city: "Berlin" } }, null],
  ["location phone", { location: { type: "phone" } }, null],
  ["location type unknown", { location: { type: "mail" } }, "location.type"],
  ["location type missing", { location: { city: "Berlin" } }, "location.type"],
  [
    "location https video_link",
    { location: { type: "online", video_link: "https://x.example/r" } },
    null,
  ],
  [
    "location http video_link",
    { location: { type: "online", video_link: "http://x.example/r" } },
    "location.video_link",
  ],
  [
    "location non-URL video_link",
    { location: { type: "online", video_link: "zoom room 4" } },
    "location.video_link",
  ],
  [
    "providers duplicated",
    { providers: ["sm_aaaaaaaaaaaaaaaaaaaa", "sm_aaaaaaaaaaaaaaaaaaaa"] },
    "providers",
  ],
  ["providers 51", { providers: Array.from({ length: 51 }, (_, i) => `sm_${i}`) }, "providers"],
  ["unknown top-level field", { colour: "blue" }, "colour"],
  ["unknown field in location", { location: { type: "phone", floor: 2 } }, "location.floor"],
  ["unknown field in pricing", { pricing: { model: "free", tax: 1 } }, "pricing.tax"],
  [
    "unknown field in scheduling_rules",
    { scheduling_rules: { waitlist: true } },
    "scheduling_rules.waitlist",
  ],
  nested("scheduling_rules.booking_window.extra", 1, "scheduling_rules.booking_window.extra"),
];

describe("POST /v1/experiences: ranges, enums and strict bodies", () => {
  let nextKey: () => Promise<string>;
  beforeAll(async () => {
    nextKey = keyRotation((await createTenant()).orgId);
  });

  it.each(CREATE_CASES)("%s", async (_case, fields, field) => {
    const body = { ...MINIMAL_EXPERIENCE, ...fields };
    const res = await callJson("POST", "/v1/experiences", { key: await nextKey(), body });
    if (field === null) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return;
    }
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    expect(Object.keys(res.body.details.fieldErrors)).toContain(field);
  });

  it("names an unknown field in the message", async () => {
    const body = { ...MINIMAL_EXPERIENCE, colour: "blue" };
    const { body: error } = await callJson("POST", "/v1/experiences", {
      key: await nextKey(),
      body,
    });
    expect(error.details.fieldErrors.colour).toEqual(["Unknown field: colour"]);
  });
});
