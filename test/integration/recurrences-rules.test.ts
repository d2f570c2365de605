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

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

/** `count` templates on distinct (time, weekday) pairs: 48 half hours × 7 days = 336. */
function distinctTemplates(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const halfHour = Math.floor(i / 7) % 48;
    const time = `${String(Math.floor(halfHour / 2)).padStart(2, "0")}:${halfHour % 2 ? "30" : "00"}`;
    return { start_time_of_day: time, days_of_week: [i % 7] };
  });
}

function consecutiveDates(count: number) {
  const start = Date.UTC(2027, 0, 1);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  );
}

const weekly = (days: unknown, interval?: unknown) => ({
  cadence: {
    frequency: "weekly",
    days_of_week: days,
    ...(interval === undefined ? {} : { interval }),
  },
});
const daily = (fields: Record<string, unknown>) => ({ cadence: { frequency: "daily", ...fields } });
const monthly = (fields: Record<string, unknown>) => ({
  cadence: { frequency: "monthly", ...fields },
});
const templates = (...list: Record<string, unknown>[]) => ({ session_templates: list });
const at = (time: string, days?: unknown, extra: Record<string, unknown> = {}) => ({
  start_time_of_day: time,
  ...(days === undefined ? {} : { days_of_week: days }),
  ...extra,
});
/** [case, fields over weeklyRecurrence() (weekly Mon+Wed from 2026-12-01), field of the 400 or null] */
type Case = [string, Record<string, unknown>, string | null];

const edges = (
  label: string,
  build: (value: number) => Record<string, unknown>,
  field: string,
  [below, min, max, above]: [number, number, number, number],
): Case[] => [
  [`${label} ${below}`, build(below), field],
  [`${label} ${min}`, build(min), null],
  [`${label} ${max}`, build(max), null],
  [`${label} ${above}`, build(above), field],
];

const RULE_CASES: Case[] = [
  ["timezone UTC", { timezone: "UTC" }, null],
  ["timezone with three parts", { timezone: "America/Argentina/Buenos_Aires" }, null],
  ["timezone unknown", { timezone: "Mars/Olympus" }, "timezone"],
  ["timezone longer than any zone name", { timezone: `Europe/${"x".repeat(60)}` }, "timezone"],
  ["timezone as an offset", { timezone: "+01:00" }, "timezone"],
  ["timezone empty", { timezone: "" }, "timezone"],
  ["timezone missing", { timezone: undefined }, "timezone"],
  ["start_date on a leap day", { start_date: "2028-02-29" }, null],
  ["start_date not a real date", { start_date: "2026-02-29" }, "start_date"],
  ["start_date month 13", { start_date: "2026-13-01" }, "start_date"],
  ["start_date without zero padding", { start_date: "2026-12-1" }, "start_date"],
  ["start_date date-time with Z", { start_date: "2026-12-01T10:00:00Z" }, null],
  ["start_date date-time with +05:30", { start_date: "2026-12-01T10:00:00+05:30" }, null],
  ["start_date date-time without offset", { start_date: "2026-12-01T10:00:00" }, "start_date"],
  ["start_date free text", { start_date: "tomorrow" }, "start_date"],
  ["start_date missing", { start_date: undefined }, "start_date"],
  ["cadence missing", { cadence: undefined }, "cadence"],
  ["cadence frequency yearly", { cadence: { frequency: "yearly" } }, "cadence.frequency"],
  ["weekly every day", weekly(EVERY_DAY), null],
  ["weekly days empty", weekly([]), "cadence.days_of_week"],
  ["weekly days missing", { cadence: { frequency: "weekly" } }, "cadence.days_of_week"],
  ["weekly day 7", weekly([1, 7]), "cadence.days_of_week"],
  ["weekly day -1", weekly([-1]), "cadence.days_of_week"],
  ["weekly day 1.5", weekly([1.5]), "cadence.days_of_week"],
  ["weekly days repeated", weekly([1, 1]), "cadence.days_of_week"],
  ...edges("weekly interval", (n) => weekly([1, 3], n), "cadence.interval", [0, 1, 52, 53]),
  ["daily without days", daily({}), null],
  ["daily days null", daily({ days_of_week: null }), null],
  ["daily days empty", daily({ days_of_week: [] }), "cadence.days_of_week"],
  ...edges("daily interval", (n) => daily({ interval: n }), "cadence.interval", [0, 1, 365, 366]),
  ["monthly without day", monthly({}), null],
  ...edges("monthly interval", (n) => monthly({ interval: n }), "cadence.interval", [0, 1, 12, 13]),
  ...edges(
    "day_of_month",
    (n) => monthly({ day_of_month: n }),
    "cadence.day_of_month",
    [0, 1, 31, 32],
  ),
  ["monthly with days_of_week", monthly({ days_of_week: [1] }), "cadence.days_of_week"],
  ["end never", { end_condition: { type: "never" } }, null],
  ["end until the start date", { end_condition: { type: "date", until: "2026-12-01" } }, null],
  [
    "end until before start",
    { end_condition: { type: "date", until: "2026-11-30" } },
    "end_condition.until",
  ],
  [
    "end until not a date",
    { end_condition: { type: "date", until: "2027-02-30" } },
    "end_condition.until",
  ],
  ["end until missing", { end_condition: { type: "date" } }, "end_condition.until"],
  ["end type forever", { end_condition: { type: "forever" } }, "end_condition.type"],
  ...edges(
    "end count",
    (n) => ({ end_condition: { type: "count", count: n } }),
    "end_condition.count",
    [0, 1, 1000, 1001],
  ),
  ["templates empty", templates(), "session_templates"],
  ["templates missing", { session_templates: undefined }, "session_templates"],
  [
    "templates 336",
    {
      cadence: { frequency: "weekly", days_of_week: EVERY_DAY },
      ...templates(...distinctTemplates(336)),
    },
    null,
  ],
  [
    "templates 337",
    {
      cadence: { frequency: "weekly", days_of_week: EVERY_DAY },
      ...templates(...distinctTemplates(337)),
    },
    "session_templates",
  ],
  ["time 00:00", templates(at("00:00")), null],
  ["time 23:59", templates(at("23:59")), null],
  ["time 24:00", templates(at("24:00")), "session_templates.0.start_time_of_day"],
  ["time 12:60", templates(at("12:60")), "session_templates.0.start_time_of_day"],
  ["time 9:00", templates(at("9:00")), "session_templates.0.start_time_of_day"],
  ["time with seconds", templates(at("07:00:00")), "session_templates.0.start_time_of_day"],
  ["time missing", templates({ capacity: 3 }), "session_templates.0.start_time_of_day"],
  ...edges(
    "template capacity",
    (n) => templates(at("07:00", undefined, { capacity: n })),
    "session_templates.0.capacity",
    [0, 1, 10000, 10001],
  ),
  ["template capacity null", templates(at("07:00", undefined, { capacity: null })), null],
  ["template days null", templates(at("07:00", null)), null],
  ["template days within the cadence", templates(at("07:00", [1])), null],
  [
    "template days outside the cadence",
    templates(at("07:00", [1, 2])),
    "session_templates.0.days_of_week",
  ],
  ["template days empty", templates(at("07:00", [])), "session_templates.0.days_of_week"],
  [
    "template days on a daily cadence without days",
    { ...daily({}), ...templates(at("07:00", [2])) },
    null,
  ],
  [
    "template days outside a daily cadence's days",
    { ...daily({ days_of_week: [1, 2] }), ...templates(at("07:00", [3])) },
    "session_templates.0.days_of_week",
  ],
  ["template days on a monthly cadence", { ...monthly({}), ...templates(at("07:00", [3])) }, null],
  [
    "same time on every day twice",
    templates(at("09:00"), at("09:00")),
    "session_templates.1.start_time_of_day",
  ],
  ["same time on disjoint days", templates(at("09:00", [1]), at("09:00", [3])), null],
  [
    "same time on overlapping days",
    templates(at("09:00", [1, 3]), at("09:00", [3])),
    "session_templates.1.start_time_of_day",
  ],
  [
    "same time, one on every cadence day",
    templates(at("09:00", [1]), at("09:00", null)),
    "session_templates.1.start_time_of_day",
  ],
  ["different times on the same days", templates(at("09:00"), at("10:00")), null],
  ["excluded_dates 500", { excluded_dates: consecutiveDates(500) }, null],
  ["excluded_dates 501", { excluded_dates: consecutiveDates(501) }, "excluded_dates"],
  [
    "excluded_dates with a non-date",
    { excluded_dates: ["2026-12-24", "2026-02-30"] },
    "excluded_dates.1",
  ],
  ["status paused", { status: "paused" }, null],
  ["status stopped", { status: "stopped" }, "status"],
  ["unknown top-level field", { colour: "blue" }, "colour"],
  [
    "unknown cadence field",
    { cadence: { frequency: "weekly", days_of_week: [1], every: 2 } },
    "cadence.every",
  ],
  [
    "unknown end_condition field",
    { end_condition: { type: "count", count: 2, until: "2027-01-01" } },
    "end_condition.until",
  ],
  [
    "unknown template field",
    templates(at("07:00", undefined, { room: "A" })),
    "session_templates.0.room",
  ],
];

describe("§6 recurrence rules on POST /v1/experiences/{id}/recurrences", () => {
  let nextKey: () => Promise<string>;
  let experienceId: string;

  beforeAll(async () => {
    const { orgId, key } = await createTenant();
    nextKey = keyRotation(orgId);
    experienceId = (await createExperience(key)).id;
  });

  it.each(RULE_CASES)("%s", async (_case, fields, field) => {
    const { status, body } = await callJson("POST", `/v1/experiences/${experienceId}/recurrences`, {
      key: await nextKey(),
      body: weeklyRecurrence(fields),
    });
    if (field === null) {
      expect(status, JSON.stringify(body)).toBe(201);
      return;
    }
    expect(status).toBe(400);
    expect(body.code).toBe("validation_failed");
    const named = Object.keys(body.details.fieldErrors);
    expect(
      named.some((f) => f === field || f.startsWith(`${field}.`)),
      named.join(),
    ).toBe(true);
  });
});

describe("§4 provider rule on recurrence provider IDs", () => {
  let key: string;
  let experienceId: string;
  const members: Record<"loft" | "garden" | "general" | "foreign", string> = {
    loft: "",
    garden: "",
    general: "",
    foreign: "",
  };

  beforeAll(async () => {
    ({ key } = await createTenant());
    const loft = await createSpace(key, "Loft");
    const garden = await createSpace(key, "Garden");
    members.loft = await createMember(key, loft);
    members.garden = await createMember(key, garden);
    members.general = await createMember(key, "GENERAL");
    members.foreign = await createMember((await createTenant()).key, "GENERAL");
    experienceId = (await createExperience(key, { space_id: loft })).id;
  });

  const post = (fields: Record<string, unknown>) =>
    callJson("POST", `/v1/experiences/${experienceId}/recurrences`, {
      key,
      body: weeklyRecurrence(fields),
    });

  it.each([
    ["the experience's space", "loft", null],
    ["GENERAL", "general", null],
    ["another space", "garden", "provider_id"],
    ["another organization", "foreign", "provider_id"],
  ] as const)("provider_id of %s", async (_case, member, field) => {
    const { status, body } = await post({ provider_id: members[member] });
    if (field === null) expect(status).toBe(201);
    else expect(Object.keys(body.details.fieldErrors)).toEqual([field]);
  });

  it("names each template provider that is not allowed", async () => {
    const { status, body } = await post({
      provider_id: members.general,
      session_templates: [
        at("07:00", undefined, { provider_id: members.loft }),
        at("08:00", undefined, { provider_id: "sm_unknown0000000000000" }),
        at("09:00", undefined, { provider_id: members.garden }),
      ],
    });
    expect(status).toBe(400);
    expect(Object.keys(body.details.fieldErrors).sort()).toEqual([
      "session_templates.1.provider_id",
      "session_templates.2.provider_id",
    ]);
  });
});
