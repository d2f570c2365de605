import { type Placeholder, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../db/client";
import { prepared } from "../db/prepared-statement";
import { events, webhookDeliveries } from "../db/schema";
import type { RowCondition, WriteBatch } from "../db/write-batch";
import { newId } from "../lib/ids";
import { ALL_EVENTS } from "./event-types";
import { noteBatchEvents } from "./outbox-settlement";
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
  /**
   * Members of `data` only the batch can know, each set from an SQL value read when the event
   * row is written (a waitlisted booking's FIFO position), e.g. `{ "$.object.x": sql`…` }`.
   */
  computed?: Record<string, SQL>;
}

/** The event's JSON, with the computed members set by SQLite's json_set in the same statement. */
function dataJson(data: EventData, computed: Record<string, SQL> | undefined): SQL | string {
  const json = JSON.stringify(data);
  const entries = Object.entries(computed ?? {});
  if (entries.length === 0) return json;
  const pairs = sql.join(
    entries.map(([path, value]) => sql`${path}, ${value}`),
    sql`, `,
  );
  return sql`json_set(${json}, ${pairs})`;
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
 * Only addEvent appends them: the batch must track the fan-out, whose row count says whether
 * the request has to dispatch the event (outbox-settlement.ts).
 */
function outboxStatements(
  db: Database,
  event: OutboxEvent,
  options: OutboxOptions = {},
): [BatchItem<"sqlite">, BatchItem<"sqlite">] {
  noteEventWritten(db, event.id);
  if (!options.onlyIf && !options.consistentIf && !options.computed && !options.endpointId) {
    return plainEventStatements(db, event);
  }
  const json = dataJson(event.data, options.computed);
  const data = options.consistentIf
    ? sql`CASE WHEN ${existsSql(options.consistentIf)} THEN ${json} END`
    : json;
  const condition = options.onlyIf ? existsSql(options.onlyIf) : sql`1`;
  const { endpointId } = options;
  const insertEvent = insertEventRows(db, eventRow({ ...event, data }), condition, endpointId);
  return [insertEvent, fanOutStatement(db, sql`ev.id = ${event.id}`, endpointId)];
}

type EventValue = string | number | SQL | Placeholder;

/** One event's values as the row source `ev` of insertEventRows. */
function eventRow(
  event: Record<"id" | "organizationId" | "type" | "data" | "createdAt", EventValue>,
) {
  const { id, organizationId, type, data, createdAt } = event;
  return sql`SELECT ${id} AS id, ${organizationId} AS organization_id, ${type} AS type,
    ${data} AS data, ${createdAt} AS created_at, 0 AS position`;
}

/**
 * The endpoints (alias e) that get the event `ev`: every active one of its organization that
 * subscribes to its type, or the one endpoint named. The event row and its fan-out both ask it,
 * in the same transaction, so they always agree.
 */
function endpointsOfEvent(endpointId: string | undefined): SQL {
  const subscribed = endpointId
    ? sql`e.id = ${endpointId}`
    : sql`e.status = 'active' AND EXISTS (
        SELECT 1 FROM json_each(e.events) j WHERE j.value IN (${ALL_EVENTS}, ev.type))`;
  return sql`e.organization_id = ev.organization_id AND e.deleted_at IS NULL AND ${subscribed}`;
}

/**
 * INSERT … SELECT through drizzle's insert builder (db.run(sql) cannot be batched on D1) of the
 * events `source` selects (columns id, organization_id, type, data, created_at, position),
 * written only where `condition`, in position order. An event no endpoint gets is written
 * settled (enqueued_at set): it has no delivery, and a customer email unsettles it again
 * (unsettleMailedEvents), so the request's dispatch and the sweep only ever see events with
 * work to do.
 */
function insertEventRows(db: Database, source: SQL, condition: SQL, endpointId?: string) {
  const gets = sql`EXISTS (SELECT 1 FROM webhook_endpoints e WHERE ${endpointsOfEvent(endpointId)})`;
  return db.insert(events).select(sql`
    SELECT ev.id, ev.organization_id, ev.type, ev.data, ev.created_at,
      CASE WHEN ${gets} THEN NULL ELSE ev.created_at END
    FROM (${source}) ev WHERE ${condition} ORDER BY ev.position`);
}

/** An event with no condition and its fan-out: the commonest statements of a write, built once. */
function plainEventStatements(
  db: Database,
  event: OutboxEvent,
): [BatchItem<"sqlite">, BatchItem<"sqlite">] {
  const { id, organizationId, type, createdAt } = event;
  return [
    insertPlainEvent(db, { id, organizationId, type, data: JSON.stringify(event.data), createdAt }),
    fanOutOfEvent(db, { id }),
  ];
}

const insertPlainEvent = prepared(["id", "organizationId", "type", "data", "createdAt"], (db, p) =>
  insertEventRows(db, eventRow(p), sql`1`),
);

const fanOutOfEvent = prepared(["id"], (db, p) => fanOutStatement(db, sql`ev.id = ${p.id}`));

/** A delivery row per endpoint subscribed, at this moment, to each event `which` selects. */
function fanOutStatement(db: Database, which: SQL, endpointId?: string) {
  return db.insert(webhookDeliveries).select(sql`
    SELECT 'whd_' || lower(hex(randomblob(12))), ev.organization_id, e.id, ev.id, ev.type,
      'pending', 0, NULL, NULL, NULL, ev.created_at, ev.created_at
    FROM events ev JOIN webhook_endpoints e ON ${endpointsOfEvent(endpointId)}
    WHERE ${which}`);
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
  const [insertEvent, fanOut] = outboxStatements(batch.db, event, options);
  batch.add(insertEvent);
  noteBatchEvents(batch, [event.id], batch.track(fanOut));
  return event.id;
}

/**
 * Events per statement of addEvents: their JSON is one bound parameter, kept well under D1's
 * 2 MB value limit (a booking is about 1 KB).
 */
const EVENTS_PER_STATEMENT = 250;

/**
 * Many events of one type in the change's batch (a session cancellation's `booking.cancelled`
 * per booking, up to its capacity): two statements per chunk instead of two per event, each
 * chunk's events bound as one JSON parameter. They are written in list order. The data of each
 * event travels as a JSON string inside that parameter, so it is stored byte for byte as
 * JSON.stringify wrote it (SQLite would re-render numbers of a nested object).
 */
export function addEvents(
  batch: WriteBatch,
  organizationId: string,
  type: string,
  dataList: EventData[],
  now: number,
  options: Pick<OutboxOptions, "onlyIf"> = {},
): string[] {
  const written: string[] = [];
  for (let at = 0; at < dataList.length; at += EVENTS_PER_STATEMENT) {
    const chunk = dataList.slice(at, at + EVENTS_PER_STATEMENT);
    const built = chunk.map((data) => buildEvent(organizationId, type, data, now));
    for (const event of built) noteEventWritten(batch.db, event.id);
    const rows = JSON.stringify(built.map((e) => ({ id: e.id, data: JSON.stringify(e.data) })));
    const ids = JSON.stringify(built.map((e) => e.id));
    const source = sql`SELECT json_extract(j.value, '$.id') AS id,
      ${organizationId} AS organization_id, ${type} AS type,
      json_extract(j.value, '$.data') AS data, ${now} AS created_at, j.key AS position
      FROM json_each(${rows}) j`;
    const condition = options.onlyIf ? existsSql(options.onlyIf) : sql`1`;
    batch.add(insertEventRows(batch.db, source, condition));
    const fanOut = fanOutStatement(batch.db, sql`ev.id IN (SELECT value FROM json_each(${ids}))`);
    // One type and organization per chunk: its events all have deliveries, or none has.
    noteBatchEvents(
      batch,
      built.map((e) => e.id),
      batch.track(fanOut),
    );
    written.push(...built.map((e) => e.id));
  }
  return written;
}
