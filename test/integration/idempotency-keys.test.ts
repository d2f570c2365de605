import { describe, expect, it } from "vitest";
import { publicScope } from "../../src/idempotency/scope";
import { call, callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

function postSpace(key: string, idempotencyKey: string, body: unknown = { name: "Studio" }) {
  return callJson("POST", "/v1/spaces", {
    key,
    body,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

async function countSpaces(key: string): Promise<number> {
  const { body } = await callJson("GET", "/v1/spaces", { key });
  return body.data.length;
}

describe("Idempotency-Key: syntax", () => {
  it("accepts 255 visible ASCII characters", async () => {
    const { key } = await createTenant();
    const longest = `${"!~".repeat(127)}k`;
    expect(longest).toHaveLength(255);
    expect((await postSpace(key, longest)).status).toBe(201);
    expect((await postSpace(key, longest)).res.headers.get("Idempotent-Replay")).toBe("true");
  });

  it.each([
    ["256 characters", "k".repeat(256)],
    ["an empty value", ""],
    ["an empty quoted value", '""'],
    ["a space", "two words"],
    ["non-ASCII", "clé-€"],
    ["a bad escape in quotes", '"a\\b"'],
  ])("rejects %s with 400 invalid_idempotency_key, creating nothing", async (_label, value) => {
    const { key } = await createTenant();
    const { status, body } = await postSpace(key, value);
    expect(status).toBe(400);
    expect(body.code).toBe("invalid_idempotency_key");
    expect(await countSpaces(key)).toBe(1);
  });

  it("treats a quoted key (structured-field form) as the bare key", async () => {
    const { key } = await createTenant();
    const bare = await postSpace(key, "quoted-1");
    const quoted = await postSpace(key, '"quoted-1"');
    expect(quoted.res.headers.get("Idempotent-Replay")).toBe("true");
    expect(quoted.body.data.id).toBe(bare.body.data.id);

    const escaped = await postSpace(key, '"say\\"hi\\""', { name: "Escaped" });
    expect(escaped.status).toBe(201);
    const unescaped = await postSpace(key, 'say"hi"', { name: "Escaped" });
    expect(unescaped.res.headers.get("Idempotent-Replay")).toBe("true");
    expect(unescaped.body.data.id).toBe(escaped.body.data.id);
  });

  it("ignores the header, even malformed, on GET, PATCH and DELETE", async () => {
    const { key } = await createTenant();
    const headers = { "Idempotency-Key": "" };
    expect((await call("GET", "/v1/spaces", { key, headers })).status).toBe(200);
    const patch = await callJson("PATCH", "/v1/spaces", { key, headers, body: {} });
    const del = await callJson("DELETE", "/v1/spaces", { key, headers });
    expect([patch.body.code, del.body.code]).toEqual(["not_found", "not_found"]);
  });
});

describe("Idempotency-Key: fingerprint and scope", () => {
  it("refuses the same key with another body (422), creating nothing", async () => {
    const { key } = await createTenant();
    expect((await postSpace(key, "body-bound", { name: "A" })).status).toBe(201);
    const { status, body } = await postSpace(key, "body-bound", { name: "B" });
    expect(status).toBe(422);
    expect(body.code).toBe("idempotency_key_reused");
    expect(await countSpaces(key)).toBe(2);
  });

  it("compares raw bytes: the same JSON spelled differently is another body", async () => {
    const { key } = await createTenant();
    const send = (rawBody: string) =>
      call("POST", "/v1/spaces", {
        key,
        rawBody,
        headers: { "content-type": "application/json", "Idempotency-Key": "raw-bytes" },
      });
    expect((await send('{"name":"A"}')).status).toBe(201);
    expect((await send('{ "name": "A" }')).status).toBe(422);
  });

  it("refuses the same key on another path (422), running nothing", async () => {
    const { key } = await createTenant();
    expect((await postSpace(key, "path-bound", { name: "Ada" })).status).toBe(201);
    const other = await callJson("POST", "/v1/spaces/GENERAL/members", {
      key,
      body: { name: "Ada" },
      headers: { "Idempotency-Key": "path-bound" },
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency_key_reused");
    const members = await callJson("GET", "/v1/spaces/GENERAL/members", { key });
    expect(members.body.pagination.total).toBe(0);
  });

  it("keeps two API keys' identical key values independent", async () => {
    const tenantA = await createTenant();
    const tenantB = await createTenant();
    const a = await postSpace(tenantA.key, "shared-value", { name: "A" });
    const b = await postSpace(tenantB.key, "shared-value", { name: "B" });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.res.headers.get("Idempotent-Replay")).toBeNull();
    expect(b.body.data.id).not.toBe(a.body.data.id);
    expect(b.body.data.name).toBe("B");
  });

  it("scopes public keys per client IP and the experience (or booking) in the path", () => {
    const book = (ip: string, id: string) => publicScope(ip, `/public/experiences/${id}/bookings`);
    expect(book("203.0.113.7", "exp_A")).toBe("public:203.0.113.7:exp_A");
    expect(book("203.0.113.7", "exp_B")).not.toBe(book("203.0.113.7", "exp_A"));
    expect(book("198.51.100.1", "exp_A")).not.toBe(book("203.0.113.7", "exp_A"));
    expect(publicScope("203.0.113.7", "/public/bookings/bkg_X/cancel")).toBe(
      "public:203.0.113.7:bkg_X",
    );
  });
});
