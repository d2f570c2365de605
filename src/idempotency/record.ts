/** A response the handler produced, kept for byte-identical replays (§7). */
export interface StoredResponse {
  status: number;
  contentType: string | null;
  location: string | null;
  body: ArrayBuffer;
}

/** What the Durable Object tells the middleware about an incoming request. */
export type BeginResult =
  | { outcome: "new" }
  | { outcome: "in_progress" }
  | { outcome: "mismatch" }
  | { outcome: "replay"; response: StoredResponse };

export type RecordState = "in_progress" | "completed";

export interface IdempotencyRecord {
  fingerprint: string;
  state: RecordState;
  /** While in progress: after this instant the attempt counts as abandoned and may be re-run. */
  leaseUntil: number;
  /** After this instant the key is free again and the record is deleted. */
  expiresAt: number;
  response: StoredResponse | null;
}

/** §7: replays last 24 h from the first response. */
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A running attempt older than this is presumed dead (a Worker request does not run this long). */
export const LEASE_MS = 30_000;
