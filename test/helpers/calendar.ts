import { expect } from "vitest";
import { addDays } from "../../src/scheduling/calendar-date";
import { parseFeed } from "./ical-expansion";
import { publicClient } from "./public";

type Client = ReturnType<typeof publicClient>;

export async function fetchExperienceFeed(experienceId: string, client: Client = publicClient()) {
  const res = await client.raw("GET", `/public/experiences/${experienceId}/calendar.ics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  return res.text();
}

const SLOTS_RANGE_DAYS = 92;

// biome-ignore lint/suspicious/noExplicitAny: wire payloads are asserted field by field
type Slot = Record<string, any>;

/** Every slot (bookable or not) whose UTC start date is in [from, to], 92 dates per call. */
export async function listSlotsBetween(
  experienceId: string,
  from: string,
  to: string,
  client: Client = publicClient(),
): Promise<Slot[]> {
  const slots: Slot[] = [];
  for (let start = from; start <= to; start = addDays(start, SLOTS_RANGE_DAYS)) {
    const end =
      addDays(start, SLOTS_RANGE_DAYS - 1) < to ? addDays(start, SLOTS_RANGE_DAYS - 1) : to;
    const query = `from=${start}&to=${end}&timezone=UTC&include_unbookable=true`;
    const { status, body } = await client.json(
      "GET",
      `/public/experiences/${experienceId}/slots?${query}`,
    );
    expect(status, JSON.stringify(body)).toBe(200);
    slots.push(...body.data);
  }
  return slots;
}

const describeInstant = (start: number, end: number, status: string) =>
  `${new Date(start).toISOString()} → ${new Date(end).toISOString()} ${status}`;

/**
 * §13 exactness: the feed, expanded independently, gives the instants of the slots (with
 * include_unbookable) over [from, to] in UTC, less paused recurrences, cancelled sessions as
 * STATUS:CANCELLED. Returns how many sessions were compared.
 */
export async function expectFeedMatchesSlots(experienceId: string, from: string, to: string) {
  const client = publicClient();
  const feed = parseFeed(await fetchExperienceFeed(experienceId, client));
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const toMs = Date.parse(`${addDays(to, 1)}T00:00:00Z`);
  const fromFeed = feed
    .instancesBetween(fromMs, toMs)
    .map((i) => describeInstant(i.start, i.end, i.status));
  const fromSlots = (await listSlotsBetween(experienceId, from, to, client))
    .filter((slot) => slot.unbookable_reason !== "paused")
    .map((slot) =>
      describeInstant(
        Date.parse(slot.start),
        Date.parse(slot.end),
        slot.unbookable_reason === "cancelled" ? "CANCELLED" : "CONFIRMED",
      ),
    )
    .sort();
  expect(fromFeed.sort()).toEqual(fromSlots);
  return fromSlots.length;
}
