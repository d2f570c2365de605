import { createDb } from "../../db/client";
import { expireStartedWaitlistedBookings, listSessionsToPromote } from "./waitlist.repository";
import { promoteWaitlist } from "./waitlist.service";

/** Sessions one sweep promotes at most; the next minute's sweep continues. */
const SESSIONS_PER_SWEEP = 100;

/**
 * Promotes the waitlists whose head fits the seats left; returns how many bookings it promoted.
 * A hold frees its seats by expiring, which writes nothing, so this is what promotes after hold
 * expiry (§14: within a minute); it also finishes a promotion a request died before running.
 */
export async function promoteOpenWaitlists(env: Pick<Env, "DB">, now: number): Promise<number> {
  const db = createDb(env.DB);
  let promoted = 0;
  for (const sessionId of await listSessionsToPromote(db, now, SESSIONS_PER_SWEEP)) {
    promoted += (await promoteWaitlist(db, sessionId, now)).length;
  }
  return promoted;
}

/** §14: waitlisted bookings become `expired` when their session starts; returns how many. */
export function expireStartedWaitlists(env: Pick<Env, "DB">, now: number): Promise<number> {
  return expireStartedWaitlistedBookings(createDb(env.DB), now);
}

/** §14's sweep tasks, in the shape of the per-minute sweeper's registry. */
export const WAITLIST_SWEEP_TASKS = [
  { name: "promote_open_waitlists", run: promoteOpenWaitlists },
  { name: "expire_started_waitlists", run: expireStartedWaitlists },
];
