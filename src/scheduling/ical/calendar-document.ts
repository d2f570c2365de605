// Writes a VCALENDAR (RFC 5545) from plain values: the feature code decides what the events
// are, this file only how they are spelled.

import {
  escapeText,
  formatLocalDateTime,
  formatMinutesDuration,
  formatUtcDateTime,
  serializeLines,
} from "./content-lines";
import { buildVTimezone, type ZoneCoverage } from "./vtimezone";

export const PRODID = "-//Scheduling & Booking API//Calendar feeds 1.0//EN";

/** A wall-clock time in a zone, written with TZID (resolved by the VTIMEZONE of that TZID). */
export interface ZonedTime {
  timezone: string;
  date: string; // "YYYY-MM-DD"
  timeOfDay: string; // "HH:MM"
}

export interface CalendarEvent {
  uid: string;
  stampMs: number;
  sequence: number;
  /** A zoned start (a recurring series and its RECURRENCE-ID), or a UTC instant. */
  start: ZonedTime | { instantMs: number };
  /** Elapsed minutes (DURATION) or an end instant (DTEND in UTC). */
  end: { minutes: number } | { instantMs: number };
  rrule?: string;
  exdates?: ZonedTime[];
  recurrenceId?: ZonedTime;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  summary: string;
  description?: string;
  location?: string;
  url?: string;
}

export interface CalendarDocument {
  name?: string;
  method?: "PUBLISH";
  /** Subscribed calendars: how often a client should refresh (REFRESH-INTERVAL, PT1H). */
  refreshHourly?: boolean;
  zones: ZoneCoverage[];
  events: CalendarEvent[];
}

function zonedProperty(name: string, time: ZonedTime): string {
  return `${name};TZID=${time.timezone}:${formatLocalDateTime(time.date, time.timeOfDay)}`;
}

function startLine(start: CalendarEvent["start"]): string {
  return "instantMs" in start
    ? `DTSTART:${formatUtcDateTime(start.instantMs)}`
    : zonedProperty("DTSTART", start);
}

function endLine(end: CalendarEvent["end"]): string {
  return "minutes" in end
    ? `DURATION:${formatMinutesDuration(end.minutes)}`
    : `DTEND:${formatUtcDateTime(end.instantMs)}`;
}

function textLine(name: string, value: string | undefined): string[] {
  return value ? [`${name}:${escapeText(value)}`] : [];
}

function eventLines(event: CalendarEvent): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${formatUtcDateTime(event.stampMs)}`,
    ...(event.recurrenceId ? [zonedProperty("RECURRENCE-ID", event.recurrenceId)] : []),
    startLine(event.start),
    endLine(event.end),
    ...(event.rrule ? [`RRULE:${event.rrule}`] : []),
    ...(event.exdates ?? []).map((time) => zonedProperty("EXDATE", time)),
    `SEQUENCE:${event.sequence}`,
    `STATUS:${event.status}`,
    ...textLine("SUMMARY", event.summary),
    ...textLine("DESCRIPTION", event.description),
    ...textLine("LOCATION", event.location),
    // URI values are not TEXT: no escaping (§3.3.13).
    ...(event.url ? [`URL:${event.url}`] : []),
    "END:VEVENT",
  ];
}

/** The whole stream: CRLF line ends, folded at 75 octets, one VTIMEZONE per zone. */
export function writeCalendar(document: CalendarDocument): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN"];
  if (document.method) lines.push(`METHOD:${document.method}`);
  if (document.name)
    lines.push(...textLine("NAME", document.name), ...textLine("X-WR-CALNAME", document.name));
  if (document.refreshHourly) {
    lines.push("REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H");
  }
  for (const zone of document.zones) lines.push(...buildVTimezone(zone));
  for (const event of document.events) lines.push(...eventLines(event));
  lines.push("END:VCALENDAR");
  return serializeLines(lines);
}
