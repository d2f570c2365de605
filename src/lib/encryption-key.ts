/**
 * The secret that encrypts webhook signing secrets and mailed manage links at rest:
 * WEBHOOK_ENCRYPTION_KEY, or, when a deployment (or a plain `wrangler dev` with only an
 * ADMIN_TOKEN in .dev.vars) has not set it, a key derived from ADMIN_TOKEN, so webhooks and
 * manage links work instead of failing. Setting WEBHOOK_ENCRYPTION_KEY keeps stored secrets
 * readable when the admin token is rotated; changing whichever is in use makes them unreadable.
 */
export function encryptionKeyOf(
  env: Pick<Env, "WEBHOOK_ENCRYPTION_KEY" | "ADMIN_TOKEN">,
): string | undefined {
  if (env.WEBHOOK_ENCRYPTION_KEY) return env.WEBHOOK_ENCRYPTION_KEY;
  return env.ADMIN_TOKEN ? `derived-from-admin-token:v1:${env.ADMIN_TOKEN}` : undefined;
}
