import { describe, expect, it } from "vitest";
import { createMember } from "../helpers/experiences";
import { callJson } from "../helpers/http";
import { publicClient, publicFixture } from "../helpers/public";

async function page(path: string, acceptLanguage?: string) {
  const headers: Record<string, string> = acceptLanguage
    ? { "accept-language": acceptLanguage }
    : {};
  const res = await publicClient().raw("GET", path, { headers });
  return { status: res.status, html: await res.text() };
}

const priced = { pricing: { model: "per_session", currency: "EUR", amount: 18 } };

describe("GET /book/{experience_id}: studio, instructors and locale", () => {
  it("names the organization, the experience's providers and each session's provider", async () => {
    const fixture = await publicFixture();
    const ada = await createMember(fixture.key, "GENERAL", "Ada Lovelace");
    const grace = await createMember(fixture.key, "GENERAL", "Grace Hopper");
    const update = await callJson("PATCH", `/v1/experiences/${fixture.experienceId}`, {
      key: fixture.key,
      body: { providers: [ada, grace] },
    });
    expect(update.status, JSON.stringify(update.body)).toBe(200);

    const { html } = await page(`/book/${fixture.experienceId}`);
    expect(html).toContain('<p class="eyebrow">Tenant</p>');
    expect(html).toContain("<span>with Ada Lovelace and Grace Hopper</span>");
    // The recurrence names no provider: its sessions fall back to the first one.
    expect(html).toContain('<span class="slot-provider">Ada Lovelace</span>');
    expect(html).toMatch(/aria-label="[^"]*, with Ada Lovelace, 10 seats left"/);
    expect(html).not.toContain("example.com");
    const providers = html.match(/data-providers="([^"]*)"/)?.[1]?.replaceAll("&quot;", '"');
    expect(JSON.parse(providers ?? "{}")).toEqual({
      [ada]: "Ada Lovelace",
      [grace]: "Grace Hopper",
    });
  });

  it("formats dates and amounts in one locale: Accept-Language, else ?lang=, texts in English", async () => {
    const { experienceId } = await publicFixture({ experience: priced });
    const german = await page(`/book/${experienceId}`, "de-DE,de;q=0.9,en;q=0.5");
    expect(german.html).toContain('<html lang="en">');
    expect(german.html).toContain('data-locale="de-DE"');
    expect(german.html).toMatch(/18,00\s€ per seat/);
    expect(german.html).toMatch(/<span class="weekday">(Mo|Di|Mi|Do|Fr|Sa|So)\.?<\/span>/);
    expect(german.html).toContain("Choose a session");

    const chosen = await page(`/book/${experienceId}?lang=en-US`, "de-DE");
    expect(chosen.html).toContain('data-locale="en-US"');
    expect(chosen.html).toContain("€18.00 per seat");
    // The zone switch keeps ?lang= when it reloads the page without JavaScript.
    expect(chosen.html).toContain('<input type="hidden" name="lang" value="en-US"/>');

    for (const [lang, accept] of [
      ["not a locale!", "xx-invalid-тест, *"],
      ["😀".repeat(40), ""],
      [undefined, ""],
    ]) {
      const query = lang ? `?lang=${encodeURIComponent(lang)}` : "";
      const fallback = await page(`/book/${experienceId}${query}`, accept);
      expect(fallback.status).toBe(200);
      expect(fallback.html).toContain('data-locale="en"');
      expect(fallback.html).toContain("€18.00 per seat");
    }
  });

  it("offers the experience's calendar feed as webcal:// and https links", async () => {
    const { experienceId } = await publicFixture();
    const { html } = await page(`/book/${experienceId}`);
    const feed = `api.test/public/experiences/${experienceId}/calendar.ics`;
    expect(html).toContain(`href="webcal://${feed}"`);
    expect(html).toContain(`href="https://${feed}"`);
  });
});
