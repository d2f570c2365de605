import type { Database } from "../../db/client";
import { jsonBytes, strongEtagOf } from "../../http/etag";
import { InputsMemo } from "../../lib/inputs-memo";
import { pageOfSlots, type SlotPageQuery } from "./slot-page";
import { readSlotRows, slotsOfRows } from "./slots.service";

export interface SlotsBody {
  bytes: Uint8Array<ArrayBuffer>;
  etag: string;
}

/**
 * Encoded slot pages of this isolate, for the polling an availability read gets (every page
 * view, every integration). The rows are read from D1 on every request; only expanding,
 * serializing and hashing them again is saved while they and the booking windows are unchanged.
 * 8 MiB holds sixteen pages of the largest kind (2,000 slots).
 */
const memo = new InputsMemo<SlotsBody>(8 * 1024 * 1024);

/** The §8 slots page as the exact bytes and strong tag of the response. */
export async function slotsBodyOf(
  db: Database,
  auth: { organizationId: string; organizationTimezone: string },
  experienceId: string,
  query: SlotPageQuery,
  now: number,
): Promise<SlotsBody> {
  const { organizationId, organizationTimezone } = auth;
  const rows = await readSlotRows(
    db,
    organizationId,
    experienceId,
    query,
    organizationTimezone,
    now,
  );
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
