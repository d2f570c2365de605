// Bounded slots answers: at most MAX_SLOTS_PER_PAGE sessions each, continued with an opaque
// cursor naming the last slot given. A thin layer over listSlots, whose order (start, then
// session_id) it pages through, so the range rules stay in one place.

import type { Database } from "../../db/client";
import type { ExperienceRow } from "../experiences/experiences.repository";
import { encodeSlotCursor, type SlotCursor } from "./slot-cursor";
import type { SlotsQuery } from "./slots.schemas";
import { listSlots } from "./slots.service";

export const MAX_SLOTS_PER_PAGE = 2000;

export interface SlotPageQuery extends SlotsQuery {
  cursor?: SlotCursor;
  limit: number;
}

// ISO instants of one format compare as strings in time order, as listSlots sorts them.
const isAfter = (slot: { start: string; session_id: string }, cursor: SlotCursor) =>
  slot.start > cursor.start || (slot.start === cursor.start && slot.session_id > cursor.sessionId);

/** One page of the §8 slots: the first `limit` after the cursor, and the cursor of the rest. */
export async function listSlotPage(
  db: Database,
  experience: ExperienceRow,
  query: SlotPageQuery,
  defaultTimezone: string,
  now: number,
) {
  return pageOfSlots(await listSlots(db, experience, query, defaultTimezone, now), query);
}

/** Cuts slots already in (start, session_id) order into the page the query asks for. */
export function pageOfSlots<T extends { start: string; session_id: string }>(
  slots: T[],
  query: Pick<SlotPageQuery, "cursor" | "limit">,
) {
  const { cursor } = query;
  const remaining = cursor ? slots.filter((slot) => isAfter(slot, cursor)) : slots;
  const data = remaining.slice(0, query.limit);
  const last = data.at(-1);
  const nextCursor =
    remaining.length > data.length && last
      ? encodeSlotCursor({ start: last.start, sessionId: last.session_id })
      : null;
  return { data, next_cursor: nextCursor };
}
