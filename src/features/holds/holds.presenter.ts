import { toIso } from "../../lib/time";
import type { HoldRow } from "./holds.repository";
import type { Hold } from "./holds.schemas";

export type HoldState = Hold["status"];

/** §14: an active hold reads `expired` from `expires_at` on; nothing needs to write that. */
export function holdStateAt(row: HoldRow, now: number): HoldState {
  return row.status === "active" && now >= row.expiresAt ? "expired" : row.status;
}

export function presentHold(row: HoldRow, now: number): Hold {
  return {
    id: row.id,
    experience_id: row.experienceId,
    session_id: row.sessionId,
    quantity: row.quantity,
    status: holdStateAt(row, now),
    expires_at: toIso(row.expiresAt),
    booking_id: row.bookingId,
    created_at: toIso(row.createdAt),
  };
}
