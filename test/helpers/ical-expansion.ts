// An independent reading of our feeds: ical.js 2.2.1 parses them and expands every RRULE,
// EXDATE and RECURRENCE-ID override. Two things are NOT left to it, because it departs from
// RFC 5545 there:
//   - a local time is turned into an instant here, by the rule of RFC 5545 §3.3.5, from the
//     feed's own VTIMEZONE (ical.js puts a time inside a spring-forward gap an hour early, and
//     takes the later of two instants of a repeated fall-back time);
//   - the end is start + DURATION of elapsed time (ical.js adds it on the wall clock).
// Nothing here imports our scheduling code, so the comparison with the slots is independent.
import ICAL from "ical.js";

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

export interface FeedInstance {
  uid: string;
  start: number; // epoch ms
  end: number;
  status: string;
}

interface Observance {
  at: number; // instant of the onset
  offset: number; // ms, in force from `at` on
}

const wallMsOf = (t: Time) => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);

/** The observances of one VTIMEZONE, oldest first. */
function readObservances(vtimezone: Component): Observance[] {
  const observances = [
    ...vtimezone.getAllSubcomponents("standard"),
    ...vtimezone.getAllSubcomponents("daylight"),
  ].map((sub) => {
    const onset = sub.getFirstPropertyValue("dtstart") as Time;
    const from = (sub.getFirstPropertyValue("tzoffsetfrom") as ICAL.UtcOffset).toSeconds() * 1000;
    const to = (sub.getFirstPropertyValue("tzoffsetto") as ICAL.UtcOffset).toSeconds() * 1000;
    // §3.6.5: an onset's DTSTART is local time in the offset in force before it.
    return { at: wallMsOf(onset) - from, offset: to };
  });
  return observances.sort((a, b) => a.at - b.at);
}

/**
 * RFC 5545 §3.3.5: a local time that occurs twice is the first occurrence; one that does not
 * occur is read with the offset in force before the gap.
 */
export function resolveByRfc5545(observances: Observance[], wallMs: number): number {
  const valid: number[] = [];
  for (let i = 0; i < observances.length; i++) {
    const current = observances[i] as Observance;
    const next = observances[i + 1];
    const instant = wallMs - current.offset;
    if (instant >= current.at && (!next || instant < next.at)) valid.push(instant);
  }
  if (valid.length > 0) return Math.min(...valid);
  for (let i = 1; i < observances.length; i++) {
    const before = observances[i - 1] as Observance;
    const onset = observances[i] as Observance;
    if (wallMs - before.offset >= onset.at && wallMs - onset.offset < onset.at) {
      return wallMs - before.offset;
    }
  }
  throw new Error(`Local time ${new Date(wallMs).toISOString()} is outside the VTIMEZONE`);
}

function durationMs(component: Component): number | null {
  const duration = component.getFirstPropertyValue("duration") as ICAL.Duration | null;
  return duration ? duration.toSeconds() * 1000 : null;
}

export interface ParsedFeed {
  calendar: Component;
  instancesBetween(fromMs: number, toMs: number): FeedInstance[];
}

export function parseFeed(text: string): ParsedFeed {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = new Map<string, Observance[]>();
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    zones.set(String(vtimezone.getFirstPropertyValue("tzid")), readObservances(vtimezone));
  }
  const toInstant = (component: Component, property: string): number => {
    const prop = component.getFirstProperty(property);
    if (!prop) throw new Error(`No ${property}`);
    const time = prop.getFirstValue() as Time;
    const tzid = prop.getParameter("tzid") as string | undefined;
    if (!tzid) return wallMsOf(time); // a UTC ("Z") value
    const observances = zones.get(tzid);
    if (!observances) throw new Error(`TZID ${tzid} has no VTIMEZONE in the feed`);
    return resolveByRfc5545(observances, wallMsOf(time));
  };
  const instancesBetween = (fromMs: number, toMs: number) =>
    expandEvents(calendar, zones, toInstant, fromMs, toMs);
  return { calendar, instancesBetween };
}

function instanceOf(
  component: Component,
  start: number,
  toInstant: (c: Component, p: string) => number,
) {
  const duration = durationMs(component);
  return {
    uid: String(component.getFirstPropertyValue("uid")),
    start,
    end: duration === null ? toInstant(component, "dtend") : start + duration,
    status: String(component.getFirstPropertyValue("status") ?? "CONFIRMED"),
  };
}

function expandEvents(
  calendar: Component,
  zones: Map<string, Observance[]>,
  toInstant: (c: Component, p: string) => number,
  fromMs: number,
  toMs: number,
): FeedInstance[] {
  const vevents = calendar.getAllSubcomponents("vevent");
  const exceptions = vevents.filter((v) => v.hasProperty("recurrence-id"));
  const instances: FeedInstance[] = [];
  for (const vevent of vevents) {
    if (vevent.hasProperty("recurrence-id")) continue;
    if (!vevent.hasProperty("rrule")) {
      instances.push(instanceOf(vevent, toInstant(vevent, "dtstart"), toInstant));
      continue;
    }
    const uid = vevent.getFirstPropertyValue("uid");
    const event = new ICAL.Event(vevent, {
      exceptions: exceptions.filter((e) => e.getFirstPropertyValue("uid") === uid),
      strictExceptions: true,
    });
    const tzid = vevent.getFirstProperty("dtstart")?.getParameter("tzid") as string;
    const observances = zones.get(tzid) as Observance[];
    const iterator = event.iterator();
    // Local times lie within a day of their instant: stop two days past the window.
    for (let next = iterator.next(); next; next = iterator.next()) {
      const wall = wallMsOf(next);
      if (wall > toMs + 2 * 86_400_000) break;
      const details = event.getOccurrenceDetails(next);
      const item = details.item.component;
      const start =
        item === vevent ? resolveByRfc5545(observances, wall) : toInstant(item, "dtstart");
      instances.push(instanceOf(item, start, toInstant));
    }
  }
  return instances
    .filter((instance) => instance.start >= fromMs && instance.start < toMs)
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.uid < b.uid ? -1 : 1));
}
