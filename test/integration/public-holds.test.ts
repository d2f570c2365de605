import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/lib/crypto";
import { getHoldOk, holdOk, slotOf } from "../helpers/holds";
import { callJson } from "../helpers/http";
import { publicClient, publicFixture } from "../helpers/public";

const holdsPath = (experienceId: string) => `/public/experiences/${experienceId}/holds`;
const bookingsPath = (experienceId: string) => `/public/experiences/${experienceId}/bookings`;
const releasePath = (holdId: string) => `/public/holds/${holdId}/release`;
const contact = { name: "Ada" };

async function publicHold(experienceId: string, body: Record<string, unknown>) {
  const res = await publicClient().json("POST", holdsPath(experienceId), { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

describe("public holds", () => {
  it("returns a hold_token once and stores only its SHA-256", async () => {
    const { key, experienceId, sessionId } = await publicFixture();
    const { hold_token: token, ...created } = await publicHold(experienceId, {
      session_id: sessionId,
      quantity: 2,
    });
    expect(token).toMatch(/^[0-9A-Za-z]{32,}$/);
    expect(created).toMatchObject({ session_id: sessionId, quantity: 2, status: "active" });
    expect(await getHoldOk(key, created.id)).toEqual(created);
    const row = await env.DB.prepare("SELECT * FROM holds WHERE id = ?").bind(created.id).first();
    expect(row?.hold_token_hash).toBe(await sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("converts with hold_id and hold_token; a wrong or missing token is 404 or 400", async () => {
    const { key, experienceId, sessionId } = await publicFixture();
    const created = await publicHold(experienceId, { session_id: sessionId, quantity: 2 });
    const client = publicClient();
    const wrong = await client.json("POST", bookingsPath(experienceId), {
      body: { hold_id: created.id, hold_token: `${created.hold_token}x`, contact },
    });
    expect(wrong.status).toBe(404);
    const missing = await client.json("POST", bookingsPath(experienceId), {
      body: { hold_id: created.id, contact },
    });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.details.fieldErrors)).toEqual(["hold_token"]);
    const booked = await client.json("POST", bookingsPath(experienceId), {
      body: { hold_id: created.id, hold_token: created.hold_token, contact },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.data).toMatchObject({ quantity: 2, status: "confirmed" });
    expect(booked.body.data.cancel_token).toBeTruthy();
    expect(await getHoldOk(key, created.id)).toMatchObject({
      status: "converted",
      booking_id: booked.body.data.id,
    });
  });

  it("cannot convert or release a hold made through /v1 (it has no token)", async () => {
    const { key, experienceId, sessionId } = await publicFixture();
    const created = await holdOk(key, experienceId, { session_id: sessionId });
    const client = publicClient();
    const convert = await client.json("POST", bookingsPath(experienceId), {
      body: { hold_id: created.id, hold_token: "anything", contact },
    });
    expect(convert.status).toBe(404);
    const release = await client.json("POST", releasePath(created.id), {
      body: { hold_token: "anything" },
    });
    expect(release.status).toBe(404);
  });

  it("releases with the token: the seats are free at once", async () => {
    const { key, experienceId, sessionId } = await publicFixture({
      experience: { default_capacity: 2 },
    });
    const created = await publicHold(experienceId, { session_id: sessionId, quantity: 2 });
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({ seats_available: 0 });
    const client = publicClient();
    const wrong = await client.raw("POST", releasePath(created.id), {
      body: { hold_token: "nope" },
    });
    expect(wrong.status).toBe(404);
    const res = await client.raw("POST", releasePath(created.id), {
      body: { hold_token: created.hold_token },
    });
    expect(res.status).toBe(204);
    expect(await slotOf(key, experienceId, sessionId)).toMatchObject({
      seats_held: 0,
      seats_available: 2,
    });
    const empty = await client.json("POST", releasePath(created.id), { body: {} });
    expect(empty.status).toBe(400);
  });

  it("shows seats_held and waitlist_size on public slots, and the waitlist setting", async () => {
    const { experienceId, sessionId } = await publicFixture({
      experience: { default_capacity: 3, waitlist: { enabled: true, max_size: 9 } },
    });
    await publicHold(experienceId, { session_id: sessionId, quantity: 2 });
    const client = publicClient();
    const experience = await client.json("GET", `/public/experiences/${experienceId}`);
    expect(experience.body.data.waitlist).toEqual({ enabled: true, max_size: 9 });
    const day = sessionId.slice(-13, -5);
    const from = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`;
    const slots = await callJson(
      "GET",
      `/public/experiences/${experienceId}/slots?from=${from}&to=${from}&timezone=UTC`,
      { headers: { "cf-connecting-ip": client.ip } },
    );
    const slot = slots.body.data.find((s: { session_id: string }) => s.session_id === sessionId);
    expect(slot).toMatchObject({ seats_held: 2, seats_available: 1, waitlist_size: 0 });
  });

  it("joins the waitlist through the public booking route", async () => {
    const { experienceId, sessionId } = await publicFixture({
      experience: { default_capacity: 1, waitlist: { enabled: true } },
    });
    await publicHold(experienceId, { session_id: sessionId });
    const res = await publicClient().json("POST", bookingsPath(experienceId), {
      body: { session_id: sessionId, contact, join_waitlist: true },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: "waitlisted", waitlist_position: 1 });
  });
});
