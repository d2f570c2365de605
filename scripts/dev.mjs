#!/usr/bin/env node
// `npm run dev`: everything a new developer needs, idempotently, then `wrangler dev`.
// 1. .dev.vars from .dev.vars.example when missing (ADMIN_TOKEN for the operator API), with a
//    generated WEBHOOK_ENCRYPTION_KEY and WEBHOOK_ALLOW_INSECURE_LOCAL=true (local receivers)
// 2. D1 migrations applied to the local database
// 3. a demo organization, two members, an experience with a recurrence and a full-access key
// 4. the key, the API base URL and the docs URL printed, then the server started
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { buildDemoSeed } from "./demo-seed.mjs";

const PORT = process.env.PORT ?? "8787";
const wrangler = (args, options = {}) =>
  spawnSync("npx", ["wrangler", ...args], { stdio: "inherit", ...options });

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example");
}
ensureWebhookVars();

/** Fills in what webhooks need locally, keeping every value a developer already set. */
function ensureWebhookVars() {
  let vars = readFileSync(".dev.vars", "utf8");
  if (!/^WEBHOOK_ENCRYPTION_KEY=\S/m.test(vars)) {
    const line = `WEBHOOK_ENCRYPTION_KEY=${randomBytes(32).toString("base64")}`;
    vars = /^WEBHOOK_ENCRYPTION_KEY=/m.test(vars)
      ? vars.replace(/^WEBHOOK_ENCRYPTION_KEY=.*$/m, line)
      : `${vars.trimEnd()}\n${line}\n`;
    console.log("Generated WEBHOOK_ENCRYPTION_KEY in .dev.vars");
  }
  if (!/^WEBHOOK_ALLOW_INSECURE_LOCAL=/m.test(vars)) {
    vars = `${vars.trimEnd()}\nWEBHOOK_ALLOW_INSECURE_LOCAL=true\n`;
  }
  writeFileSync(".dev.vars", vars, { mode: 0o600 });
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

  Webhooks: start a receiver that prints what arrives, e.g.
    node -e "require('http').createServer((q,s)=>{let b='';q.on('data',c=>b+=c).on('end',()=>{console.log(q.headers['webhook-id'],b);s.end('ok')})}).listen(8788,'127.0.0.1')"
  then subscribe it to every event and book a session on the booking page:
    curl -X POST ${base}/v1/webhook-endpoints -H "X-API-KEY: ${apiKey}" \\
      -H "content-type: application/json" -d '{"url":"http://127.0.0.1:8788/hooks","events":["*"]}'
  (the response shows the endpoint's signing secret once; see README, "Webhooks").
`);

const server = spawn("npx", ["wrangler", "dev", "--port", PORT], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
