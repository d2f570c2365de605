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

  it("gives every JSON request body an example", async () => {
    const { body } = await callJson("GET", "/openapi.json");
    type Schema = { $ref?: string; example?: unknown };
    type Operation = { requestBody?: { content: Record<string, { schema: Schema }> } };
    const schemas = body.components.schemas as Record<string, Schema>;
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(
      body.paths as Record<string, Record<string, Operation>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.requestBody?.content["application/json"]?.schema;
        if (!schema) continue;
        const resolved = schema.$ref ? schemas[schema.$ref.split("/").pop() ?? ""] : schema;
        if (resolved?.example === undefined) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
