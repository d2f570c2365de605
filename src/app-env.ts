import type { Database } from "./db/client";
import type { ScopeMap } from "./db/schema";
import type { IdempotencyScope } from "./idempotency/scope";

/** The authenticated caller of a /v1 route. */
export interface ApiAuth {
  organizationId: string;
  organizationTimezone: string;
  apiKeyId: string;
  scopes: ScopeMap;
}

export interface AppVariables {
  requestId: string;
  db: Database;
  auth?: ApiAuth;
  /** Raw request body bytes (POST/PUT/PATCH), kept for the idempotency fingerprint. */
  rawBody?: Uint8Array;
  /** Organization the request acted for, for the log line (set by auth and public routes). */
  organizationId?: string;
  /** Set by the idempotency middleware so services can write the key with their rows. */
  idempotency?: IdempotencyScope;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
