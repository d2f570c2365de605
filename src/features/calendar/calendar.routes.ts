import { z } from "@hono/zod-openapi";
import { dataResponse, noContent } from "../../http/openapi";
import { idempotentEmptyBody, keylessRoutes, v1Routes } from "../../http/route";
import { answer, handled, routerOf } from "../../http/route-answer";
import { authOf } from "../../http/scopes";
import { buildApiBookingCalendar, buildPublicBookingCalendar } from "./booking-calendar.service";
import {
  BookingCalendarParamsSchema,
  CalendarFeedSchema,
  CreateCalendarFeedBodySchema,
  ExperienceCalendarParamsSchema,
  IfNoneMatchHeaderSchema,
  MemberCalendarFeedParamsSchema,
  PublicBookingCalendarQuerySchema,
} from "./calendar.schemas";
import { calendarResponse, originOf } from "./calendar-response";
import { buildExperienceFeed } from "./experience-feed.service";
import { buildProviderFeed, createCalendarFeed, revokeCalendarFeed } from "./provider-feed.service";

const bookingRoute = v1Routes("Calendar feeds", "bookings");
const spaceRoute = v1Routes("Calendar feeds", "spaces");
const publicRoute = keylessRoutes("Calendar feeds");
const PUBLIC_FEED_CACHE = "public, max-age=300";
const PRIVATE_FEED_CACHE = "private, max-age=300";
// A booking changes when it is cancelled or moved: always revalidate (the ETag makes it cheap).
const BOOKING_CACHE = "private, no-cache";

function calendarResponses(description: string) {
  const headers = {
    ETag: { schema: { type: "string" as const }, description: "Strong validator of the body" },
    "Cache-Control": { schema: { type: "string" as const } },
  };
  return {
    200: {
      description: `${description} (text/calendar, RFC 5545: CRLF line ends, folded at 75 octets)`,
      headers,
      content: { "text/calendar": { schema: z.string().openapi({ example: "BEGIN:VCALENDAR…" }) } },
    },
    304: { description: "Not modified: If-None-Match names the current ETag", headers },
  };
}

export const calendarPublicRoutes = routerOf(
  handled(
    publicRoute.get("/experiences/{id}/calendar.ics", {
      summary: "Subscribable calendar of an active experience",
      errors: [404, 429],
      description:
        "One recurring VEVENT per (active recurrence × session template) with an RRULE equivalent to the cadence, EXDATEs for excluded dates, a VTIMEZONE per zone built from the same tables as the slots, overrides (RECURRENCE-ID) for materialized sessions the rule now places elsewhere or that were cancelled, and VEVENTs of their own for materialized sessions the rule no longer produces. Paused recurrences are left out. Expanding it gives the instants of GET /public/experiences/{id}/slots?include_unbookable=true. Cache-Control: public, max-age=300. Inactive and unknown experiences are 404.",
      params: ExperienceCalendarParamsSchema,
      request: { headers: IfNoneMatchHeaderSchema },
      responses: calendarResponses("The experience's schedule"),
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const feed = await buildExperienceFeed(c.get("db"), id, originOf(c), Date.now());
      c.set("organizationId", feed.organizationId);
      return calendarResponse(c, feed, PUBLIC_FEED_CACHE);
    },
  ),
  handled(
    publicRoute.get("/bookings/{id}/calendar.ics", {
      summary: 'A booking as a calendar event ("Add to calendar")',
      errors: [400, 404, 429],
      description:
        "METHOD:PUBLISH with one VEVENT (UID `<booking id>@<host>`, STATUS:CONFIRMED or STATUS:CANCELLED, the seats in SUMMARY, the cancellation link of the booking page in DESCRIPTION). Guarded by the booking's cancel_token like the public cancel. Cache-Control: private, no-cache.",
      params: BookingCalendarParamsSchema,
      query: PublicBookingCalendarQuerySchema,
      request: { headers: IfNoneMatchHeaderSchema },
      responses: calendarResponses("The booking"),
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const token = c.req.valid("query").cancel_token;
      const ics = await buildPublicBookingCalendar(c.get("db"), id, token, originOf(c));
      c.set("organizationId", ics.organizationId);
      return calendarResponse(c, ics, BOOKING_CACHE);
    },
  ),
  handled(
    publicRoute.get("/calendars/{token}.ics", {
      summary: "A provider's teaching schedule (secret feed URL)",
      errors: [404, 429],
      description:
        "One VEVENT per session this member provides that has at least one confirmed booking and lies in the next 92 days, with the confirmed seats and the attendees' names in DESCRIPTION. The URL comes from POST /v1/spaces/{space_id}/members/{member_id}/calendar-feed; an unknown or revoked token is 404. Cache-Control: private, max-age=300.",
      parameters: [
        {
          name: "token",
          in: "path",
          required: true,
          schema: { type: "string", pattern: "^[0-9A-Za-z]{32,128}$" },
          description: "The feed's secret token",
        },
      ],
      request: { headers: IfNoneMatchHeaderSchema },
      responses: calendarResponses("The provider's booked sessions"),
    }),
    async (c) => {
      // Hono reads `{token}.ics` as one parameter named "token.ics" holding "<token>.ics".
      const file = c.req.param("token.ics" as never) as string;
      const feed = await buildProviderFeed(c.get("db"), file, originOf(c), Date.now());
      c.set("organizationId", feed.organizationId);
      return calendarResponse(c, feed, PRIVATE_FEED_CACHE);
    },
  ),
);

export const calendarRoutes = routerOf(
  handled(
    bookingRoute.get("/bookings/{id}/calendar.ics", {
      summary: "A booking as a calendar event",
      description:
        "As GET /public/bookings/{id}/calendar.ics, for integrations: the DESCRIPTION names the API's cancel endpoint (the customer's cancel token is not stored in clear). Cache-Control: private, no-cache.",
      params: BookingCalendarParamsSchema,
      request: { headers: IfNoneMatchHeaderSchema },
      responses: calendarResponses("The booking"),
    }),
    async (c) => {
      const { organizationId } = authOf(c);
      const { id } = c.req.valid("param");
      const ics = await buildApiBookingCalendar(c.get("db"), organizationId, id, originOf(c));
      return calendarResponse(c, ics, BOOKING_CACHE);
    },
  ),
  answer(
    spaceRoute.post("/spaces/{space_id}/members/{member_id}/calendar-feed", {
      summary: "Issue a member's provider feed URL (revokes the previous one)",
      description:
        "Returns `{url, created_at}`; `url` is `/public/calendars/<token>.ics` with 43 random base-62 characters, shown only here and stored as its SHA-256. A new call replaces the previous token, which then answers 404. Unknown members, and members of another space, are 404.",
      params: MemberCalendarFeedParamsSchema,
      request: idempotentEmptyBody(CreateCalendarFeedBodySchema),
      responses: dataResponse(201, CalendarFeedSchema, "The feed URL"),
    }),
    (r) =>
      createCalendarFeed(r.db, {
        ...r.v1Write,
        spaceId: r.param.space_id,
        memberId: r.param.member_id,
      }),
  ),
  answer(
    spaceRoute.delete("/spaces/{space_id}/members/{member_id}/calendar-feed", {
      summary: "Revoke a member's provider feed",
      description:
        "204 with an empty body; the feed URL answers 404 from then on. Revoking when no feed exists is also 204.",
      params: MemberCalendarFeedParamsSchema,
      responses: noContent("Revoked"),
    }),
    (r) => revokeCalendarFeed(r.db, r.orgId, r.param.space_id, r.param.member_id),
  ),
);
