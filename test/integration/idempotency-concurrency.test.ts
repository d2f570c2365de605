import { describe, expect, it } from "vitest";
import { call, callJson } from "../helpers/http";
import { createTenant } from "../helpers/tenants";

describe("Idempotency-Key: concurrency", () => {
  it("runs 20 concurrent identical requests once; the rest get 409 or a replay", async () => {
    const { key } = await createTenant();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        call("POST", "/v1/spaces", {
          key,
          body: { name: "Contended" },
          headers: { "Idempotency-Key": "contended" },
        }),
      ),
    );

    const originals = responses.filter(
      (r) => r.status === 201 && r.headers.get("Idempotent-Replay") === null,
    );
    const replays = responses.filter((r) => r.headers.get("Idempotent-Replay") === "true");
    const inProgress = responses.filter((r) => r.status === 409);
    expect(originals).toHaveLength(1);
    expect(originals.length + replays.length + inProgress.length).toBe(20);
    for (const res of inProgress) {
      expect(res.headers.get("Retry-After")).toBe("1");
      expect((await res.json<{ code: string }>()).code).toBe("idempotent_request_in_progress");
    }
    for (const res of replays) expect(res.status).toBe(201);

    const spaces = await callJson("GET", "/v1/spaces", { key });
    expect(spaces.body.data.filter((s: { name: string }) => s.name === "Contended")).toHaveLength(
      1,
    );
  });
});
