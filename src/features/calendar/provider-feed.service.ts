// The provider feed (§13): a member's booked sessions of the next 92 days behind a secret URL.
// The token is shown once and stored as its SHA-256; a new one replaces the old.

import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { NotFoundError } from "../../errors";
import {
  findOriginalResourceId,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { sha256Hex } from "../../lib/crypto";
import { randomBase62 } from "../../lib/ids";
import { toIso } from "../../lib/time";
import type { CalendarEvent } from "../../scheduling/ical/calendar-document";
import { findMemberById } from "../spaces/spaces.repository";
import { requireSpace } from "../spaces/spaces.service";
import {
  bookingPageUrl,
  describeLocation,
  type FeedOrigin,
  seatsLabel,
} from "./calendar.presenter";
import {
  deleteCalendarFeed,
  findCalendarFeedByTokenHash,
  listProvidedBookingsInWindow,
  upsertCalendarFeedStatement,
} from "./calendar.repository";
import { latestOf, renderCalendar } from "./rendered-calendar";

const TOKEN_LENGTH = 43; // about 256 bits of base-62
const TOKEN_FILE = /^([0-9A-Za-z]{32,128})\.ics$/;
const FEED_DAYS = 92;
const DAY_MS = 86_400_000;
const RESOURCE_TYPE = "calendar_feed";

export const feedPath = (token: string) => `/public/calendars/${token}.ics`;

/** 404 unless the member exists in that space of the caller's organization. */
async function requireMemberOfSpace(
  db: Database,
  organizationId: string,
  spaceId: string,
  memberId: string,
) {
  await requireSpace(db, organizationId, spaceId);
  const member = await findMemberById(db, organizationId, memberId);
  if (!member || member.spaceId !== spaceId) throw new NotFoundError("Member not found");
  return member;
}

export interface CreateFeedInput extends WriteRequest {
  organizationId: string;
  spaceId: string;
  memberId: string;
}

/**
 * Issues a new feed URL (201), revoking the previous one. A re-execution under the same
 * Idempotency-Key (the first response was lost with its token, §7) issues a fresh token for the
 * same single feed row instead of recording the key twice.
 */
export async function createCalendarFeed(db: Database, input: CreateFeedInput) {
  const { organizationId, memberId, now } = input;
  await requireMemberOfSpace(db, organizationId, input.spaceId, memberId);
  const original = await findOriginalResourceId(db, input, RESOURCE_TYPE);
  const token = randomBase62(TOKEN_LENGTH);
  const row = { memberId, organizationId, tokenHash: await sha256Hex(token), createdAt: now };
  const batch = new WriteBatch(db);
  batch.add(upsertCalendarFeedStatement(db, row));
  if (!original) {
    recordIdempotencyKey(batch, input, { resourceType: RESOURCE_TYPE, resourceId: memberId });
  }
  await batch.commit();
  return { url: feedPath(token), created_at: toIso(now) };
}

/** Revokes the member's feed (204); revoking a feed that does not exist changes nothing. */
export async function revokeCalendarFeed(
  db: Database,
  organizationId: string,
  spaceId: string,
  memberId: string,
) {
  await requireMemberOfSpace(db, organizationId, spaceId, memberId);
  await deleteCalendarFeed(db, organizationId, memberId);
}

type ProvidedBooking = Awaited<ReturnType<typeof listProvidedBookingsInWindow>>[number];

function sessionEvent(rows: ProvidedBooking[], origin: FeedOrigin): CalendarEvent {
  const first = rows[0] as ProvidedBooking;
  const seats = rows.reduce((sum, row) => sum + row.quantity, 0);
  const attendees = rows.map((row) => `${row.contactName} (${seatsLabel(row.quantity)})`);
  return {
    uid: `${first.sessionId}@${origin.host}`,
    stampMs: latestOf(
      rows.map((row) => row.bookingUpdatedAt),
      0,
    ),
    sequence: 0,
    start: { instantMs: first.startAt },
    end: { instantMs: first.endAt },
    status: "CONFIRMED",
    summary: `${first.experienceName} (${seatsLabel(seats)} booked)`,
    description: [`${seatsLabel(seats)} confirmed.`, "Attendees:", ...attendees].join("\n"),
    location: describeLocation(first.location),
    url: bookingPageUrl(origin, first.experienceId),
  };
}

/** The feed behind a token; a malformed, unknown or revoked token is 404. */
export async function buildProviderFeed(
  db: Database,
  tokenFile: string,
  origin: FeedOrigin,
  nowMs: number,
) {
  const token = TOKEN_FILE.exec(tokenFile)?.[1];
  const feed = token ? await findCalendarFeedByTokenHash(db, await sha256Hex(token)) : undefined;
  if (!feed) throw new NotFoundError("Calendar feed not found");
  const member = await findMemberById(db, feed.organizationId, feed.memberId);
  const rows = await listProvidedBookingsInWindow(
    db,
    feed.organizationId,
    feed.memberId,
    nowMs,
    nowMs + FEED_DAYS * DAY_MS,
  );
  const bySession = new Map<string, ProvidedBooking[]>();
  for (const row of rows)
    bySession.set(row.sessionId, [...(bySession.get(row.sessionId) ?? []), row]);
  const events = [...bySession.values()].map((group) => sessionEvent(group, origin));
  const rendered = await renderCalendar({
    name: `${member?.name ?? "Provider"}: teaching schedule`,
    refreshHourly: true,
    zones: [],
    events,
  });
  return { ...rendered, organizationId: feed.organizationId };
}
