// D1 binds at most 100 parameters per statement (local D1 enforces it too), so every `IN (…)`
// list whose length a caller controls is split into statements that each fit under it.

export const MAX_BOUND_PARAMETERS = 100;

/** `values` in consecutive chunks of at most `size` items (none for an empty list). */
export function chunk<T>(values: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Invalid chunk size: ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

/**
 * Runs `query` once per chunk of `values` and concatenates the rows in chunk order. Each chunk
 * leaves room for the statement's `otherParameters` (organization ID, status, …), so no
 * statement binds more than MAX_BOUND_PARAMETERS. The chunks run one after another: the rows
 * of one chunk are a cheap query and D1 serializes them anyway.
 */
export async function queryInChunks<T, R>(
  values: readonly T[],
  otherParameters: number,
  query: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (const part of chunk(values, MAX_BOUND_PARAMETERS - otherParameters)) {
    rows.push(...(await query(part)));
  }
  return rows;
}
