import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  escapeText,
  foldLine,
  formatUtcOffset,
  serializeLines,
} from "../../../src/scheduling/ical/content-lines";
import { describeTemplateSeries } from "../../../src/scheduling/ical/template-series";
import { buildVTimezone } from "../../../src/scheduling/ical/vtimezone";
import type { RecurrenceRule } from "../../../src/scheduling/types";
import { parseFeed } from "../../helpers/ical-expansion";

const octets = (line: string) => new TextEncoder().encode(line).length;

describe("content lines (RFC 5545 §3.1, §3.3.11)", () => {
  it("escapes backslash, semicolon, comma and every newline form", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });

  it("folds at 75 octets without splitting a UTF-8 sequence, continuation lines start with a space", () => {
    const line = `DESCRIPTION:${"é".repeat(50)}${"😀".repeat(20)}`;
    const physical = foldLine(line).split("\r\n");
    expect(physical.length).toBeGreaterThan(2);
    for (const part of physical) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((part) => part.startsWith(" "))).toBe(true);
    expect(physical.map((part, i) => (i === 0 ? part : part.slice(1))).join("")).toBe(line);
    expect(foldLine("SUMMARY:short")).toBe("SUMMARY:short");
  });

  it("ends every line, the last included, with CRLF", () => {
    expect(serializeLines(["BEGIN:VCALENDAR", "END:VCALENDAR"])).toBe(
      "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    );
  });

  it("writes UTC offsets as ±HHMM, with seconds only when there are some", () => {
    expect(formatUtcOffset(3_600_000)).toBe("+0100");
    expect(formatUtcOffset(-(3 * 3_600_000 + 30 * 60_000))).toBe("-0330");
    expect(formatUtcOffset(0)).toBe("+0000");
    expect(formatUtcOffset(3_600_000 + 53 * 60_000 + 28_000)).toBe("+015328");
  });
});

describe("VTIMEZONE from the zone tables", () => {
  it("lists Berlin's 2027 transitions as onsets in the offset they leave", () => {
    const lines = buildVTimezone({ timezone: "Europe/Berlin", fromYear: 2027, toYear: 2027 });
    expect(lines.join("\n")).toBe(
      [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "BEGIN:STANDARD",
        "DTSTART:20261231T010000",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:20270328T020000",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20271031T030000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "END:VTIMEZONE",
      ].join("\n"),
    );
  });

  it("covers every year asked for: Sydney's southern DST, Kolkata's single offset", () => {
    const sydney = buildVTimezone({ timezone: "Australia/Sydney", fromYear: 2027, toYear: 2029 });
    expect(sydney.filter((line) => line.startsWith("DTSTART")).length).toBe(1 + 6);
    expect(sydney[2]).toBe("BEGIN:DAYLIGHT"); // summer in January
    const kolkata = buildVTimezone({ timezone: "Asia/Kolkata", fromYear: 2027, toYear: 2030 });
    expect(kolkata.filter((line) => line.startsWith("TZOFFSETTO"))).toEqual(["TZOFFSETTO:+0530"]);
  });
});

function rule(overrides: Partial<RecurrenceRule>): RecurrenceRule {
  return {
    id: "rec_Unit0000000000000000",
    timezone: "Europe/Berlin",
    start_date: "2027-01-06",
    cadence: { frequency: "weekly", interval: 2, days_of_week: [1, 3] },
    end_condition: { type: "never" },
    session_templates: [{ start_time_of_day: "07:00" }],
    excluded_dates: [],
    ...overrides,
  };
}

describe("cadence → RRULE", () => {
  it("weekly: INTERVAL, BYDAY Monday first, WKST=MO, DTSTART on the first occurrence", () => {
    const [series] = describeTemplateSeries(rule({}));
    expect(series).toMatchObject({
      uidKey: "0700",
      firstDate: "2027-01-06",
      rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=MO",
      lastDate: null,
    });
  });

  it("count: COUNT for a template on every cadence day, UNTIL the last cadence date for a narrower one", () => {
    const series = describeTemplateSeries(
      rule({
        cadence: { frequency: "weekly", interval: 1, days_of_week: [0, 3] },
        end_condition: { type: "count", count: 4 },
        session_templates: [
          { start_time_of_day: "07:00" },
          { start_time_of_day: "09:00", days_of_week: [0] },
        ],
      }),
    );
    // Cadence dates: Wed 6, Sun 10, Wed 13, Sun 17 January; the last ends at 23:00Z (CET).
    expect(series.map((s) => [s.firstDate, s.rrule])).toEqual([
      ["2027-01-06", "FREQ=WEEKLY;INTERVAL=1;BYDAY=WE,SU;WKST=MO;COUNT=4"],
      ["2027-01-10", "FREQ=WEEKLY;INTERVAL=1;BYDAY=SU;WKST=MO;UNTIL=20270117T225959Z"],
    ]);
  });

  it("daily with a weekday filter and an until date; monthly with BYMONTHDAY", () => {
    const [daily] = describeTemplateSeries(
      rule({
        cadence: { frequency: "daily", interval: 3, days_of_week: [1, 2, 3, 4, 5] },
        end_condition: { type: "date", until: "2027-06-30" },
      }),
    );
    expect(daily?.rrule).toBe("FREQ=DAILY;INTERVAL=3;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270630T215959Z");
    const [monthly] = describeTemplateSeries(
      rule({ start_date: "2027-01-31", cadence: { frequency: "monthly", interval: 1 } }),
    );
    expect(monthly?.rrule).toBe("FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=31");
  });

  it("two templates sharing a time on disjoint days each add their days to the UID", () => {
    const series = describeTemplateSeries(
      rule({
        cadence: { frequency: "weekly", interval: 1, days_of_week: [1, 3, 5] },
        session_templates: [
          { start_time_of_day: "07:00", days_of_week: [1, 5] },
          { start_time_of_day: "07:00", days_of_week: [3] },
        ],
      }),
    );
    expect(series.map((s) => s.uidKey)).toEqual(["0700-15", "0700-3"]);
  });

  it("lists as EXDATE only the excluded dates the series would produce", () => {
    const [series] = describeTemplateSeries(
      rule({
        excluded_dates: ["2027-01-20", "2027-01-04", "2027-01-11", "2027-01-12", "2027-01-18"],
      }),
    );
    // 4 January precedes start_date, 11 January is in an inactive week, 12 is a Tuesday.
    expect(series?.exdates).toEqual(["2027-01-18", "2027-01-20"]);
  });
});

describe("why the tests resolve local times themselves", () => {
  const feed = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//test//EN",
    ...buildVTimezone({ timezone: "America/New_York", fromYear: 2027, toYear: 2027 }),
    "BEGIN:VEVENT",
    "UID:gap@test",
    "DTSTAMP:20270101T000000Z",
    "DTSTART;TZID=America/New_York:20270314T023000",
    "DURATION:PT60M",
    "END:VEVENT",
    "END:VCALENDAR",
  ].join("\r\n");

  it("RFC 5545 §3.3.5 puts 02:30 in the spring gap at 03:30 EDT; ical.js 2.2.1 alone says 01:30 EST", () => {
    const [instance] = parseFeed(feed).instancesBetween(0, Number.MAX_SAFE_INTEGER);
    expect(instance?.start).toBe(Date.parse("2027-03-14T07:30:00Z"));
    const calendar = new ICAL.Component(ICAL.parse(feed));
    const vtimezone = calendar.getFirstSubcomponent("vtimezone");
    const zone = new ICAL.Timezone(vtimezone as InstanceType<typeof ICAL.Component>);
    const start = ICAL.Time.fromDateTimeString("2027-03-14T02:30:00");
    start.zone = zone;
    expect(start.toUnixTime() * 1000).toBe(Date.parse("2027-03-14T06:30:00Z"));
  });
});
