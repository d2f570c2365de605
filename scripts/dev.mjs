#!/usr/bin/env node
// `npm run dev`: everything a new developer needs, idempotently, then `wrangler dev`.
// 1. .dev.vars from .dev.vars.example when missing (ADMIN_TOKEN for the operator API), with a
//    generated WEBHOOK_ENCRYPTION_KEY and WEBHOOK_ALLOW_INSECURE_LOCAL=true (local receivers)
// 2. D1 migrations applied to the local database
// 3. a demo organization, two members, an experience with a recurrence and a full-access key
// 4. the static assets (/docs' Scalar bundle) built from node_modules
// 5. `wrangler dev` started; once it answers, the key, the API base URL and the docs URL are
//    printed LAST, so they are what stays on screen (wrangler's start-up chatter is held back and
//    shown only if it fails; request log lines follow as they come).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { buildAssets } from "./build-assets.mjs";
import { buildDemoSeed } from "./demo-seed.mjs";

const PORT = process.env.PORT ?? "8787";
const INSPECTOR_PORT = process.env.INSPECTOR_PORT ?? String(Number(PORT) + 1000);
const READY_TIMEOUT_MS = 180_000;
const WRANGLER_BIN = "node_modules/wrangler/bin/wrangler.js";
// The readiness probe's own log lines are not news; they are dropped (see below).
const PROBE_REQUEST_ID = "npm-run-dev-ready-probe";
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

buildAssets();

const base = `http://localhost:${PORT}`;
const banner = `
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
  (Ctrl-C stops the server. Request log lines appear below.)
`;

// wrangler itself (not through npx), so a SIGTERM reaches it and it stops workerd too.
const server = spawn(
  process.execPath,
  [WRANGLER_BIN, "dev", "--port", PORT, "--inspector-port", INSPECTOR_PORT],
  {
    stdio: ["inherit", "pipe", "pipe"],
    // No Request.cf download: offline it only prints a DNS error under the banner.
    env: { CLOUDFLARE_CF_FETCH_ENABLED: "false", ...process.env },
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => {
  if (!ready) process.stderr.write(held.join(""));
  process.exit(code ?? 0);
});

// Until the server answers, wrangler's output is held; after the banner it streams through.
let ready = false;
const held = [];
for (const stream of [server.stdout, server.stderr]) {
  const out = stream === server.stderr ? process.stderr : process.stdout;
  stream.on("data", (chunk) => {
    if (!ready) return held.push(chunk.toString());
    const lines = chunk.toString().split(/(?<=\n)/);
    out.write(lines.filter((line) => !isProbeLine(line)).join(""));
  });
}

let probeLinesLeft = 2; // the Worker's JSON log line and wrangler's summary line
function isProbeLine(line) {
  if (probeLinesLeft === 0) return false;
  const isProbe =
    line.includes(PROBE_REQUEST_ID) || /\[wrangler:info\] GET \/health 200/.test(line);
  if (isProbe) probeLinesLeft--;
  return isProbe;
}

async function waitUntilServing() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/health`, {
        headers: { "x-request-id": PROBE_REQUEST_ID },
      });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

if (await waitUntilServing()) {
  ready = true;
  console.log(banner);
} else {
  process.stderr.write(held.join(""));
  console.error(`wrangler dev did not answer on ${base} within ${READY_TIMEOUT_MS / 1000} s`);
  server.kill("SIGTERM");
}
