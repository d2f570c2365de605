import { createDb } from "../db/client";
import { enqueueStaleEvents } from "../delivery/dispatch";
import { EVENT_RETENTION_MS } from "../events/event-types";
import { deleteEventsCreatedBefore } from "../events/outbox.repository";
import { WAITLIST_SWEEP_TASKS } from "../features/waitlist/waitlist-sweeps";
import { dropKeptLinksOfSettledBookings } from "../notifications/notifications.repository";

/**
 * Work the Sweeper runs every minute. Each task is independent: one failing is logged and
 * does not stop the others.
 */
export interface SweepTask {
  name: string;
  run(env: Env, now: number): Promise<number>;
}

export const SWEEP_TASKS: SweepTask[] = [
  { name: "enqueue_stale_events", run: enqueueStaleEvents },
  {
    name: "expire_old_events",
    run: (env, now) => deleteEventsCreatedBefore(createDb(env.DB), now - EVENT_RETENTION_MS),
  },
  ...WAITLIST_SWEEP_TASKS,
  {
    name: "drop_kept_links_of_settled_bookings",
    run: (env, now) => dropKeptLinksOfSettledBookings(createDb(env.DB), now),
  },
];
