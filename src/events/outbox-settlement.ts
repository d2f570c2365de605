import type { StatementRef, WriteBatch } from "../db/write-batch";
import { unsettleMailedEvents } from "./outbox.repository";
import { noteEventsSettled } from "./pending-events";

// §12: which events of a committed batch the request's post-commit dispatch must still hand to
// the Queue. An event is written settled when no endpoint gets it (src/events/outbox.ts), so
// what is left is an event with deliveries (its fan-out wrote rows) or with a customer email
// (the batch's last statement unsettles those, §17). Neither needs a read of its own: both are
// answered by the batch's own results.

interface EventsOfBatch {
  /** The batch's events, each group with the fan-out statement that wrote its deliveries. */
  groups: Array<{ ids: string[]; fanOut: StatementRef }>;
  /** Events of the batch a customer email was written for. */
  mailed: Set<string>;
}

const eventsOfBatch = new WeakMap<WriteBatch, EventsOfBatch>();

/** The batch's record, adding on first use the epilogue that reads its outcome. */
function eventsOf(batch: WriteBatch): EventsOfBatch {
  const known = eventsOfBatch.get(batch);
  if (known) return known;
  const created: EventsOfBatch = { groups: [], mailed: new Set() };
  eventsOfBatch.set(batch, created);
  batch.addEpilogue({
    statements: () =>
      created.mailed.size === 0
        ? []
        : [unsettleMailedEvents(batch.db, { ids: JSON.stringify([...created.mailed]) })],
    committed: ([unsettled], committed) => {
      const waiting = new Set((unsettled as Array<{ id: string }> | undefined)?.map((e) => e.id));
      for (const { ids, fanOut } of created.groups) {
        if (committed.rowsChanged(fanOut) > 0) for (const id of ids) waiting.add(id);
      }
      const all = created.groups.flatMap((group) => group.ids);
      noteEventsSettled(batch.db, all, [...waiting]);
    },
  });
  return created;
}

/** Events the batch writes (unless their guard refuses), and the fan-out of their deliveries. */
export function noteBatchEvents(batch: WriteBatch, ids: string[], fanOut: StatementRef) {
  eventsOf(batch).groups.push({ ids, fanOut });
}

/** A customer email of the batch tells of this event: it stays unsettled for the dispatch. */
export function noteEventMailed(batch: WriteBatch, eventId: string) {
  eventsOf(batch).mailed.add(eventId);
}
