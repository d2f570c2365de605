import type { events } from "../../db/schema";
import type { EventData } from "../../events/outbox";
import { toIso } from "../../lib/time";

type EventRow = typeof events.$inferSelect;

/** The event object (§12), as listed by the API and sent as the webhook body. */
export function presentEvent(row: EventRow) {
  return {
    id: row.id,
    type: row.type,
    created_at: toIso(row.createdAt),
    data: row.data as EventData,
  };
}
