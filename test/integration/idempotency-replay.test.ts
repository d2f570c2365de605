import { describe, expect, it } from "vitest";
import { admin, call, callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

function postSpace(key: string, idempotencyKey: string, name = "Studio A") {
  return call("POST", "/v1/spaces", {
    key,
    body: { name },
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

async function countSpaces(key: string): Promise<number> {
  const { body } = await callJson("GET", "/v1/spaces", { key });
  return body.data.length;
}

describe("Idempotency-Key: replay", () => {
  it("replays the original 201 byte for byte with Idempotent-Replay: true", async () => {
    const { key } = await createTenant();
    const first = await postSpace(key, "replay-1");
    const firstBody = await first.text();
    expect(first.status).toBe(201);
    expect(first.headers.get("Idempotent-Replay")).toBeNull();

    const replay = await postSpace(key, "replay-1");
    expect(replay.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replay")).toBe("true");
    expect(replay.headers.get("Content-Type")).toBe(first.headers.get("Content-Type"));
    expect(await replay.text()).toBe(firstBody);
  });

  it("gives every replay a fresh X-Request-Id", async () => {
    const { key } = await createTenant();
    const first = await postSpace(key, "fresh-request-id");
    const replay = await call("POST", "/v1/spaces", {
      key,
      body: { name: "Studio A" },
      headers: { "Idempotency-Key": "fresh-request-id", "X-Request-Id": "req-of-the-retry" },
    });
    expect(replay.headers.get("Idempotent-Replay")).toBe("true");
    expect(replay.headers.get("X-Request-Id")).toBe("req-of-the-retry");
    expect(first.headers.get("X-Request-Id")).not.toBe("req-of-the-retry");
  });

  it("creates one resource however often the request is retried", async () => {
    const { key } = await createTenant();
    const ids = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await postSpace(key, "five-retries");
      expect(res.status).toBe(201);
      ids.add((await res.json<{ data: { id: string } }>()).data.id);
    }
    expect(ids.size).toBe(1);
    expect(await countSpaces(key)).toBe(2);
  });

  it("replays a created member, scoped to its path", async () => {
    const { key } = await createTenant();
    const headers = { "Idempotency-Key": "member-1" };
    const body = { name: "Ada Lovelace", email: "ada@example.com" };
    const first = await callJson("POST", "/v1/spaces/GENERAL/members", { key, body, headers });
    const replay = await callJson("POST", "/v1/spaces/GENERAL/members", { key, body, headers });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const list = await callJson("GET", "/v1/spaces/GENERAL/members", { key });
    expect(list.body.pagination.total).toBe(1);
  });

  it("stops replaying once the API key is revoked (401)", async () => {
    const { key, keyId, orgId } = await createTenant();
    expect((await postSpace(key, "revoked")).status).toBe(201);
    const revoked = await admin("DELETE", `/organizations/${orgId}/api-keys/${keyId}`);
    expect(revoked.status).toBe(204);

    const retry = await postSpace(key, "revoked");
    expect(retry.status).toBe(401);
    expect(retry.headers.get("Idempotent-Replay")).toBeNull();
    expect((await retry.json<{ code: string }>()).code).toBe("invalid_api_key");
  });
});
