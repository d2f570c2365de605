import type { Context } from "hono";
import type { FeedOrigin } from "./calendar-presenter";
import type { RenderedCalendar } from "./rendered-calendar";

export const CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8";

export function originOf(c: Context): FeedOrigin {
  const url = new URL(c.req.url);
  return { origin: url.origin, host: url.host };
}

/** Whether If-None-Match names this ETag (a list, weak forms and `*` included, RFC 9110). */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** The calendar with its ETag and Cache-Control, or an empty 304 when the client has it. */
export function calendarResponse(c: Context, rendered: RenderedCalendar, cacheControl: string) {
  const headers = { ETag: rendered.etag, "Cache-Control": cacheControl };
  if (matchesIfNoneMatch(c.req.header("if-none-match"), rendered.etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(rendered.body, 200, { ...headers, "Content-Type": CALENDAR_CONTENT_TYPE });
}
