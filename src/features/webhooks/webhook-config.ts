import type { WebhookConfig } from "./webhooks.service";

/** WEBHOOK_ALLOW_INSECURE_LOCAL is honoured only as the exact string "true". */
export function webhookConfigOf(env: Env): WebhookConfig {
  return {
    encryptionKey: env.WEBHOOK_ENCRYPTION_KEY,
    allowInsecureLocal: env.WEBHOOK_ALLOW_INSECURE_LOCAL === "true",
  };
}
