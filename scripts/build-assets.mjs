#!/usr/bin/env node
// Builds the Worker's static assets (wrangler.toml `[assets]`, gitignored) from node_modules:
// the browser bundle of the pinned @scalar/api-reference that /docs loads, so the interactive
// reference needs no CDN. Run by `npm run dev`, `npm test`, `npm start` and `npm run deploy`;
// cheap and idempotent. The file name carries the version, so a cached copy never goes stale.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const ASSETS_DIR = join(root, "dist", "assets");

export function buildAssets() {
  const scalar = join(root, "node_modules", "@scalar", "api-reference");
  const { version } = JSON.parse(readFileSync(join(scalar, "package.json"), "utf8"));
  const target = join(ASSETS_DIR, "docs", "scalar");
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  copyFileSync(
    join(scalar, "dist", "browser", "standalone.js"),
    join(target, `api-reference-${version}.js`),
  );
  return { version };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildAssets();
