import { env } from "cloudflare:workers";

/**
 * One statement that reads, for every table of the app, its row count and (where the table has
 * them) the sums of updated_at, deleted_at and cancelled_at: any insert, update or soft delete
 * changes the result.
 */
export async function fingerprintStatement(): Promise<D1PreparedStatement> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations' ORDER BY name",
  ).all<{ name: string }>();
  const parts: string[] = [];
  for (const { name } of tables.results) {
    const columns = await env.DB.prepare(`SELECT name FROM pragma_table_info('${name}')`).all<{
      name: string;
    }>();
    const names = new Set(columns.results.map((c) => c.name));
    parts.push(`(SELECT count(*) FROM "${name}") AS "${name}"`);
    for (const column of ["updated_at", "deleted_at", "cancelled_at"]) {
      if (names.has(column)) {
        parts.push(`(SELECT total("${column}") FROM "${name}") AS "${name}.${column}"`);
      }
    }
  }
  return env.DB.prepare(`SELECT ${parts.join(", ")}`);
}

export async function readFingerprint(statement: D1PreparedStatement): Promise<string> {
  return JSON.stringify(await statement.first());
}
