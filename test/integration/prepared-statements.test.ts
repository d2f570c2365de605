import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { prepared } from "../../src/db/prepared-statement";
import { experiences } from "../../src/db/schema";
import { findExperienceByIdQuery } from "../../src/features/experiences/experiences.repository";
import { createExperience } from "../helpers/experiences";
import { createTenant } from "../helpers/tenants";

// Prepared statements stand in for drizzle builders on the hottest paths: they must read and
// write exactly what the builder would, bind each use's own values, and batch like a builder.

describe("prepared statements (src/db/prepared-statement.ts)", () => {
  it("a prepared read returns the builder's rows, awaited alone or in a batch", async () => {
    const { orgId, key } = await createTenant();
    const first = await createExperience(key, { name: "First" });
    const second = await createExperience(key, { name: "Second", location: null });
    const db = createDb(env.DB);
    const built = await db.select().from(experiences).where(eq(experiences.id, first.id));
    const alone = await findExperienceByIdQuery(db, orgId, first.id);
    expect(alone).toEqual(built);
    // Each use binds its own values to the one prepared text.
    const [a, b, none] = await db.batch([
      findExperienceByIdQuery(db, orgId, first.id),
      findExperienceByIdQuery(db, orgId, second.id),
      findExperienceByIdQuery(db, "org_other", second.id),
    ]);
    expect(a).toEqual(built);
    expect((b as { name: string }[]).map((row) => row.name)).toEqual(["Second"]);
    expect(none).toEqual([]);
  });

  it("an insert writes SQL NULL for null (a JSON column's encoder would write the text 'null')", async () => {
    const { key } = await createTenant();
    const created = await createExperience(key, { location: null });
    const stored = await env.DB.prepare(
      "SELECT location IS NULL AS is_null, typeof(providers) AS providers FROM experiences WHERE id = ?",
    )
      .bind(created.id)
      .first<{ is_null: number; providers: string }>();
    expect(stored).toEqual({ is_null: 1, providers: "text" });
  });

  it("a use missing a value throws instead of binding undefined", async () => {
    const byName = prepared(["name"], (db, p) =>
      db.select().from(experiences).where(eq(experiences.name, p.name)),
    );
    const db = createDb(env.DB);
    await expect(byName(db, {} as { name: string })).rejects.toThrow("No value for name");
  });
});
