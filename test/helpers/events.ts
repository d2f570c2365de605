import { expect } from "vitest";
import { callJson } from "./http";

// biome-ignore lint/suspicious/noExplicitAny: wire payloads are asserted field by field
type Json = any;

/** The organization's events, newest first (optionally of one type or a comma list). */
export async function eventsOf(key: string, type?: string): Promise<Json[]> {
  const query = type ? `?type=${type}&page_size=200` : "?page_size=200";
  const res = await callJson("GET", `/v1/events${query}`, { key });
  expect(res.status).toBe(200);
  return res.body.data;
}
