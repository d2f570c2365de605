// The two further contenders of the expansion benchmark, on the same 48 templates: written as
// RFC 5545 text (DTSTART;TZID + RRULE), as a calendar would store them, and parsed on every
// run, as a request would build them from stored rules.

import { DateTime, RRuleSet as RustRRuleSet, type Time } from "rrule-rust";
import { RRuleTemporal } from "rrule-temporal";
import { listTimeGroups, START_DATE, WINDOW_END, WINDOW_START, ZONE } from "./rule-set";

const ICAL_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const DTSTART_DATE = START_DATE.replaceAll("-", ""); // a Monday: every time runs on it

function dtstartLine(time: string): string {
  return `DTSTART;TZID=${ZONE}:${DTSTART_DATE}T${time.replace(":", "")}00`;
}

function byDay(weekdays: number[]): string {
  return weekdays.map((day) => ICAL_DAYS[day]).join(",");
}

/** One rrule-temporal rule per time of day (its rules carry their own DTSTART). */
const TEMPORAL_RULES = listTimeGroups().map(
  ({ time, weekdays }) =>
    `${dtstartLine(time)}\nRRULE:FREQ=WEEKLY;WKST=MO;BYDAY=${byDay(weekdays)}`,
);

export function expandWithRRuleTemporal(): number[] {
  const after = new Date(WINDOW_START);
  const before = new Date(WINDOW_END);
  return TEMPORAL_RULES.flatMap((rruleString) =>
    // between() is inclusive here; no session sits on either bound (local midnights).
    new RRuleTemporal({ rruleString })
      .between(after, before, true)
      .map((zoned) => zoned.epochMilliseconds),
  );
}

/**
 * One rrule-rust set: an RRuleSet has one DTSTART, so each time is an RRULE with BYHOUR and
 * BYMINUTE; the DTSTART (Monday 06:00) is one of the 06:00 rule's own occurrences.
 */
const RUST_SET = [
  dtstartLine(listTimeGroups()[0]?.time ?? "06:00"),
  ...listTimeGroups().map(({ time, weekdays }) => {
    const [hour, minute] = time.split(":").map(Number);
    return `RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=${byDay(weekdays)};BYHOUR=${hour};BYMINUTE=${minute};BYSECOND=0`;
  }),
].join("\n");

function rustBetween(set: RustRRuleSet<DateTime<Time>>): number[] {
  return set
    .between(DateTime.fromTimestamp(WINDOW_START), DateTime.fromTimestamp(WINDOW_END), true)
    .map((occurrence) => occurrence.toTimestamp());
}

function parseRustSet(): RustRRuleSet<DateTime<Time>> {
  const set = RustRRuleSet.fromString<DateTime<Time>>(RUST_SET);
  set.cache.disable(); // a cached between() would measure a lookup, not an expansion
  return set;
}

export function expandWithRRuleRust(): number[] {
  return rustBetween(parseRustSet());
}

// rrule-rust's best case: the rule parsed once (no text crosses napi per run), still uncached.
const PREBUILT_RUST_SET = parseRustSet();

export function expandWithRRuleRustPrebuilt(): number[] {
  return rustBetween(PREBUILT_RUST_SET);
}
