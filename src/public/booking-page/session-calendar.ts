import type { Database } from "../../db/client";
import type { ExperienceRow } from "../../features/experiences/experiences.repository";
import { listSlotPage, MAX_SLOTS_PER_PAGE } from "../../features/slots/slot-page";
import { addDays } from "../../scheduling/calendar-date";
import {
  calendarDateInZone,
  formatLocalIso,
  isValidTimeZone,
  todayInZone,
} from "../../scheduling/time-zone";

/** The page lists the sessions of this many local dates; the script loads later ones. */
export const PAGE_RANGE_DAYS = 28;

/** Where the zone of the rendered list came from: the script only overrides a guess. */
export type ZoneSource = "query" | "visitor" | "organization";

export interface PageZone {
  zone: string;
  source: ZoneSource;
}

/**
 * `?tz=` when it is a valid IANA zone, else the visitor's zone as Cloudflare geolocates it
 * (`request.cf.timezone`; a placeholder under `wrangler dev`), else the organization's.
 */
export function resolvePageZone(
  requested: string | undefined,
  visitor: unknown,
  organizationZone: string,
): PageZone {
  if (requested && isValidTimeZone(requested)) return { zone: requested, source: "query" };
  if (typeof visitor === "string" && isValidTimeZone(visitor)) {
    return { zone: visitor, source: "visitor" };
  }
  return { zone: organizationZone, source: "organization" };
}

export interface PageSession {
  sessionId: string;
  /** UTC instants, as the slots API gives them: the script rebuilds its state from them. */
  start: string;
  end: string;
  /** Start with the offset of the page's zone, e.g. "2026-12-08T08:30:00.000+09:00". */
  localStart: string;
  /** "HH:MM" (24-hour) in the page's zone. */
  startTime: string;
  endTime: string;
  seatsAvailable: number;
  full: boolean;
}

export interface PageDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** "Mon", "Dec 7" and "Monday, December 7". */
  weekday: string;
  shortDate: string;
  longDate: string;
  sessions: PageSession[];
}

export interface SessionCalendar extends PageZone {
  /** The local dates covered, inclusive. */
  from: string;
  to: string;
  days: PageDay[];
}

const labelFormats = {
  weekday: new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short" }),
  shortDate: new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" }),
  longDate: new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    weekday: "long",
    month: "long",
    day: "numeric",
  }),
};

/** Labels depend on the civil date only, so they are formatted at noon UTC of that date. */
function newDay(date: string, sessions: PageSession[]): PageDay {
  const noon = new Date(`${date}T12:00:00Z`);
  return {
    date,
    weekday: labelFormats.weekday.format(noon),
    shortDate: labelFormats.shortDate.format(noon),
    longDate: labelFormats.longDate.format(noon),
    sessions,
  };
}

/**
 * The page's slots, bounded like every slots answer: when [from, to] holds more than one page,
 * the list stops after the last whole local date the page holds (the script's "later dates"
 * continue from there), so a date is never shown half.
 */
async function listPageSlots(
  db: Database,
  experience: ExperienceRow,
  organizationZone: string,
  range: { from: string; to: string; zone: string },
  now: number,
) {
  const { from, to, zone } = range;
  const query = { from, to, timezone: zone, include_unbookable: true, limit: MAX_SLOTS_PER_PAGE };
  const page = await listSlotPage(db, experience, query, organizationZone, now);
  const last = page.data.at(-1);
  if (!page.next_cursor || !last) return { slots: page.data, to };
  const dateOf = (slot: { start: string }) => calendarDateInZone(Date.parse(slot.start), zone);
  const lastDate = dateOf(last);
  const whole = page.data.filter((slot) => dateOf(slot) < lastDate);
  // A single date with more sessions than a page: show that page of it.
  if (whole.length === 0) return { slots: page.data, to: lastDate };
  return { slots: whole, to: addDays(lastDate, -1) };
}

/**
 * The sessions a visitor may pick, as the page script lists them: bookable ones, and full ones
 * shown as full. Past, too-soon, too-far and paused sessions are left out. Grouped by local
 * date in the page's zone, in start order.
 */
export async function buildSessionCalendar(
  db: Database,
  experience: ExperienceRow,
  organizationZone: string,
  pageZone: PageZone,
  now: number,
): Promise<SessionCalendar> {
  const { zone } = pageZone;
  const from = todayInZone(zone, now);
  const range = { from, to: addDays(from, PAGE_RANGE_DAYS - 1), zone };
  const { slots, to } = await listPageSlots(db, experience, organizationZone, range, now);
  const days = new Map<string, PageSession[]>();
  for (const slot of slots) {
    if (!slot.bookable && slot.unbookable_reason !== "full") continue;
    const startMs = Date.parse(slot.start);
    const localStart = formatLocalIso(startMs, zone);
    const date = calendarDateInZone(startMs, zone);
    const session: PageSession = {
      sessionId: slot.session_id,
      start: slot.start,
      end: slot.end,
      localStart,
      startTime: localStart.slice(11, 16),
      endTime: formatLocalIso(Date.parse(slot.end), zone).slice(11, 16),
      seatsAvailable: slot.seats_available,
      full: !slot.bookable,
    };
    const day = days.get(date);
    if (day) day.push(session);
    else days.set(date, [session]);
  }
  return {
    ...pageZone,
    from,
    to,
    days: [...days].map(([date, sessions]) => newDay(date, sessions)),
  };
}
