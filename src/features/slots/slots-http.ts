import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { matchesIfNoneMatch } from "../../http/etag";
import { jsonContent } from "../../http/openapi";
import { SlotPageSchema } from "./slots.schemas";
import type { SlotsBody } from "./slots-response";

// Clients may keep a copy but must revalidate each time: seats and bookability change at any
// moment, and a revalidation that matches costs a 304 without the body.
const SLOTS_CACHE_CONTROL = "private, max-age=0, must-revalidate";
const SLOTS_CACHE_HEADERS = {
  ETag: {
    description:
      "Strong tag of the exact body; it changes with any booking, edit or the clock moving a slot's bookability. Send it back in `If-None-Match` to get 304 while nothing changed.",
    schema: { type: "string" as const, example: '"3f7a0c2b9d1e4f5a6b7c8d9e0f1a2b3c"' },
  },
  "Cache-Control": {
    description: SLOTS_CACHE_CONTROL,
    schema: { type: "string" as const, example: SLOTS_CACHE_CONTROL },
  },
};

/** The 200 and 304 of a slots route (/v1 and /public answer alike). */
export const SLOTS_RESPONSES = {
  200: {
    ...jsonContent(SlotPageSchema, "Slots ordered by start, then session_id"),
    headers: SLOTS_CACHE_HEADERS,
  },
  304: {
    description: "Not modified: `If-None-Match` holds the current `ETag`; empty body",
    headers: SLOTS_CACHE_HEADERS,
  },
};

/** The page's bytes with its tag, or 304 when the client's `If-None-Match` already has them. */
export function slotsResponse(c: Context<AppEnv>, { bytes, etag }: SlotsBody) {
  c.header("ETag", etag);
  c.header("Cache-Control", SLOTS_CACHE_CONTROL);
  if (matchesIfNoneMatch(c.req.header("if-none-match"), etag)) return c.body(null, 304);
  return c.body(bytes, 200, { "Content-Type": "application/json" });
}
