// VTIMEZONE (RFC 5545 §3.6.5) from the transition tables the expansion itself uses, so a client
// that resolves the feed's local times with it lands on the instants the slots show.

import { convertCivilToEpochDay } from "../calendar-date";
import { DAY_MS } from "../durations";
import { getOffsetAt, listOffsetTransitions } from "../zone-offsets";
import { formatUtcOffset, formatWallDateTime } from "./content-lines";

export interface ZoneCoverage {
  timezone: string;
  fromYear: number;
  toYear: number; // inclusive
}

function observance(kind: "STANDARD" | "DAYLIGHT", wallMs: number, from: number, to: number) {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${formatWallDateTime(wallMs)}`,
    `TZOFFSETFROM:${formatUtcOffset(from)}`,
    `TZOFFSETTO:${formatUtcOffset(to)}`,
    `END:${kind}`,
  ];
}

/**
 * One observance for the offset in force when the covered years begin, then one per
 * transition, each an individual onset (no RRULE), so rule changes between years are exact.
 * An onset's DTSTART is its wall-clock time in the offset it leaves (§3.6.5). A transition to a
 * larger offset is DAYLIGHT, to a smaller one STANDARD.
 */
export function buildVTimezone({ timezone, fromYear, toYear }: ZoneCoverage): string[] {
  const fromMs = convertCivilToEpochDay(fromYear, 1, 1) * DAY_MS;
  const toMs = convertCivilToEpochDay(toYear + 1, 1, 1) * DAY_MS;
  // Start a day early so a local time on 1 January in a zone east of UTC is covered too.
  const anchorMs = fromMs - DAY_MS;
  const transitions = listOffsetTransitions(timezone, anchorMs, toMs);
  const initial = getOffsetAt(timezone, anchorMs);
  const firstChange = transitions[0];
  const initialKind = firstChange && firstChange.offsetAfter < initial ? "DAYLIGHT" : "STANDARD";
  const lines = [`BEGIN:VTIMEZONE`, `TZID:${timezone}`];
  lines.push(...observance(initialKind, anchorMs + initial, initial, initial));
  for (const { at, offsetBefore, offsetAfter } of transitions) {
    const kind = offsetAfter > offsetBefore ? "DAYLIGHT" : "STANDARD";
    lines.push(...observance(kind, at + offsetBefore, offsetBefore, offsetAfter));
  }
  lines.push("END:VTIMEZONE");
  return lines;
}
