// RFC 5545 §3.1 and §3.3 value syntax: text escaping, 75-octet line folding, CRLF, and the
// DATE-TIME, UTC-OFFSET and DURATION forms the writer emits.

import { convertEpochDayToCivil, pad2 } from "../calendar-date";
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from "../durations";

const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

/** TEXT values (§3.3.11): backslash, semicolon, comma and newlines are escaped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds one content line so no physical line exceeds 75 octets (§3.1). Breaks fall between
 * code points, never inside a UTF-8 sequence; each continuation starts with one space, which
 * counts toward its 75.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n");
}

/** The iCalendar stream: every line folded and ended by CRLF, the last one included. */
export function serializeLines(lines: readonly string[]): string {
  return lines.map((line) => `${foldLine(line)}\r\n`).join("");
}

function formatWall(wallMs: number): string {
  const epochDay = Math.floor(wallMs / DAY_MS);
  const { year, month, day } = convertEpochDayToCivil(epochDay);
  const msOfDay = wallMs - epochDay * DAY_MS;
  const time =
    pad2(Math.floor(msOfDay / HOUR_MS)) +
    pad2(Math.floor(msOfDay / MINUTE_MS) % 60) +
    pad2(Math.floor(msOfDay / SECOND_MS) % 60);
  return `${String(year).padStart(4, "0")}${pad2(month)}${pad2(day)}T${time}`;
}

/** "20270314T023000": a local (wall-clock) DATE-TIME, read with the property's TZID. */
export function formatLocalDateTime(date: string, timeOfDay: string): string {
  return `${date.replaceAll("-", "")}T${timeOfDay.replace(":", "")}00`;
}

/** "20270314T073000Z": a UTC DATE-TIME (seconds precision; sub-seconds are dropped). */
export function formatUtcDateTime(instantMs: number): string {
  return `${formatWall(Math.floor(instantMs / SECOND_MS) * SECOND_MS)}Z`;
}

/** A wall-clock instant as "YYYYMMDDTHHMMSS" (local time read as if it were UTC). */
export function formatWallDateTime(wallMs: number): string {
  return formatWall(wallMs);
}

/** "+0100", "-0330", "+054500" (§3.3.14; seconds only when the offset has them). */
export function formatUtcOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? "-" : "+";
  const abs = Math.abs(offsetMs);
  const seconds = Math.floor(abs / SECOND_MS) % 60;
  const hhmm = pad2(Math.floor(abs / HOUR_MS)) + pad2(Math.floor(abs / MINUTE_MS) % 60);
  return `${sign}${hhmm}${seconds === 0 ? "" : pad2(seconds)}`;
}

/**
 * "PT90M": an exact duration (§3.3.6). Minutes, never "P1D", so 1440 minutes stay 24 hours
 * of elapsed time across a DST change, as §8 defines a session's end.
 */
export function formatMinutesDuration(minutes: number): string {
  return `PT${minutes}M`;
}
