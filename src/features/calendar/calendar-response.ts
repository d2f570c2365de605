import type { Context } from "hono";
import { matchesIfNoneMatch } from "../../http/etag";
import type { FeedOrigin } from "./calendar.presenter";
import type { RenderedCalendar } from "./rendered-calendar";

export const CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8";

export function originOf(c: Context): FeedOrigin {
  const url = new URL(c.req.url);
  return { origin: url.origin, host: url.host };
}

/** The calendar with its ETag and Cache-Control, or an empty 304 when the client has it. */
export function calendarResponse(c: Context, rendered: RenderedCalendar, cacheControl: string) {
  const headers = { ETag: rendered.etag, "Cache-Control": cacheControl };
  if (matchesIfNoneMatch(c.req.header("if-none-match"), rendered.etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(rendered.body, 200, { ...headers, "Content-Type": CALENDAR_CONTENT_TYPE });
}
