/**
 * The events a request wrote, handed after the response to the post-commit dispatch. Services
 * add an event when they build its outbox statements; the dispatch only enqueues events that
 * are really in D1, so an event of a refused or failed write is never delivered.
 */
export class PendingEvents {
  readonly #ids = new Set<string>();

  add(eventId: string): void {
    this.#ids.add(eventId);
  }

  ids(): string[] {
    return [...this.#ids];
  }
}
