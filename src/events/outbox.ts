import { type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../db/client";
import { events, webhookDeliveries } from "../db/schema";
import type { RowCondition, WriteBatch } from "../db/write-batch";
import { newId } from "../lib/ids";
import { ALL_EVENTS } from "./event-types";
import { noteEventWritten } from "./pending-events";

/** The `data` member of an event: the resource as the API returns it, plus type-specific extras. */
export interface EventData {
  object: unknown;
  [extra: string]: unknown;
}

export interface OutboxEvent {
  id: string;
  organizationId: string;
  type: string;
  data: EventData;
  createdAt: number;
}

export interface OutboxOptions {
  /**
   * Written only if this condition holds when the statement runs, i.e. the guarded change of
   * the same batch really happened (a refused booking writes no event).
   */
  onlyIf?: RowCondition;
  /**
   * Must hold whenever `onlyIf` does; otherwise the batch fails as a whole (the event's data
   * becomes NULL against NOT NULL) rather than committing a change whose event would lie.
   */
  consistentIf?: RowCondition;
  /** Deliver to this endpoint only, whatever it subscribes to (the `webhook.test` event). */
  endpointId?: string;
}

export function buildEvent(
  organizationId: string,
  type: string,
  data: EventData,
  now: number,
): OutboxEvent {
  return { id: newId("evt"), organizationId, type, data, createdAt: now };
}

function existsSql(condition: RowCondition): SQL {
  return sql`EXISTS (SELECT 1 FROM ${condition.table} WHERE ${condition.where ?? sql`1`})`;
}

/**
 * The transactional outbox (§12): statements to append to the db.batch of the change itself,
 * so the event exists exactly when the change committed. The second statement fans the event
 * out to a delivery row per endpoint subscribed at that moment, inside the same transaction.
 */
export function outboxStatements(
  db: Database,
  event: OutboxEvent,
  options: OutboxOptions = {},
): [BatchItem<"sqlite">, BatchItem<"sqlite">] {
  noteEventWritten(db, event.id);
  const json = JSON.stringify(event.data);
  const data = options.consistentIf
    ? sql`CASE WHEN ${existsSql(options.consistentIf)} THEN ${json} END`
    : json;
  // INSERT … SELECT through drizzle's insert builder (db.run(sql) cannot be batched on D1):
  // the selected values follow the tables' column order.
  const insertEvent = db.insert(events).select(sql`
    SELECT ${event.id}, ${event.organizationId}, ${event.type}, ${data}, ${event.createdAt}, NULL
    WHERE ${options.onlyIf ? existsSql(options.onlyIf) : sql`1`}`);
  const subscribed = options.endpointId
    ? sql`e.id = ${options.endpointId}`
    : sql`e.status = 'active' AND EXISTS (
        SELECT 1 FROM json_each(e.events) j WHERE j.value IN (${ALL_EVENTS}, ev.type))`;
  const fanOut = db.insert(webhookDeliveries).select(sql`
    SELECT 'whd_' || lower(hex(randomblob(12))), ev.organization_id, e.id, ev.id, ev.type,
      'pending', 0, NULL, NULL, NULL, ev.created_at, ev.created_at
    FROM events ev JOIN webhook_endpoints e ON e.organization_id = ev.organization_id
    WHERE ev.id = ${event.id} AND e.deleted_at IS NULL AND ${subscribed}`);
  return [insertEvent, fanOut];
}

/** Adds the event (and its fan-out) to the change's batch; returns the event's ID. */
export function addEvent(
  batch: WriteBatch,
  organizationId: string,
  type: string,
  data: EventData,
  now: number,
  options: OutboxOptions = {},
): string {
  const event = buildEvent(organizationId, type, data, now);
  batch.add(...outboxStatements(batch.db, event, options));
  return event.id;
}
