import { createApp } from "./app";
import { createDb } from "./db/client";
import { consumeQueueBatch } from "./delivery/queue-consumer";
import { deleteExpiredKeyRows } from "./idempotency/idempotency-keys.repository";
import { armSweeper } from "./sweeps/arm";

export { IdempotencyStore } from "./idempotency/idempotency-store";
export { Sweeper } from "./sweeps/sweeper";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    // Every minute: keep the Sweeper's alarm loop alive (it runs the sweeps itself).
    if (controller.cron === "* * * * *") {
      await armSweeper(env);
      return;
    }
    // Hourly: drop D1 idempotency rows past their 24 h window.
    const removed = await deleteExpiredKeyRows(createDb(env.DB), controller.scheduledTime);
    console.log(JSON.stringify({ type: "idempotency_cleanup", removed }));
  },
  queue: consumeQueueBatch,
} satisfies ExportedHandler<Env>;
