import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, expect } from "vitest";
import {
  guardBoundParameters,
  takeBoundParameterViolations,
} from "./helpers/bound-parameter-guard";

// Storage is isolated per test file; migrations are idempotent, so every file starts migrated.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// §16: no statement may bind more than 100 parameters, whatever the input. A test whose
// requests made one fails, whatever status it expected.
guardBoundParameters(env.DB);
afterEach(() => {
  expect(takeBoundParameterViolations(), "statements over D1's parameter limit").toEqual([]);
});
