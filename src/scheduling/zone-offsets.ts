// UTC offsets of IANA zones, read from Intl.DateTimeFormat once per (zone, UTC year) and then
// served from a small transition table (why and how fast: see the top of time-zone.ts).
//
// A year is scanned every 3 days and each offset change is bisected to the second, so the
// expansion loop makes no Intl call. Assumption: a zone's transitions are never closer than
// 3 days (the closest in tzdb 1970–2045, scanned for all 418 zones, are 6 d 23 h apart:
// America/Boa_Vista 2000), so no scan step hides two of them.

import { convertCivilToEpochDay, convertEpochDayToCivil } from "./calendar-date";
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from "./durations";

const SCAN_STEP_MS = 3 * DAY_MS;
// Intl accepts any casing of a name, so the caches are bounded against a flood of variants.
const MAX_CACHED_ZONES = 1000;
const MAX_CACHED_YEARS_PER_ZONE = 512;

const formatters = new Map<string, Intl.DateTimeFormat>();

function getFormatter(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (!formatter) {
    if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(tz, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone (it throws a RangeError for names it does not). */
export function isKnownToIntl(tz: string): boolean {
  try {
    getFormatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** UTC offset (ms) at an instant, asked of Intl: the slow source of truth. */
function readOffsetFromIntl(tz: string, instantMs: number): number {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of getFormatter(tz).formatToParts(instantMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  // Some ICU builds print midnight as 24 even with h23.
  const hour = fields.hour === 24 ? 0 : fields.hour;
  const wall =
    convertCivilToEpochDay(fields.year, fields.month, fields.day) * DAY_MS +
    hour * HOUR_MS +
    fields.minute * MINUTE_MS +
    fields.second * SECOND_MS;
  // Intl shows whole seconds, so compare with the instant truncated to its second.
  return wall - Math.floor(instantMs / SECOND_MS) * SECOND_MS;
}

/** Offsets of one zone during one UTC year [from, to): offsets[i] applies from starts[i] on. */
interface TransitionTable {
  from: number;
  to: number;
  starts: number[];
  offsets: number[];
}

interface ZoneTables {
  byYear: Map<number, TransitionTable>;
  // Consecutive lookups nearly always hit the same year; skip the map for them.
  last: TransitionTable | null;
}

const zoneTables = new Map<string, ZoneTables>();

function buildTransitionTable(tz: string, year: number): TransitionTable {
  const from = convertCivilToEpochDay(year, 1, 1) * DAY_MS;
  const to = convertCivilToEpochDay(year + 1, 1, 1) * DAY_MS;
  let previousAt = from;
  let previousOffset = readOffsetFromIntl(tz, from);
  const table: TransitionTable = { from, to, starts: [from], offsets: [previousOffset] };
  for (
    let at = Math.min(from + SCAN_STEP_MS, to);
    previousAt < to;
    at = Math.min(at + SCAN_STEP_MS, to)
  ) {
    const offset = readOffsetFromIntl(tz, at);
    if (offset !== previousOffset) {
      table.starts.push(bisectTransition(tz, previousAt, at, previousOffset));
      table.offsets.push(offset);
    }
    previousAt = at;
    previousOffset = offset;
  }
  return table;
}

/** First second in (low, high] whose offset differs from `lowOffset`. */
function bisectTransition(tz: string, low: number, high: number, lowOffset: number): number {
  let lo = low;
  let hi = high;
  while (hi - lo > SECOND_MS) {
    const mid = lo + Math.floor((hi - lo) / (2 * SECOND_MS)) * SECOND_MS;
    if (readOffsetFromIntl(tz, mid) === lowOffset) lo = mid;
    else hi = mid;
  }
  return hi;
}

function getZoneTables(tz: string): ZoneTables {
  let zone = zoneTables.get(tz);
  if (!zone) {
    if (zoneTables.size >= MAX_CACHED_ZONES) zoneTables.clear();
    zone = { byYear: new Map(), last: null };
    zoneTables.set(tz, zone);
  }
  return zone;
}

function getTransitionTable(tz: string, instantMs: number): TransitionTable {
  const zone = getZoneTables(tz);
  const last = zone.last;
  if (last && instantMs >= last.from && instantMs < last.to) return last;
  const year = convertEpochDayToCivil(Math.floor(instantMs / DAY_MS)).year;
  let table = zone.byYear.get(year);
  if (!table) {
    table = buildTransitionTable(tz, year);
    if (zone.byYear.size >= MAX_CACHED_YEARS_PER_ZONE) zone.byYear.clear();
    zone.byYear.set(year, table);
  }
  zone.last = table;
  return table;
}

/** UTC offset (ms, local = instant + offset) of a zone at an instant. */
export function getOffsetAt(tz: string, instantMs: number): number {
  const { starts, offsets } = getTransitionTable(tz, instantMs);
  let index = starts.length - 1;
  while (index > 0 && (starts[index] as number) > instantMs) index--;
  return offsets[index] as number;
}

export interface OffsetTransition {
  at: number; // first instant (epoch ms) of the new offset
  offsetBefore: number;
  offsetAfter: number;
}

/**
 * Every offset change of a zone in [fromMs, toMs), read from the same tables the expansion
 * uses, so a VTIMEZONE built from them resolves wall times exactly as the slots do.
 */
export function listOffsetTransitions(
  tz: string,
  fromMs: number,
  toMs: number,
): OffsetTransition[] {
  const transitions: OffsetTransition[] = [];
  let previous = getOffsetAt(tz, fromMs);
  for (let at = fromMs; at < toMs; ) {
    const table = getTransitionTable(tz, at);
    table.starts.forEach((start, index) => {
      const offset = table.offsets[index] as number;
      if (start < fromMs || start >= toMs || offset === previous) return;
      transitions.push({ at: start, offsetBefore: previous, offsetAfter: offset });
      previous = offset;
    });
    at = table.to;
  }
  return transitions;
}
