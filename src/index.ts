import { createApp } from "./app";

export { IdempotencyStore } from "./idempotency/idempotency-store";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
