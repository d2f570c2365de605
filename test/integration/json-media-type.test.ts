import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

async function countSpaces(): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM spaces").first<{ n: number }>();
  return row?.n ?? 0;
}

describe("§1: request bodies are exactly application/json", () => {
  it.each([
    "application/merge-patch+json",
    "application/json-patch+json",
    "application/vnd.api+json",
    "application/json; charset=utf-16",
    "application/json; charset=iso-8859-1",
    "application/json; boundary=x",
    "application/jsonx",
    "text/json",
    "text/plain",
  ])("answers 415 unsupported_media_type to %s and writes nothing", async (contentType) => {
    const { key } = await createTenant();
    const before = await countSpaces();
    const { status, body } = await callJson("POST", "/v1/spaces", {
      key,
      rawBody: JSON.stringify({ name: "Studio" }),
      headers: { "content-type": contentType },
    });
    expect(status).toBe(415);
    expect(body.code).toBe("unsupported_media_type");
    expect(await countSpaces()).toBe(before);
  });

  it.each([
    "application/json",
    "APPLICATION/JSON",
    "application/json; charset=utf-8",
    'application/json;charset="UTF-8"',
  ])("accepts %s", async (contentType) => {
    const { key } = await createTenant();
    const res = await call("POST", "/v1/spaces", {
      key,
      rawBody: JSON.stringify({ name: "Studio" }),
      headers: { "content-type": contentType },
    });
    expect(res.status).toBe(201);
  });

  it("answers 415 to a JSON dialect on PATCH too", async () => {
    const { key } = await createTenant();
    const res = await callJson("PATCH", "/v1/experiences/exp_0000000000000000", {
      key,
      rawBody: JSON.stringify({ name: "x" }),
      headers: { "content-type": "application/merge-patch+json" },
    });
    expect(res.status).toBe(415);
  });
});

describe("member email: null means not given, and the document says so", () => {
  it("creates a member with email null and documents the field as nullable", async () => {
    const { key } = await createTenant();
    const created = await callJson("POST", "/v1/spaces/GENERAL/members", {
      key,
      body: { name: "Ada", email: null },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.email).toBeNull();
    const document = await (await call("GET", "/openapi.json")).json<{
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }>();
    const email = JSON.stringify(document.components.schemas.CreateMemberBody?.properties.email);
    expect(email).toContain('"null"');
  });
});
