import { describe, expect, it } from "vitest";
import { patchExperience, publicClient, publicFixture } from "../helpers/public";

async function page(path: string) {
  const res = await publicClient().raw("GET", path);
  return { res, status: res.status, html: await res.text() };
}

const inputIds = (html: string) =>
  [...html.matchAll(/<input[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);

describe("GET /book/{experience_id}", () => {
  it("renders the experience: name, description, duration, location and price", async () => {
    const { experienceId } = await publicFixture({
      experience: {
        name: "Sunrise Yoga",
        description: "Gentle flow by the river",
        duration_minutes: 90,
        location: { type: "in_person", venue: "Boathouse", city: "Oxford" },
        pricing: { model: "per_session", currency: "GBP", amount: 12 },
      },
    });
    const { res, status, html } = await page(`/book/${experienceId}`);
    expect(status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    for (const text of [
      "Sunrise Yoga",
      "Gentle flow by the river",
      "1 h 30 min",
      "Boathouse",
      "Oxford",
      "£12.00 per seat",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`data-experience-id="${experienceId}"`);
    expect(html).toContain('data-organization-timezone="Europe/Berlin"');
    expect(html).toContain('<form id="booking-form"');
  });

  it.each([
    ["none", ["name"]],
    ["email", ["name", "email"]],
    ["email_and_phone", ["name", "email", "phone"]],
  ])("asks exactly what required_contact_method %s requires", async (method, fields) => {
    const { experienceId } = await publicFixture({
      experience: { required_contact_method: method },
    });
    const { html } = await page(`/book/${experienceId}`);
    expect(inputIds(html)).toEqual(fields);
  });

  it("offers at most max_booking_quantity seats", async () => {
    const { experienceId } = await publicFixture({ experience: { max_booking_quantity: 3 } });
    const { html } = await page(`/book/${experienceId}`);
    const select = html.match(/<select id="quantity"[\s\S]*?<\/select>/)?.[0] ?? "";
    expect([...select.matchAll(/<option value="(\d+)"/g)].map((m) => m[1])).toEqual([
      "1",
      "2",
      "3",
    ]);
  });

  it("says registration is closed and shows no form when it is", async () => {
    const { key, experienceId } = await publicFixture();
    await patchExperience(key, experienceId, { registration_status: "closed" });
    const { status, html } = await page(`/book/${experienceId}`);
    expect(status).toBe(200);
    expect(html).toContain("Registration is closed");
    expect(html).not.toContain("<form");
  });

  it("is a friendly 404 page for inactive and unknown experiences", async () => {
    const { key, experienceId } = await publicFixture({ experience: { name: "Retired Class" } });
    await patchExperience(key, experienceId, { status: "inactive" });
    for (const path of [`/book/${experienceId}`, "/book/exp_unknown0000000000000"]) {
      const { res, status, html } = await page(path);
      expect(status).toBe(404);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(html).toContain("This experience is not available");
      expect(html).not.toContain("Retired Class");
    }
  });

  it("escapes user-controlled text", async () => {
    const { experienceId } = await publicFixture({
      experience: {
        name: '<script>alert("x")</script>',
        description: "<img src=x onerror=alert(1)>",
      },
    });
    const { html } = await page(`/book/${experienceId}`);
    expect(html).not.toContain('<script>alert("x")</script>');
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;");
  });

  it("offers to cancel when opened from a confirmation's cancellation link", async () => {
    const { experienceId } = await publicFixture();
    const { status, html } = await page(`/book/${experienceId}?cancel=bkg_abc&token=t%22ok`);
    expect(status).toBe(200);
    expect(html).toContain('id="cancel-panel"');
    expect(html).toContain('data-booking-id="bkg_abc"');
    expect(html).toContain('data-token="t&quot;ok"');
    expect(html).not.toContain("<form");
  });

  it("pins its inline script and styles with a Content-Security-Policy and is never cached", async () => {
    const { experienceId } = await publicFixture();
    const { res } = await page(`/book/${experienceId}`);
    const policy = res.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(policy).toContain("connect-src 'self'");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("is rate limited per client IP", async () => {
    const { experienceId } = await publicFixture();
    const client = publicClient();
    let last = 0;
    for (let i = 0; i < 61; i++) last = (await client.raw("GET", `/book/${experienceId}`)).status;
    expect(last).toBe(429);
  });
});
