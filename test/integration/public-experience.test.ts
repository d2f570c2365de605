import { describe, expect, it } from "vitest";
import { callJson } from "../helpers/http";
import { patchExperience, publicClient, publicFixture } from "../helpers/public";
import { createBookableExperience } from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

describe("GET /public/experiences/{id}", () => {
  it("shows an active experience with its organization's time zone and nothing private", async () => {
    const { experienceId } = await publicFixture({
      experience: {
        description: "Breath and movement",
        location: { type: "in_person", venue: "Studio A", city: "Berlin" },
        pricing: { model: "per_session", currency: "EUR", amount: 18.5 },
        required_contact_method: "email",
        max_booking_quantity: 3,
      },
    });
    const { status, body } = await publicClient().json(
      "GET",
      `/public/experiences/${experienceId}`,
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({
      id: experienceId,
      name: "Vinyasa Flow",
      description: "Breath and movement",
      duration_minutes: 60,
      location: { type: "in_person", venue: "Studio A", city: "Berlin" },
      pricing: { model: "per_session", currency: "eur", amount: 18.5 },
      required_contact_method: "email",
      max_booking_quantity: 3,
      registration_status: "open",
      scheduling_rules: {
        booking_window: { min_hours_before: 0, max_days_ahead: 60 },
        cancellation_policy: { refundable_until_hours_before: 24 },
      },
      waitlist: { enabled: false, max_size: 50 },
      timezone: "Europe/Berlin",
    });
  });

  it("still shows an experience whose registration is closed", async () => {
    const { key, experienceId } = await publicFixture();
    await patchExperience(key, experienceId, { registration_status: "closed" });
    const { status, body } = await publicClient().json(
      "GET",
      `/public/experiences/${experienceId}`,
    );
    expect(status).toBe(200);
    expect(body.data.registration_status).toBe("closed");
  });

  it("answers 404 for an inactive experience, like an unknown one", async () => {
    const { key, experienceId } = await publicFixture();
    await patchExperience(key, experienceId, { status: "inactive" });
    const client = publicClient();
    const inactive = await client.json("GET", `/public/experiences/${experienceId}`);
    const unknown = await client.json("GET", "/public/experiences/exp_doesNotExist00000000");
    expect(inactive.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(inactive.body.code).toBe("not_found");
    expect(inactive.body.error).toBe(unknown.body.error);
  });

  it("needs no API key", async () => {
    const { experienceId } = await publicFixture();
    const res = await callJson("GET", `/public/experiences/${experienceId}`, {
      headers: { "cf-connecting-ip": "10.250.0.1" },
    });
    expect(res.status).toBe(200);
  });
});

describe("GET /public/experiences/{id}/slots", () => {
  it("lists the same slots as the /v1 endpoint", async () => {
    const { key, experienceId } = await publicFixture();
    const query = "timezone=UTC&include_unbookable=true";
    const internal = await callJson("GET", `/v1/experiences/${experienceId}/slots?${query}`, {
      key,
    });
    const pub = await publicClient().json(
      "GET",
      `/public/experiences/${experienceId}/slots?${query}`,
    );
    expect(pub.status).toBe(200);
    expect(pub.body.data.length).toBeGreaterThan(0);
    expect(pub.body).toEqual(internal.body);
  });

  it("defaults the range's zone to the organization's", async () => {
    const tenant = await createTenant("Pacific/Kiritimati");
    const { experienceId: id } = await createBookableExperience({ key: tenant.key });
    const client = publicClient();
    const byDefault = await client.json("GET", `/public/experiences/${id}/slots`);
    const explicit = await client.json(
      "GET",
      `/public/experiences/${id}/slots?timezone=Pacific/Kiritimati`,
    );
    expect(byDefault.status).toBe(200);
    expect(byDefault.body).toEqual(explicit.body);
  });

  it("validates the query like /v1", async () => {
    const { experienceId } = await publicFixture();
    const { status, body } = await publicClient().json(
      "GET",
      `/public/experiences/${experienceId}/slots?timezone=Mars/Olympus`,
    );
    expect(status).toBe(400);
    expect(body.code).toBe("validation_failed");
    expect(body.details.fieldErrors.timezone).toBeDefined();
  });

  it("answers 404 for inactive and unknown experiences", async () => {
    const { key, experienceId } = await publicFixture();
    await patchExperience(key, experienceId, { status: "inactive" });
    const client = publicClient();
    expect((await client.json("GET", `/public/experiences/${experienceId}/slots`)).status).toBe(
      404,
    );
    expect((await client.json("GET", "/public/experiences/exp_nope/slots")).status).toBe(404);
  });
});

describe("OpenAPI", () => {
  it("documents the public routes under the Public tag, without security", async () => {
    const { body } = await callJson("GET", "/openapi.json");
    const expected = [
      ["get", "/public/experiences/{id}"],
      ["get", "/public/experiences/{id}/slots"],
      ["post", "/public/experiences/{id}/bookings"],
      ["post", "/public/bookings/{id}/cancel"],
      ["get", "/book/{experience_id}"],
    ] as const;
    for (const [method, path] of expected) {
      const operation = body.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.tags).toEqual(["Public"]);
      expect(operation.security).toEqual([]);
    }
    expect(JSON.stringify(body.components.schemas.PublicBooking)).toContain("cancel_token");
  });
});
