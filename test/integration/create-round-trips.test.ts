import { describe, expect, it } from "vitest";
import { countedPost } from "../helpers/counted-request";
import { createTenant } from "../helpers/tenants";

// Issue #10: a create does the storage work of the benchmark's floor and no more: the API key
// lookup, then one write batch (the experience, its event and delivery fan-out, and the
// Idempotency-Key's crash-safety row). Counted on the binding, as in booking-round-trips.

describe("D1 round trips of POST /v1/experiences", () => {
  it("the key lookup and one write batch, and nothing after the response", async () => {
    const { key } = await createTenant("UTC");
    const res = await countedPost(
      "/v1/experiences",
      { name: "Counted Yoga", duration_minutes: 60, default_capacity: 4 },
      { "X-API-KEY": key, "Idempotency-Key": "create-trips-1" },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const calls = res.all.map((trip) => `${trip.call}: ${trip.sql.map((s) => s.slice(0, 50))}`);
    expect(res.authTrips, calls.join("\n")).toBe(1);
    expect(
      res.trips.map((trip) => trip.call),
      calls.join("\n"),
    ).toEqual(["batch"]);
    // The event is written settled (no endpoint gets it): no statement is left to mark it so.
    expect(res.trips[0]?.sql.map((sql) => /^insert into "(\w+)"/.exec(sql)?.[1])).toEqual([
      "experiences",
      "events",
      "webhook_deliveries",
      "idempotency_keys",
    ]);
    expect(res.background).toEqual([]);
  });
});
