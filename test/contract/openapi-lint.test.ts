import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalWorker, startLocalWorker } from "../e2e/local-worker";

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer?: string }[];
}

let worker: LocalWorker;
let documentPath: string;
let scratch: string;

beforeAll(async () => {
  worker = await startLocalWorker();
  const res = await fetch(new URL("/openapi.json", worker.url));
  expect(res.status).toBe(200);
  scratch = mkdtempSync(join(tmpdir(), "booking-openapi-"));
  documentPath = join(scratch, "openapi.json");
  writeFileSync(documentPath, await res.text());
});

afterAll(async () => {
  await worker?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Redocly CLI's own binary on the served document, with the project's redocly.yaml. */
function lint(): LintProblem[] {
  const cli = join("node_modules", "@redocly", "cli", "bin", "cli.js");
  const result = spawnSync(
    process.execPath,
    [
      cli,
      "lint",
      documentPath,
      "--config",
      "redocly.yaml",
      "--format",
      "json",
      "--max-problems",
      "1000",
    ],
    { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
  );
  const start = result.stdout.indexOf("{");
  if (start < 0)
    throw new Error(`Redocly produced no report (${result.status}):\n${result.stderr}`);
  return (JSON.parse(result.stdout.slice(start)) as { problems: LintProblem[] }).problems;
}

describe("the served OpenAPI document", () => {
  it("passes Redocly CLI's recommended-strict ruleset plus redocly.yaml with no problem", () => {
    const problems = lint().map(
      (p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? "?"}: ${p.message}`,
    );
    expect(problems).toEqual([]);
  });
});
