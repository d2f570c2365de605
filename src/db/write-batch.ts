import { type Column, getTableColumns, is, SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Database } from "./client";

/**
 * One change, written atomically. D1 has no interactive transactions, but `db.batch` is one
 * SQLite transaction, so a service collects every statement of a change and commits them at
 * once: its own rows, the Idempotency-Key row (§7) and, with §12, its outbox event rows.
 *
 *   const batch = new WriteBatch(db);
 *   const inserted = batch.track(insertBookingIfSeatsLeft(db, booking));  // a guarded change
 *   const happened = bookingExists(booking.id);                            // its condition
 *   recordIdempotencyKey(batch, input, { resourceType: "booking", resourceId: booking.id }, happened);
 *   batch.add(insertIfRowExists(db, events, eventRow, happened));          // same condition
 *   const committed = await batch.commit();
 *   if (committed.rowsChanged(inserted) === 0) throw new SessionFullError(…);
 *
 * Statements run in the order added, inside the same transaction, so one built with
 * `insertIfRowExists` sees the outcome of the change before it: a refused booking writes
 * neither its key row nor its events. Any drizzle builder is a statement (`db.insert(…)`,
 * `db.update(…)`, `insertSelect(…)` for guards of your own). Not `db.run(sql\`…\`)`: drizzle's
 * D1 batch cannot bind its parameters.
 */
export type Statement = BatchItem<"sqlite">;

/** A statement whose row count the caller reads after the commit. */
export interface StatementRef {
  readonly index: number;
}

/** A statement whose rows (RETURNING, or a SELECT after the writes) the caller reads. */
export interface RowsRef<Row> extends StatementRef {
  /** Never set: it only carries the row type from trackRows to rows. */
  readonly row?: Row;
}

export interface CommittedBatch {
  /** Rows the tracked statement inserted, updated or deleted (0 when its guard refused). */
  rowsChanged(ref: StatementRef): number;
  /** What the statement returned, read in the batch's transaction after the ones before it. */
  rows<Row>(ref: RowsRef<Row>): Row[];
}

/**
 * Statements that must run after every other of the batch (built at commit, so they see all
 * that was added), and what to do with their results once it committed.
 */
export interface BatchEpilogue {
  statements(): Statement[];
  /** `results` are its own statements'; `batch` answers for every other of the batch. */
  committed(results: unknown[], batch: CommittedBatch): void;
}

export class WriteBatch {
  readonly #statements: Statement[] = [];
  readonly #epilogues: BatchEpilogue[] = [];

  constructor(readonly db: Database) {}

  /** Adds statements that run last, whatever is added after this call (see BatchEpilogue). */
  addEpilogue(epilogue: BatchEpilogue): this {
    this.#epilogues.push(epilogue);
    return this;
  }

  add(...statements: Statement[]): this {
    this.#statements.push(...statements);
    return this;
  }

  track(statement: Statement): StatementRef {
    this.#statements.push(statement);
    return { index: this.#statements.length - 1 };
  }

  /** Like track, for a statement that returns rows (drizzle maps them in the batch). */
  trackRows<Row>(statement: Statement & PromiseLike<Row[]>): RowsRef<Row> {
    return this.track(statement);
  }

  async commit(): Promise<CommittedBatch> {
    const ends = this.#epilogues.map((epilogue) => epilogue.statements());
    const [first, ...rest] = [...this.#statements, ...ends.flat()];
    const results: unknown[] = first ? await this.db.batch([first, ...rest]) : [];
    const rows = <Row>({ index }: RowsRef<Row>) => (results[index] as Row[] | undefined) ?? [];
    const committed: CommittedBatch = {
      rowsChanged: ({ index }) => {
        const result = results[index] as D1Result | unknown[] | undefined;
        return Array.isArray(result) ? result.length : (result?.meta.changes ?? 0);
      },
      rows,
    };
    let at = this.#statements.length;
    this.#epilogues.forEach((epilogue, index) => {
      const count = ends[index]?.length ?? 0;
      epilogue.committed(results.slice(at, at + count), committed);
      at += count;
    });
    return committed;
  }
}

/** "This row exists" inside the batch's transaction, e.g. the booking this change just wrote. */
export interface RowCondition {
  table: SQLiteTable;
  where: SQL | undefined;
}

export function rowExists(table: SQLiteTable, where: SQL | undefined): RowCondition {
  return { table, where };
}

/** A row to insert whose values may also be SQL expressions over the SELECT's FROM. */
export type SelectedRow<T extends SQLiteTable> = {
  [K in keyof T["$inferInsert"]]?: T["$inferInsert"][K] | SQL;
};

function selectedValue(value: unknown, column: Column): SQL {
  if (is(value, SQL)) return value;
  if (value !== undefined) return sql`${sql.param(value, column)}`;
  if (column.defaultFn) return sql`${sql.param(column.defaultFn(), column)}`;
  if (is(column.default, SQL)) return column.default;
  return sql`${sql.param(column.default ?? null, column)}`;
}

/**
 * `INSERT INTO table (<every column>) SELECT <row> <rest>`, where `rest` is the FROM and WHERE
 * that guard the write. Values are named by column (unnamed ones take their defaults) and
 * encoded like drizzle's own inserts (JSON, booleans). Returns drizzle's insert builder, so
 * `.onConflictDoUpdate(…)` can follow, and it batches like any other statement.
 */
export function insertSelect<T extends SQLiteTable>(
  db: Database,
  table: T,
  row: SelectedRow<T>,
  rest: SQL,
) {
  const values = Object.entries(getTableColumns(table))
    // The columns drizzle's insert lists, in the same order (generated ones are not inserted).
    .filter(([, column]) => !column.generated || column.generated.type === "byDefault")
    .map(([key, column]) => selectedValue((row as Record<string, unknown>)[key], column));
  return db.insert(table).select(sql`SELECT ${sql.join(values, sql`, `)} ${rest}`);
}

/**
 * Inserts the row only when the condition holds at this point of the batch (the WHERE also
 * keeps SQLite's upsert parse unambiguous, so `.onConflictDoUpdate(…)` may follow).
 */
export function insertIfRowExists<T extends SQLiteTable>(
  db: Database,
  table: T,
  row: T["$inferInsert"],
  condition: RowCondition,
) {
  const exists = sql`SELECT 1 FROM ${condition.table} WHERE ${condition.where ?? sql`1`}`;
  return insertSelect(db, table, row as SelectedRow<T>, sql`WHERE EXISTS (${exists})`);
}
