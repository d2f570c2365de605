import { createApp } from "./app";
import { createDb } from "./db/client";
import { deleteExpiredKeyRows } from "./idempotency/idempotency-keys.repository";

export { IdempotencyStore } from "./idempotency/idempotency-store";

const app = createApp();

export default {
  fetch: app.fetch,
  // Hourly cron (wrangler.toml): drop D1 idempotency rows past their 24 h window.
  async scheduled(controller, env) {
    const removed = await deleteExpiredKeyRows(createDb(env.DB), controller.scheduledTime);
    console.log(JSON.stringify({ type: "idempotency_cleanup", removed }));
  },
} satisfies ExportedHandler<Env>;
