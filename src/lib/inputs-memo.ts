/**
 * An isolate's memory of results computed from rows it read: an entry answers only when the
 * rows just read are the very ones it was computed from (their serialization, compared whole)
 * and the clock is still inside the span over which the result cannot change. It saves the
 * computation, never the reads, so a result it answers is the one computing it again would
 * give. Least recently used entries go first once the byte budget is spent.
 */
export interface MemoEntry<V> {
  /** What the value was computed from: every input, serialized. */
  inputs: string;
  /** The clock span [computedAt, stableUntil) over which the inputs give this value. */
  computedAt: number;
  stableUntil: number;
  value: V;
  /** Bytes the value holds (the inputs and key are counted on top). */
  bytes: number;
}

export class InputsMemo<V> {
  readonly #entries = new Map<string, MemoEntry<V>>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  /** The value for `key` if it was computed from exactly `inputs` and `now` is in its span. */
  get(key: string, inputs: string, now: number): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.inputs !== inputs) return undefined;
    // A clock that went back may sit before a change the value already reflects.
    if (now < entry.computedAt || now >= entry.stableUntil) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, entry: MemoEntry<V>): void {
    this.#remove(key);
    const size = sizeOf(key, entry);
    if (size > this.maxBytes || entry.stableUntil <= entry.computedAt) return;
    this.#entries.set(key, entry);
    this.#bytes += size;
    for (const [oldest, old] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= sizeOf(oldest, old);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= sizeOf(key, entry);
  }
}

// Strings take two bytes a character in V8 at most; close enough for a budget.
const sizeOf = (key: string, entry: MemoEntry<unknown>) =>
  entry.bytes + 2 * (key.length + entry.inputs.length);
