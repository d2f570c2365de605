import type { Context } from "hono";
import type { ApiAuth, AppEnv } from "../../app-env";
import type { Database } from "../../db/client";
import { earlyReadOf, type PlannedRead } from "../../http/early-reads";
import { jsonBytes, strongEtagOf } from "../../http/etag";
import { InputsMemo } from "../../lib/inputs-memo";
import type { WindowRows } from "../sessions/sessions.service";
import { pageOfSlots, type SlotPageQuery } from "./slot-page";
import { SlotsPageQuerySchema } from "./slots.schemas";
import { readSlotRows, slotRowsReads, slotsOfRows } from "./slots.service";

export interface SlotsBody {
  bytes: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** The rows of one slots request, read at `now`, for the experience and query it names. */
interface SlotRowsRead {
  experienceId: string;
  query: SlotPageQuery;
  now: number;
  rows: WindowRows;
}

/**
 * Encoded slot pages of this isolate, for the polling an availability read gets (every page
 * view, every integration). The rows are read from D1 on every request; only expanding,
 * serializing and hashing them again is saved while they and the booking windows are unchanged.
 * 8 MiB holds sixteen pages of the largest kind (2,000 slots).
 */
const memo = new InputsMemo<SlotsBody>(8 * 1024 * 1024);

/** The organization whose experience it is, and its zone (a query's default `timezone`). */
type SlotsOrganization = Pick<ApiAuth, "organizationId" | "organizationTimezone">;

/** The rows of this request, read in their own batch. */
async function readRows(
  db: Database,
  organization: SlotsOrganization,
  experienceId: string,
  query: SlotPageQuery,
): Promise<SlotRowsRead> {
  const now = Date.now();
  const { organizationId, organizationTimezone } = organization;
  const request = { organizationId, organizationTimezone, experienceId, query, now };
  return { experienceId, query, now, rows: await readSlotRows(db, request) };
}

const SLOTS_PATH = /^\/v1\/experiences\/([^/]+)\/slots$/;

/**
 * The slots statements sent with the API key lookup (src/http/early-reads.ts), from the
 * request's own path and query; undefined where the handler will answer an error anyway.
 */
export function slotRowsEarly(
  c: Context<AppEnv>,
  assumed: ApiAuth,
): PlannedRead<SlotRowsRead> | undefined {
  const match = SLOTS_PATH.exec(c.req.path)?.[1];
  const parsed = SlotsPageQuerySchema.safeParse(c.req.query());
  if (!match || !parsed.success) return undefined;
  const experienceId = decodeURIComponent(match);
  const query = parsed.data;
  const now = Date.now();
  const { organizationId, organizationTimezone } = assumed;
  const request = { organizationId, organizationTimezone, experienceId, query, now };
  const reads = slotRowsReads(c.get("db"), request);
  if (!reads) return undefined;
  return {
    statements: reads.statements,
    resultOf(results) {
      const rows = reads.rowsOf(results);
      return rows ? { experienceId, query, now, rows } : undefined;
    },
  };
}

/** The early read if it was for this very request's experience and query, else a fresh one. */
async function rowsFor(
  c: Context<AppEnv>,
  auth: ApiAuth,
  experienceId: string,
  query: SlotPageQuery,
) {
  const early = await earlyReadOf<SlotRowsRead>(c, auth);
  const same =
    early?.experienceId === experienceId && JSON.stringify(early.query) === JSON.stringify(query);
  return same ? early : readRows(c.get("db"), auth, experienceId, query);
}

/** The §8 slots page as the exact bytes and strong tag of the response. */
export async function slotsBodyOf(
  c: Context<AppEnv>,
  auth: ApiAuth,
  experienceId: string,
  query: SlotPageQuery,
): Promise<SlotsBody> {
  return encodedPage(auth.organizationId, await rowsFor(c, auth, experienceId, query));
}

/**
 * The same page for the public route (§10), whose organization comes from the experience: no
 * early read (there is no API key to read it with), the same encoded pages of this isolate.
 */
export async function publicSlotsBodyOf(
  db: Database,
  organization: SlotsOrganization,
  experienceId: string,
  query: SlotPageQuery,
): Promise<SlotsBody> {
  return encodedPage(
    organization.organizationId,
    await readRows(db, organization, experienceId, query),
  );
}

/** The page of these rows, from this isolate's memo while they and the clock allow. */
async function encodedPage(organizationId: string, read: SlotRowsRead): Promise<SlotsBody> {
  const { experienceId, query, rows, now } = read;
  const key = JSON.stringify([organizationId, experienceId, query, rows.fromMs, rows.toMs]);
  const inputs = JSON.stringify([rows.experience, rows.recurrences, rows.snapshots]);
  const known = memo.get(key, inputs, now);
  if (known) return known;
  const { slots, stableUntil } = slotsOfRows(rows, query, now);
  const bytes = jsonBytes(pageOfSlots(slots, query));
  const body = { bytes, etag: await strongEtagOf(bytes) };
  memo.set(key, { inputs, computedAt: now, stableUntil, value: body, bytes: bytes.byteLength });
  return body;
}
