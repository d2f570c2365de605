/** The Idempotency-Key of the current request, scoped to its API key (or public caller). */
export interface IdempotencyScope {
  scope: string;
  key: string;
}

/** Keys of integrations are scoped per API key (§7): two keys never see each other's records. */
export function apiKeyScope(apiKeyId: string): string {
  return `key:${apiKeyId}`;
}

/**
 * Public routes have no API key: the scope is the client IP and the resource the route acts on,
 * the third path segment — the experience ID for `/public/experiences/{id}/bookings`, the
 * booking ID for `/public/bookings/{id}/cancel`.
 */
export function publicScope(clientIp: string, path: string): string {
  const resourceId = path.split("/")[3] ?? "";
  return `public:${clientIp}:${resourceId}`;
}

/** The Durable Object name; JSON keeps (scope, key) pairs unambiguous whatever they contain. */
export function idempotencyObjectName({ scope, key }: IdempotencyScope): string {
  return JSON.stringify([scope, key]);
}
