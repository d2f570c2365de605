import { is, Param, Placeholder, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "./client";

// Building a statement (its SQL text and the mapping of its columns) cost a quarter of a slots
// request's CPU, and the text depends only on the statement's shape. A prepared statement lets
// drizzle build it once per isolate, with placeholders, and each use binds its own values to
// that text. It is awaited or batched like the builder it replaces, and maps rows the same way.

/** The part of drizzle's prepared query (drizzle-orm 0.45) that its D1 batch uses. */
interface PreparedQuery {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(response: unknown, isFromBatch?: boolean): unknown;
}

/** One use of a prepared statement: a batch item (and a promise of its result on its own). */
export type BoundStatement<Rows> = BatchItem<"sqlite"> & PromiseLike<Rows>;

class BoundPreparedStatement<Rows> implements PromiseLike<Rows> {
  constructor(
    private readonly db: Database,
    private readonly prepared: PreparedQuery,
    private readonly values: Record<string, unknown>,
  ) {}

  /** What drizzle's `db.batch` calls on each item: this use's statement and row mapping. */
  _prepare() {
    const { prepared } = this;
    const built = prepared.getQuery();
    const query = { sql: built.sql, params: built.params.map((p) => this.valueOf(p)) };
    return {
      getQuery: () => query,
      stmt: this.db.$client.prepare(query.sql),
      mapResult: (response: unknown, isFromBatch?: boolean) =>
        prepared.mapResult(response, isFromBatch),
    };
  }

  /**
   * drizzle's fillPlaceholders, except that null stays NULL: a JSON column's encoder would turn
   * it into the text "null", where the builder writes SQL NULL.
   */
  private valueOf(param: unknown): unknown {
    const placeholder = is(param, Param) ? param.value : param;
    if (!is(placeholder, Placeholder)) return param;
    if (!(placeholder.name in this.values)) throw new Error(`No value for ${placeholder.name}`);
    const value = this.values[placeholder.name];
    return is(param, Param) && value !== null ? param.encoder.mapToDriverValue(value) : value;
  }

  // biome-ignore lint/suspicious/noThenProperty: awaited like the drizzle builder it stands for
  then<A = Rows, B = never>(
    onFulfilled?: ((rows: Rows) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    const alone = this.db.batch([this as unknown as BatchItem<"sqlite">]);
    return alone.then(([rows]) => rows as Rows).then(onFulfilled, onRejected);
  }
}

/**
 * A statement built once from `build(db, placeholders)`, then bound per use:
 * `const byHash = prepared(["hash"], (db, p) => db.select().from(t).where(eq(t.hash, p.hash)))`
 * and `await byHash(db, { hash })` or `db.batch([byHash(db, { hash }), …])`. Every use must give
 * a value for each name (a missing one throws).
 */
export function prepared<const K extends string, Rows>(
  names: readonly K[],
  build: (
    db: Database,
    placeholders: Record<K, Placeholder>,
  ) => PromiseLike<Rows> & {
    prepare(): unknown;
  },
): (db: Database, values: Record<K, unknown>) => BoundStatement<Rows> {
  let built: PreparedQuery | undefined;
  return (db, values) => {
    built ??= build(db, placeholdersOf(names)).prepare() as PreparedQuery;
    return new BoundPreparedStatement<Rows>(db, built, values) as unknown as BoundStatement<Rows>;
  };
}

function placeholdersOf<K extends string>(names: readonly K[]) {
  const entries = names.map((name) => [name, sql.placeholder(name)]);
  return Object.fromEntries(entries) as unknown as Record<K, Placeholder>;
}
