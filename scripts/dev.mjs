#!/usr/bin/env node
// `npm run dev`: everything a new developer needs, idempotently, then `wrangler dev`.
// 1. .dev.vars from .dev.vars.example when missing (ADMIN_TOKEN for the operator API)
// 2. D1 migrations applied to the local database
// 3. a demo organization, two members, an experience with a recurrence and a full-access key
// 4. the key, the API base URL and the docs URL printed, then the server started
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { buildDemoSeed } from "./demo-seed.mjs";

const PORT = process.env.PORT ?? "8787";
const wrangler = (args, options = {}) =>
  spawnSync("npx", ["wrangler", ...args], { stdio: "inherit", ...options });

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example");
}

// Non-interactive stdin makes wrangler skip its confirmation prompt.
const migrate = wrangler(["d1", "migrations", "apply", "DB", "--local"], {
  stdio: ["ignore", "inherit", "inherit"],
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const { sqlFile, apiKey } = buildDemoSeed();
const seed = wrangler(["d1", "execute", "DB", "--local", `--file=${sqlFile}`], {
  stdio: ["ignore", "ignore", "inherit"],
});
if (seed.status !== 0) process.exit(seed.status ?? 1);

const base = `http://localhost:${PORT}`;
console.log(`
  Demo organization "Demo Studio" (Europe/Berlin) is ready.
  API key (full access):  ${apiKey}
  API base URL:           ${base}/v1
  API reference:          ${base}/docs   (OpenAPI: ${base}/openapi.json)
  Booking page:           ${base}/book/exp_DemoVinyasaFlow00001

  Try: curl -H "X-API-KEY: ${apiKey}" ${base}/v1/spaces
`);

const server = spawn("npx", ["wrangler", "dev", "--port", PORT], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
