import { and, asc, count, desc, eq, inArray, type Placeholder, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { queryInChunks } from "../lib/bound-parameters";
import { type PageRequest, pageOffset } from "../lib/pagination";
import type { Database } from "./client";

// The read shapes every repository shares. A repository still names its table, filter and order
// (what the feature means); these own how a page and an owned row are fetched.

/** A table whose rows one organization owns, keyed by `id`. */
type OwnedTable = SQLiteTable & { id: SQLiteColumn; organizationId: SQLiteColumn };

/** A table keyed by `id`. */
type KeyedTable = SQLiteTable & { id: SQLiteColumn };

/** A table whose rows carry their creation time, keyed by `id`. */
type CreatedTable = SQLiteTable & { id: SQLiteColumn; createdAt: SQLiteColumn };

/** Newest first: created_at, then id (the order of rows created in the same millisecond). */
export const newestFirst = (table: CreatedTable) => [desc(table.createdAt), desc(table.id)];
/** Oldest first, the same way. */
export const oldestFirst = (table: CreatedTable) => [asc(table.createdAt), asc(table.id)];

/** The first row matching `where`, or undefined. */
export async function findRow<T extends SQLiteTable>(
  db: Database,
  table: T,
  where: SQL | undefined,
): Promise<T["$inferSelect"] | undefined> {
  const [row] = await db
    .select()
    .from(table as SQLiteTable)
    .where(where)
    .limit(1);
  return row as T["$inferSelect"] | undefined;
}

/** Every row matching `where`, in `order`. */
export async function listRows<T extends SQLiteTable>(
  db: Database,
  table: T,
  where: SQL | undefined,
  order: SQL[] = [],
): Promise<T["$inferSelect"][]> {
  const query = db
    .select()
    .from(table as SQLiteTable)
    .where(where);
  return (order.length ? await query.orderBy(...order) : await query) as T["$inferSelect"][];
}

/**
 * The ids of the rows matching `where`, as a query not yet run: it may still take an order and a
 * limit, or stand in a batch or as a subquery.
 */
export function idsQuery<T extends KeyedTable>(db: Database, table: T, where: SQL | undefined) {
  return db
    .select({ id: table.id as T["id"] })
    .from(table as SQLiteTable)
    .where(where);
}

/** The ids of the rows matching `where`. */
export async function listIds(db: Database, table: KeyedTable, where: SQL | undefined) {
  const rows = await idsQuery(db, table, where);
  return rows.map((row) => row.id as string);
}

/**
 * How many rows matching `condition` each of `ids` has in `key`, in one query per chunk of ids
 * (the bound-parameter limit); ids without any are absent from the map.
 */
export async function countPerKey(
  db: Database,
  table: SQLiteTable,
  key: SQLiteColumn,
  ids: string[],
  condition: SQL,
): Promise<Map<string, number>> {
  const rows = await queryInChunks(ids, 1, (chunk) =>
    db
      .select({ key, value: count() })
      .from(table)
      .where(and(inArray(key, chunk), condition))
      .groupBy(key),
  );
  return new Map(rows.map((row) => [String(row.key), Number(row.value)]));
}

/** The row with this id if the organization owns it (a foreign id reads as absent). */
export async function findOwnedRow<T extends OwnedTable>(
  db: Database,
  table: T,
  organizationId: string,
  id: string,
  ...conditions: (SQL | undefined)[]
): Promise<T["$inferSelect"] | undefined> {
  const [row] = await ownedRowQuery(db, table, organizationId, id, ...conditions);
  return row as T["$inferSelect"] | undefined;
}

/**
 * The same as a query not yet run, so a read batch can hold it; `id` may be a subquery of the
 * batch.
 */
export function ownedRowQuery<T extends OwnedTable>(
  db: Database,
  table: T,
  organizationId: string | Placeholder,
  id: string | SQL | Placeholder,
  ...conditions: (SQL | undefined)[]
) {
  return db
    .select()
    .from(table)
    .where(and(eq(table.id, id), eq(table.organizationId, organizationId), ...conditions))
    .limit(1);
}

/** A filter on a comma-list query parameter: no values, no filter. */
export function anyOf(column: SQLiteColumn, values: readonly string[] | undefined) {
  return values?.length ? inArray(column, [...values]) : undefined;
}

/** One page of the rows matching `where`, in `order`, with the total for pagination (§1). */
export async function listPage<T extends SQLiteTable>(
  db: Database,
  table: T,
  query: { where: SQL | undefined; order: SQL[] },
  page: PageRequest,
): Promise<{ rows: T["$inferSelect"][]; total: number }> {
  const { where, order } = query;
  const [limit, offset] = [page.page_size, pageOffset(page)];
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(table as SQLiteTable)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
    db
      .select({ value: count() })
      .from(table as SQLiteTable)
      .where(where),
  ]);
  return { rows: rows as T["$inferSelect"][], total: total?.value ?? 0 };
}

/** A statement, not a write: the owned row becomes `row` (its key and created_at stay). */
export function updateOwnedRowStatement<T extends OwnedTable>(
  db: Database,
  table: T,
  row: T["$inferSelect"] & { id: string; organizationId: string; createdAt: number },
) {
  const { id, organizationId, createdAt: _createdAt, ...changes } = row;
  return db
    .update(table as SQLiteTable)
    .set(changes)
    .where(and(eq(table.id, id), eq(table.organizationId, organizationId)));
}
