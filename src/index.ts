import { createApp } from "./app";
import { createDb } from "./db/client";
import { WAITLIST_SWEEP_TASKS } from "./features/waitlist/waitlist-sweeps";
import { deleteExpiredKeyRows } from "./idempotency/idempotency-keys.repository";

export { IdempotencyStore } from "./idempotency/idempotency-store";

const app = createApp();

export default {
  fetch: app.fetch,
  // Hourly cron (wrangler.toml): drop D1 idempotency rows past their 24 h window.
  async scheduled(controller, env) {
    const removed = await deleteExpiredKeyRows(createDb(env.DB), controller.scheduledTime);
    console.log(JSON.stringify({ type: "idempotency_cleanup", removed }));
    // §14 sweeps; until the per-minute sweeper exists they also run from this trigger.
    for (const task of WAITLIST_SWEEP_TASKS) {
      const count = await task.run(env, controller.scheduledTime);
      if (count > 0) console.log(JSON.stringify({ type: "sweep", task: task.name, count }));
    }
  },
} satisfies ExportedHandler<Env>;
