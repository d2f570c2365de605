/**
 * The events a request wrote, handed after the response to the post-commit dispatch. The
 * post-commit middleware attaches a collector to the request's Database object; the outbox
 * notes each event it writes through that Database, so services and routes need no extra
 * plumbing and stay HTTP-free. The dispatch only enqueues events that are really in D1, so an
 * event of a refused or failed write is never delivered. Work done on a Database with no
 * collector (a direct service call) is left to the sweep.
 */
export class PendingEvents {
  readonly #ids = new Set<string>();
  #written = false;

  add(eventId: string): void {
    this.#ids.add(eventId);
    this.#written = true;
  }

  /**
   * Of a committed batch's events, only `undelivered` still need the dispatch: the others are
   * not in D1 (a refused write) or had nothing to deliver and were settled in the batch.
   */
  settled(batchEventIds: string[], undelivered: string[]): void {
    const keep = new Set(undelivered);
    for (const id of batchEventIds) if (!keep.has(id)) this.#ids.delete(id);
  }

  /** Whether the request wrote any event through this Database, delivered or not. */
  get wroteAny(): boolean {
    return this.#written;
  }

  ids(): string[] {
    return [...this.#ids];
  }
}

const collectors = new WeakMap<object, PendingEvents>();

export function collectEventsWrittenThrough(db: object): PendingEvents {
  const pending = new PendingEvents();
  collectors.set(db, pending);
  return pending;
}

export function noteEventWritten(db: object, eventId: string): void {
  collectors.get(db)?.add(eventId);
}

export function noteEventsSettled(db: object, batchEventIds: string[], undelivered: string[]) {
  collectors.get(db)?.settled(batchEventIds, undelivered);
}
