import { describe, expect, it } from "vitest";
import { call, callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

describe("§1 conventions and §2 errors", () => {
  it("rejects a body that is not application/json with 415 unsupported_media_type", async () => {
    const { key } = await createTenant();
    const { status, body } = await callJson("POST", "/v1/spaces", {
      key,
      rawBody: "name=Studio",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(status).toBe(415);
    expect(body.code).toBe("unsupported_media_type");
  });

  it("rejects a body over 64 KiB with 413 payload_too_large", async () => {
    const { key } = await createTenant();
    const { status, body } = await callJson("POST", "/v1/spaces", {
      key,
      body: { name: "x".repeat(64 * 1024) },
    });
    expect(status).toBe(413);
    expect(body.code).toBe("payload_too_large");
  });

  it("accepts a body of exactly 64 KiB as far as size goes", async () => {
    const { key } = await createTenant();
    const padding = 64 * 1024 - JSON.stringify({ name: "" }).length;
    const { status, body } = await callJson("POST", "/v1/spaces", {
      key,
      body: { name: "y".repeat(padding) },
    });
    expect(status).toBe(400);
    expect(body.code).toBe("validation_failed");
  });

  it("rejects malformed JSON with 400 invalid_json", async () => {
    const { key } = await createTenant();
    const { status, body } = await callJson("POST", "/v1/spaces", {
      key,
      rawBody: '{"name": ',
      headers: { "content-type": "application/json" },
    });
    expect(status).toBe(400);
    expect(body.code).toBe("invalid_json");
  });

  it("names an unknown field in a strict body", async () => {
    const { key } = await createTenant();
    const { status, body } = await callJson("POST", "/v1/spaces", {
      key,
      body: { name: "Studio", colour: "red" },
    });
    expect(status).toBe(400);
    expect(body.code).toBe("validation_failed");
    expect(body.details.fieldErrors.colour).toEqual(["Unknown field: colour"]);
    expect(body.details.formErrors).toEqual([]);
  });

  it("answers an unknown route with 404 not_found in the envelope", async () => {
    const { key } = await createTenant();
    const { status, body, res } = await callJson("GET", "/v1/nothing-here", { key });
    expect(status).toBe(404);
    expect(body).toEqual({
      error: expect.any(String),
      code: "not_found",
      request_id: res.headers.get("x-request-id"),
    });
  });

  it.each([
    ["GET", "/v1/nothing-here"],
    ["DELETE", "/v1/spaces"],
    ["POST", "/v1/experiences/exp_x/whatever"],
  ])("answers unknown route %s %s with 404 even without a key", async (method, path) => {
    const { status, body } = await callJson(method, path, {
      headers: { "Idempotency-Key": "unknown-route" },
    });
    expect(status).toBe(404);
    expect(body.code).toBe("not_found");
  });

  it("answers an unknown top-level route with 404 even without a key", async () => {
    const { status, body } = await callJson("GET", "/nowhere");
    expect(status).toBe(404);
    expect(body.code).toBe("not_found");
  });

  it("echoes a well-formed X-Request-Id", async () => {
    const res = await call("GET", "/health", { headers: { "x-request-id": "trace-42/abc" } });
    expect(res.headers.get("x-request-id")).toBe("trace-42/abc");
  });

  it.each([
    ["empty", ""],
    ["too long", "a".repeat(129)],
    ["with a space", "has space"],
    ["non-ASCII", "café"],
  ])("generates a request id when the caller's is %s", async (_label, value) => {
    const res = await call("GET", "/health", { headers: { "x-request-id": value } });
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^req_[0-9a-f-]{36}$/);
  });

  it("accepts a 128-character request id", async () => {
    const id = "r".repeat(128);
    const res = await call("GET", "/health", { headers: { "x-request-id": id } });
    expect(res.headers.get("x-request-id")).toBe(id);
  });

  it("puts the request id in error bodies and headers alike", async () => {
    const { body, res } = await callJson("GET", "/v1/spaces", {
      headers: { "x-request-id": "err-123" },
    });
    expect(body.request_id).toBe("err-123");
    expect(res.headers.get("x-request-id")).toBe("err-123");
  });
});

describe("§1 strict bodies with field names that exist on Object.prototype", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])(
    "names the unknown field %s with 400 validation_failed",
    async (field) => {
      const { key } = await createTenant();
      const { status, body } = await callJson("POST", "/v1/spaces", {
        key,
        rawBody: `{"name":"Studio","${field}":1}`,
        headers: { "content-type": "application/json" },
      });
      expect(status).toBe(400);
      expect(body.code).toBe("validation_failed");
      expect(body.details.fieldErrors[field]).toEqual([`Unknown field: ${field}`]);
    },
  );
});
