import { describe, expect, it } from "vitest";
import { callJson } from "../helpers/http";
import { createBookableExperience, futureSessionId, patchExperience } from "../helpers/scheduling";
import { createTenant } from "../helpers/tenants";

describe("§9 booking bodies echo what the booking object returns", () => {
  it("accepts null for contact.email, contact.phone and notes as 'not given'", async () => {
    const { key } = await createTenant();
    const { experienceId, recurrenceId } = await createBookableExperience({ key });
    const res = await callJson("POST", `/v1/experiences/${experienceId}/bookings`, {
      key,
      body: {
        session_id: futureSessionId(recurrenceId),
        contact: { name: "Ann", email: null, phone: null },
        notes: null,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.contact).toEqual({ name: "Ann", email: null, phone: null });
    expect(res.body.data.notes).toBeNull();
  });

  it("trims the contact email", async () => {
    const { key } = await createTenant();
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { required_contact_method: "email" },
    });
    const res = await callJson("POST", `/v1/experiences/${experienceId}/bookings`, {
      key,
      body: {
        session_id: futureSessionId(recurrenceId),
        contact: { name: "Ann", email: " ann@example.com " },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.contact.email).toBe("ann@example.com");
  });
});

describe("§9 check order: experience state before the body's fit to it", () => {
  it.each([
    [{ status: "inactive" }, "experience_inactive"],
    [{ registration_status: "closed" }, "registration_closed"],
  ])("answers 422 for %j even when the required email is missing", async (patch, code) => {
    const { key } = await createTenant();
    const { experienceId, recurrenceId } = await createBookableExperience({
      key,
      experience: { required_contact_method: "email", max_booking_quantity: 1 },
    });
    await patchExperience(key, experienceId, patch);
    const res = await callJson("POST", `/v1/experiences/${experienceId}/bookings`, {
      key,
      body: { session_id: futureSessionId(recurrenceId), quantity: 2, contact: { name: "Ann" } },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe(code);
  });
});
