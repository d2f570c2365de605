import { describe, expect, it } from "vitest";
import { expandSessions, findSession } from "../../../src/scheduling/expand";
import { formatLocalIso } from "../../../src/scheduling/time-zone";
import type { RecurrenceRule } from "../../../src/scheduling/types";

const REC_ID = "rec_7Hq2LmX9pQ4rT8vW";
const at = (iso: string) => Date.parse(iso);

function weeklyRule(overrides: Partial<RecurrenceRule> = {}): RecurrenceRule {
  return {
    id: REC_ID,
    timezone: "Europe/Berlin",
    start_date: "2027-01-04", // a Monday
    cadence: { frequency: "weekly", interval: 1, days_of_week: [1, 3] },
    end_condition: { type: "never" },
    session_templates: [
      { start_time_of_day: "07:00" },
      { start_time_of_day: "18:30", days_of_week: [3] },
    ],
    excluded_dates: [],
    ...overrides,
  };
}

describe("expandSessions", () => {
  it("crosses occurrence dates with the templates whose days include the weekday", () => {
    const sessions = expandSessions(
      weeklyRule(),
      60,
      at("2027-01-04T00:00Z"),
      at("2027-01-11T00:00Z"),
    );
    expect(sessions.map((session) => session.local_start)).toEqual([
      "2027-01-04T07:00:00.000+01:00",
      "2027-01-06T07:00:00.000+01:00",
      "2027-01-06T18:30:00.000+01:00",
    ]);
    expect(sessions[2]).toEqual({
      session_id: "ses_7Hq2LmX9pQ4rT8vW_20270106_1830",
      recurrence_id: REC_ID,
      local_date: "2027-01-06",
      time_of_day: "18:30",
      template_index: 1,
      start: at("2027-01-06T17:30:00.000Z"),
      end: at("2027-01-06T18:30:00.000Z"),
      local_start: "2027-01-06T18:30:00.000+01:00",
    });
  });

  it("selects by start instant in [windowStart, windowEnd)", () => {
    const rule = weeklyRule();
    const first = at("2027-01-04T06:00:00.000Z");
    expect(expandSessions(rule, 60, first, first + 1).map((s) => s.session_id)).toEqual([
      "ses_7Hq2LmX9pQ4rT8vW_20270104_0700",
    ]);
    expect(expandSessions(rule, 60, first - 1, first)).toEqual([]);
    expect(expandSessions(rule, 60, first, first)).toEqual([]);
  });

  it("drops excluded dates but lets them consume the count", () => {
    const rule = weeklyRule({
      cadence: { frequency: "weekly", interval: 1, days_of_week: [1] },
      end_condition: { type: "count", count: 4 },
      excluded_dates: ["2027-01-11"],
      session_templates: [{ start_time_of_day: "07:00" }],
    });
    const sessions = expandSessions(rule, 60, at("2027-01-01T00:00Z"), at("2027-12-31T00:00Z"));
    expect(sessions.map((session) => session.local_date)).toEqual([
      "2027-01-04",
      "2027-01-18",
      "2027-01-25",
    ]);
  });

  it("includes the whole until date", () => {
    const rule = weeklyRule({
      end_condition: { type: "date", until: "2027-01-06" },
      session_templates: [{ start_time_of_day: "23:45" }],
    });
    const sessions = expandSessions(rule, 10, at("2027-01-01T00:00Z"), at("2027-02-01T00:00Z"));
    expect(sessions.map((session) => session.local_start)).toEqual([
      "2027-01-04T23:45:00.000+01:00",
      "2027-01-06T23:45:00.000+01:00",
    ]);
  });

  it("ends a session after its duration of elapsed time across a DST change", () => {
    const rule = weeklyRule({
      start_date: "2027-03-28",
      cadence: { frequency: "daily", interval: 1 },
      session_templates: [{ start_time_of_day: "01:30" }],
    });
    const [session] = expandSessions(rule, 120, at("2027-03-28T00:00Z"), at("2027-03-28T12:00Z"));
    expect(session?.start).toBe(at("2027-03-28T00:30:00.000Z"));
    expect(session?.end).toBe(at("2027-03-28T02:30:00.000Z"));
    expect(formatLocalIso(session?.end ?? 0, "Europe/Berlin")).toBe(
      "2027-03-28T04:30:00.000+02:00",
    );
  });

  it("orders by start, then session id, when a gap moves one template onto another", () => {
    const rule = weeklyRule({
      timezone: "America/New_York",
      start_date: "2027-03-14",
      cadence: { frequency: "daily", interval: 1 },
      session_templates: [
        { start_time_of_day: "03:30" },
        { start_time_of_day: "02:30" },
        { start_time_of_day: "03:15" },
      ],
    });
    const sessions = expandSessions(rule, 30, at("2027-03-14T00:00Z"), at("2027-03-14T12:00Z"));
    expect(sessions.map((session) => [session.time_of_day, session.local_start])).toEqual([
      ["03:15", "2027-03-14T03:15:00.000-04:00"],
      ["02:30", "2027-03-14T03:30:00.000-04:00"],
      ["03:30", "2027-03-14T03:30:00.000-04:00"],
    ]);
  });

  it("keeps both the first and the repeated hour's sessions once each on fall-back", () => {
    const rule = weeklyRule({
      timezone: "America/New_York",
      start_date: "2027-11-07",
      cadence: { frequency: "daily", interval: 1 },
      session_templates: [
        { start_time_of_day: "00:30" },
        { start_time_of_day: "01:30" },
        { start_time_of_day: "02:30" },
      ],
    });
    const sessions = expandSessions(rule, 60, at("2027-11-07T00:00Z"), at("2027-11-08T00:00Z"));
    expect(sessions.map((session) => session.local_start)).toEqual([
      "2027-11-07T00:30:00.000-04:00",
      "2027-11-07T01:30:00.000-04:00",
      "2027-11-07T02:30:00.000-05:00",
    ]);
  });

  it("expands a year of 48 weekly templates quickly", () => {
    const times = ["06:00", "07:30", "09:00", "12:00", "17:30", "18:30", "20:00"];
    const rule = weeklyRule({
      cadence: { frequency: "weekly", interval: 1, days_of_week: [0, 1, 2, 3, 4, 5, 6] },
      session_templates: times.map((time, index) => ({
        start_time_of_day: time,
        days_of_week: index === 6 ? [1, 2, 3, 4, 5, 6] : null,
      })),
    });
    const expand = () => expandSessions(rule, 60, at("2027-01-04T00:00Z"), at("2028-01-03T00:00Z"));
    for (let warmUp = 0; warmUp < 5; warmUp++) expand();
    const started = performance.now();
    const sessions = expand();
    expect(sessions).toHaveLength(48 * 52);
    // Generous bound: catches an accidental per-session Intl call (~40x slower), not noise.
    expect(performance.now() - started).toBeLessThan(250);
  });
});

describe("findSession", () => {
  const rule = weeklyRule({
    end_condition: { type: "date", until: "2027-06-30" },
    excluded_dates: ["2027-01-13"],
  });

  it("rebuilds exactly the session that expansion lists", () => {
    const listed = expandSessions(rule, 45, at("2027-01-04T00:00Z"), at("2027-02-01T00:00Z"));
    for (const session of listed) {
      expect(findSession(rule, 45, session.session_id)).toEqual(session);
    }
  });

  it.each([
    ["a date the cadence skips (Tuesday)", "ses_7Hq2LmX9pQ4rT8vW_20270105_0700"],
    ["an excluded date", "ses_7Hq2LmX9pQ4rT8vW_20270113_0700"],
    ["a date before start_date", "ses_7Hq2LmX9pQ4rT8vW_20261230_0700"],
    ["a date after until", "ses_7Hq2LmX9pQ4rT8vW_20270705_0700"],
    ["a template not run on that weekday", "ses_7Hq2LmX9pQ4rT8vW_20270104_1830"],
    ["a time no template has", "ses_7Hq2LmX9pQ4rT8vW_20270104_0800"],
    ["another recurrence", "ses_OtherRecurrence00_20270104_0700"],
    ["a malformed id", "ses_7Hq2LmX9pQ4rT8vW_20270104_07"],
    ["an impossible date", "ses_7Hq2LmX9pQ4rT8vW_20270231_0700"],
  ])("returns null for %s", (_why, sessionId) => {
    expect(findSession(rule, 45, sessionId)).toBeNull();
  });

  it("returns null past the count", () => {
    const counted = weeklyRule({ end_condition: { type: "count", count: 2 } });
    expect(findSession(counted, 60, "ses_7Hq2LmX9pQ4rT8vW_20270106_0700")).not.toBeNull();
    expect(findSession(counted, 60, "ses_7Hq2LmX9pQ4rT8vW_20270111_0700")).toBeNull();
  });
});
