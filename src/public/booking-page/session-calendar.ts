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
import { createFormats } from "./shared/formats";
import { type SessionState, sessionState } from "./shared/session-state";

/** The slots API lists at most 92 local dates per request: the page covers them in one. */
const MAX_RANGE_DAYS = 92;

/** The dates the page lists: today up to the booking window's horizon, at most 92. */
export function pageRangeDays(maxDaysAhead: number): number {
  return Math.min(MAX_RANGE_DAYS, Math.max(1, maxDaysAhead + 1));
}

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
  /** "7:00 – 8:15 AM" in the page's locale and zone. */
  timeRange: string;
  /** "Monday, December 7, 7:00 – 8:15 AM". */
  range: string;
  providerId: string | null;
  seatsAvailable: number;
  seatsHeld: number;
  waitlistSize: number;
  state: SessionState;
}

export interface PageDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** "Mon", "Dec 7" and "Monday, December 7", in the page's locale. */
  weekday: string;
  shortDate: string;
  longDate: string;
  sessions: PageSession[];
}

export interface SessionCalendar extends PageZone {
  locale: string;
  /** The local dates covered, inclusive. */
  from: string;
  to: string;
  rangeDays: number;
  days: PageDay[];
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

type Formats = ReturnType<typeof createFormats>;
type Slot = Awaited<ReturnType<typeof listPageSlots>>["slots"][number];

/**
 * The sessions a visitor may pick, as the page script lists them: bookable ones, and full ones
 * shown as full (offering the waitlist when it has room). Past, too-soon, too-far and paused
 * sessions are left out. Grouped by local date in the page's zone, in start order, labelled in
 * the page's locale.
 */
export async function buildSessionCalendar(
  db: Database,
  experience: ExperienceRow,
  organizationZone: string,
  page: PageZone & { locale: string },
  now: number,
): Promise<SessionCalendar> {
  const { zone, locale } = page;
  const rangeDays = pageRangeDays(experience.schedulingRules.booking_window.max_days_ahead);
  const from = todayInZone(zone, now);
  const range = { from, to: addDays(from, rangeDays - 1), zone };
  const { slots, to } = await listPageSlots(db, experience, organizationZone, range, now);
  const formats = createFormats(locale, zone);
  const { enabled, max_size } = experience.waitlist;
  const waitlist = { enabled, maxSize: max_size };
  const days = new Map<string, PageSession[]>();
  for (const slot of slots) {
    const state = sessionState(slot, waitlist);
    if (!state) continue;
    const date = calendarDateInZone(Date.parse(slot.start), zone);
    days.set(date, [...(days.get(date) ?? []), pageSession(slot, state, formats, zone)]);
  }
  const pageDays = [...days].map(([date, sessions]) => pageDay(date, sessions, formats));
  return { zone, source: page.source, locale, from, to, rangeDays, days: pageDays };
}

function pageSession(slot: Slot, state: SessionState, formats: Formats, zone: string) {
  return {
    sessionId: slot.session_id,
    start: slot.start,
    end: slot.end,
    localStart: formatLocalIso(Date.parse(slot.start), zone),
    timeRange: formats.timeRange(slot.start, slot.end),
    range: formats.range(slot.start, slot.end),
    providerId: slot.provider_id,
    seatsAvailable: slot.seats_available,
    seatsHeld: slot.seats_held,
    waitlistSize: slot.waitlist_size,
    state,
  } satisfies PageSession;
}

function pageDay(date: string, sessions: PageSession[], formats: Formats): PageDay {
  const first = Date.parse(sessions[0]?.start ?? `${date}T12:00:00Z`);
  return {
    date,
    weekday: formats.weekday(first),
    shortDate: formats.shortDate(first),
    longDate: formats.day(first),
    sessions,
  };
}
