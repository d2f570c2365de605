import { describe, expect, it } from "vitest";
import { call } from "../helpers/http";
import { publicClient, publicFixture } from "../helpers/public";
import { bookingBody, bookOk, DAY_MS, utcDate } from "../helpers/scheduling";

// The booking page's read answers like GET /v1/experiences/{id}/slots: the same bytes, a strong
// ETag, must-revalidate, and 304 while nothing changed.

describe("GET /public/experiences/{id}/slots: the /v1 bytes, ETag and 304", () => {
  it("sends the bytes of the /v1 route with its ETag, 304 on a match, a new tag after a booking", async () => {
    const { key, experienceId, sessionId } = await publicFixture();
    const day = utcDate(Date.now() + 3 * DAY_MS);
    const query = `?from=${day}&to=${day}&include_unbookable=true`;
    const client = publicClient();
    const publicPath = `/public/experiences/${experienceId}/slots${query}`;

    const first = await client.raw("GET", publicPath);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, max-age=0, must-revalidate");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{32,}"$/);
    const body = await first.text();
    expect(JSON.parse(body).data.length).toBeGreaterThan(0);

    const v1 = await call("GET", `/v1/experiences/${experienceId}/slots${query}`, { key });
    expect(v1.headers.get("etag")).toBe(etag);
    expect(await v1.text()).toBe(body);

    const again = await client.raw("GET", publicPath, { headers: { "If-None-Match": etag ?? "" } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);

    await bookOk(key, experienceId, bookingBody(sessionId));
    const after = await client.raw("GET", publicPath, { headers: { "If-None-Match": etag ?? "" } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
  });

  it("is 404 for an unknown experience and 400 for a bad range, in the error envelope", async () => {
    const client = publicClient();
    const unknown = await client.json("GET", "/public/experiences/exp_unknown000000000000/slots");
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("not_found");
    const { experienceId } = await publicFixture();
    const bad = await client.json(
      "GET",
      `/public/experiences/${experienceId}/slots?from=2026-13-01&to=2026-12-01`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("validation_failed");
  });
});
