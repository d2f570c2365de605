import { encryptionKeyOf } from "../../lib/encryption-key";
import type { WebhookConfig } from "./webhooks.service";

/** WEBHOOK_ALLOW_INSECURE_LOCAL is honoured only as the exact string "true". */
export function webhookConfigOf(env: Env): WebhookConfig {
  return {
    encryptionKey: encryptionKeyOf(env),
    allowInsecureLocal: env.WEBHOOK_ALLOW_INSECURE_LOCAL === "true",
  };
}
