import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { createdAt, displayName } from "../columns";

export type ScopeLevel = "none" | "read" | "write";
export interface ScopeMap {
  experiences: ScopeLevel;
  bookings: ScopeLevel;
  spaces: ScopeLevel;
  /** §12; keys created before webhooks existed have no entry, which reads as `none`. */
  webhooks?: ScopeLevel;
}

export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: displayName(),
  timezone: text("timezone").notNull(),
  createdAt: createdAt(),
});

/** The owning organization, as a foreign key. */
export const organizationRef = () =>
  text("organization_id")
    .notNull()
    .references(() => organizations.id);

/** The key of a row an organization owns, the organization as a foreign key. */
export const organizationRowKey = () => ({
  id: text("id").primaryKey(),
  organizationId: organizationRef(),
});

// Space IDs are unique per organization only: every organization has a space called GENERAL.
export const spaces = sqliteTable(
  "spaces",
  {
    organizationId: organizationRef(),
    id: text("id").notNull(),
    name: displayName(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] })],
);

export const members = sqliteTable(
  "members",
  {
    ...organizationRowKey(),
    spaceId: text("space_id").notNull(),
    name: displayName(),
    email: text("email"),
    createdAt: createdAt(),
  },
  (t) => [index("members_by_space").on(t.organizationId, t.spaceId, t.createdAt)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    ...organizationRowKey(),
    name: displayName(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes", { mode: "json" }).$type<ScopeMap>().notNull(),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_keys_by_hash").on(t.keyHash),
    index("api_keys_by_org").on(t.organizationId, t.createdAt),
  ],
);

/**
 * Crash safety for idempotent POSTs (§7): the Idempotency-Key is written in the same D1 batch
 * as the rows it created, so a retry that lost its Durable Object record finds the original.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
