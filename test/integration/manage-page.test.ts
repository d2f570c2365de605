import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { callJson, readJson } from "../helpers/http";
import { newClientIp, publicClient, publicFixture } from "../helpers/public";

/** The manage page as a browser without JavaScript uses it: GETs, and one form POST. */
function request(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("cf-connecting-ip", newClientIp());
  headers.set("accept-language", "en-GB");
  return exports.default.fetch(
    new Request(`https://api.test${path}`, { ...init, headers, redirect: "manual" }),
  );
}

async function page(path: string) {
  const res = await request(path);
  return { res, status: res.status, html: await res.text() };
}

function postCancel(bookingId: string, token: string) {
  return request(`/book/manage/${bookingId}/cancel`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
  });
}

async function bookedFixture(experience: Record<string, unknown> = {}) {
  const fixture = await publicFixture({
    experience: { pricing: { model: "per_session", currency: "EUR", amount: 12 }, ...experience },
  });
  const created = await publicClient().json(
    "POST",
    `/public/experiences/${fixture.experienceId}/bookings`,
    { body: { session_id: fixture.sessionId, quantity: 2, contact: { name: "Ada" } } },
  );
  expect(created.status).toBe(201);
  const { id, cancel_token, manage_url } = created.body.data;
  return { ...fixture, bookingId: id as string, token: cancel_token as string, manage_url };
}

const managePath = (bookingId: string, token: string) =>
  `/book/manage/${bookingId}?token=${encodeURIComponent(token)}`;

describe("GET /book/manage/{booking_id}", () => {
  it("ignores a ?lang= too long to be a locale, like any invalid one", async () => {
    const { bookingId, token } = await bookedFixture();
    const { status, html } = await page(`${managePath(bookingId, token)}&lang=${"😀".repeat(40)}`);
    expect(status).toBe(200);
    expect(html).toContain('<span class="badge badge-confirmed">Confirmed</span>');
  });

  it("shows a confirmed booking with its calendar link and a cancel form that needs no script", async () => {
    const { bookingId, token, manage_url } = await bookedFixture();
    expect(manage_url).toBe(`https://api.test${managePath(bookingId, token)}`);
    const { res, status, html } = await page(managePath(bookingId, token));
    expect(status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("form-action 'self'");
    expect(html).toContain('<span class="badge badge-confirmed">Confirmed</span>');
    expect(html).toContain('<h1 id="manage-title">Vinyasa Flow</h1>');
    for (const text of ["2 seats", "€24.00", bookingId, "(UTC)", "Tenant"]) {
      expect(html).toContain(text);
    }
    expect(html).toContain(
      `href="/public/bookings/${bookingId}/calendar.ics?cancel_token=${token}"`,
    );
    const form = html.match(/<form id="cancel-form"[\s\S]*?<\/form>/)?.[0] ?? "";
    expect(form).toContain('method="post"');
    expect(form).toContain(`action="/book/manage/${bookingId}/cancel"`);
    expect(form).toContain(`<input type="hidden" name="token" value="${token}"/>`);
    expect(html).not.toContain("<script");
  });

  it("is a 404 page that says only 'not found' for a wrong or missing token and an unknown booking", async () => {
    const { bookingId, token } = await bookedFixture({ name: "Secret Class" });
    const wrong = `${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`;
    for (const path of [
      managePath(bookingId, wrong),
      `/book/manage/${bookingId}`,
      `/book/manage/${bookingId}?token=`,
      managePath("bkg_unknown000000000000", token),
    ]) {
      const { status, html } = await page(path);
      expect(status, path).toBe(404);
      expect(html).toContain('<h1 id="notice-title">Not found</h1>');
      expect(html).not.toContain("Secret Class");
      expect(html).not.toContain(bookingId);
    }
  });
});

describe("POST /book/manage/{booking_id}/cancel", () => {
  it("cancels through the form, then shows the cancelled state (and again on a second press)", async () => {
    const { key, bookingId, token } = await bookedFixture();
    const res = await postCancel(bookingId, token);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(managePath(bookingId, token));
    const stored = await callJson("GET", `/v1/bookings/${bookingId}`, { key });
    expect(stored.body.data).toMatchObject({ status: "cancelled", refund_eligible: true });

    const after = await page(managePath(bookingId, token));
    expect(after.html).toContain('<span class="badge badge-cancelled">Cancelled</span>');
    expect(after.html).toContain("This booking was cancelled on ");
    expect(after.html).toContain("You are eligible for a refund.");
    expect(after.html).not.toContain('id="cancel-form"');

    const again = await postCancel(bookingId, token);
    expect(again.status).toBe(303);
    expect((await page(managePath(bookingId, token))).html).toContain("Cancelled");
  });

  it("cancels nothing with a wrong token: the same 404 page", async () => {
    const { key, bookingId, token } = await bookedFixture();
    // A different first character (a fixed "x" would be the token itself 1 time in 62).
    const wrong = `${token.startsWith("x") ? "y" : "x"}${token.slice(1)}`;
    const res = await postCancel(bookingId, wrong);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Not found");
    const stored = await callJson("GET", `/v1/bookings/${bookingId}`, { key });
    expect(stored.body.data.status).toBe("confirmed");
  });

  it("says the session has begun, with a 422 and no cancel form, once it has", async () => {
    const { key, bookingId, token } = await bookedFixture();
    await env.DB.prepare("UPDATE bookings SET start_at = ? WHERE id = ?")
      .bind(Date.now() - 60_000, bookingId)
      .run();
    const res = await postCancel(bookingId, token);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("The session has already begun");
    expect(html).not.toContain('id="cancel-form"');
    const stored = await callJson("GET", `/v1/bookings/${bookingId}`, { key });
    expect(stored.body.data.status).toBe("confirmed");
    expect((await page(managePath(bookingId, token))).html).toContain("can no longer be cancelled");
  });
});

describe("POST /book/manage/{booking_id}/cancel limits", () => {
  it("refuses a form body over 64 KiB with 413 payload_too_large", async () => {
    const { key, bookingId, token } = await bookedFixture();
    const res = await request(`/book/manage/${bookingId}/cancel`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `token=${token}&pad=${"x".repeat(70 * 1024)}`,
    });
    expect(res.status).toBe(413);
    expect(await readJson(res)).toMatchObject({ code: "payload_too_large" });
    const stored = await callJson("GET", `/v1/bookings/${bookingId}`, { key });
    expect(stored.body.data.status).toBe("confirmed");
  });
});
