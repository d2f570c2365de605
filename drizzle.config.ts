import { defineConfig } from "drizzle-kit";

// Migrations are generated from src/db/schema.ts and applied by wrangler (dev, deploy) and by
// the test setup (readD1Migrations), so there is one source of truth for the tables.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
