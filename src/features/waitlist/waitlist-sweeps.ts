import { createDb } from "../../db/client";
import { expireStartedWaitlistedBookings, listSessionsToPromote } from "./waitlist.repository";
import { promoteWaitlist } from "./waitlist.service";

/** Sessions one sweep promotes at most; the next minute's sweep continues. */
const SESSIONS_PER_SWEEP = 100;

/**
 * Promotes the waitlists whose head fits the seats left. A hold frees its seats by expiring,
 * which writes nothing, so this is what promotes after hold expiry (§14: within a minute); it
 * also finishes a promotion that a request died before running.
 */
export async function promoteOpenWaitlists(env: Pick<Env, "DB">, now: number): Promise<void> {
  const db = createDb(env.DB);
  const sessionIds = await listSessionsToPromote(db, now, SESSIONS_PER_SWEEP);
  let promoted = 0;
  for (const sessionId of sessionIds) {
    promoted += (await promoteWaitlist(db, sessionId, now)).length;
  }
  if (promoted > 0) {
    console.log(JSON.stringify({ type: "waitlist_sweep", sessions: sessionIds.length, promoted }));
  }
}

/** §14: waitlisted bookings become `expired` when their session starts. */
export async function expireStartedWaitlists(env: Pick<Env, "DB">, now: number): Promise<void> {
  const expired = await expireStartedWaitlistedBookings(createDb(env.DB), now);
  if (expired > 0) console.log(JSON.stringify({ type: "waitlist_expiry", expired }));
}

/** Every sweep task of §14, in the order they should run each minute. */
export const waitlistSweeps = [promoteOpenWaitlists, expireStartedWaitlists] as const;
