import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { callJson } from "../helpers/http";

/** Hono's `/experiences/:id` is OpenAPI's `/experiences/{id}`. */
function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, "{$1}");
}

describe("§11 OpenAPI document", () => {
  it("documents every API route the Worker serves, and nothing it does not", async () => {
    const served = new Set(
      createApp()
        .routes.filter(
          (r) => r.method !== "ALL" && /^\/(v1|admin|public|book|health)(\/|$)/.test(r.path),
        )
        .map((r) => `${r.method} ${toOpenApiPath(r.path)}`),
    );
    const { body } = await callJson("GET", "/openapi.json");
    const documented = new Set(
      Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(
        ([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    expect([...served].sort()).toEqual([...documented].sort());
    expect(served.size).toBeGreaterThanOrEqual(25);
  });

  it("describes every documented operation with a summary and responses", async () => {
    const { body } = await callJson("GET", "/openapi.json");
    type Operation = { summary?: string; responses: Record<string, unknown> };
    for (const operations of Object.values(
      body.paths as Record<string, Record<string, Operation>>,
    )) {
      for (const operation of Object.values(operations)) {
        expect(operation.summary).toEqual(expect.any(String));
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      }
    }
  });
});
