import type { IdempotencyRecord, RecordState, StoredResponse } from "./record";

type RecordRow = {
  fingerprint: string;
  state: RecordState;
  lease_until: number;
  expires_at: number;
  status: number | null;
  content_type: string | null;
  location: string | null;
  body: ArrayBuffer | null;
} & Record<string, SqlStorageValue>;

// One object per key, so the table holds at most one row (id = 1).
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS idempotency_record (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  fingerprint TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_progress', 'completed')),
  lease_until INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  status INTEGER,
  content_type TEXT,
  location TEXT,
  body BLOB
)`;

function toRecord(row: RecordRow): IdempotencyRecord {
  const response: StoredResponse | null =
    row.state === "completed" && row.status !== null && row.body !== null
      ? {
          status: row.status,
          contentType: row.content_type,
          location: row.location,
          body: row.body,
        }
      : null;
  return {
    fingerprint: row.fingerprint,
    state: row.state,
    leaseUntil: row.lease_until,
    expiresAt: row.expires_at,
    response,
  };
}

/**
 * The Durable Object's record, on its synchronous SQLite API: every call finishes before the
 * object can receive another event, which is what lets `begin` claim a key atomically.
 */
export class RecordTable {
  constructor(private readonly sql: SqlStorage) {}

  read(): IdempotencyRecord | undefined {
    const [row] = this.#exec<RecordRow>("SELECT * FROM idempotency_record WHERE id = 1").toArray();
    return row ? toRecord(row) : undefined;
  }

  /** Claims the key for one attempt (a fresh record, or a retry of an abandoned one). */
  startAttempt(fingerprint: string, leaseUntil: number, expiresAt: number): void {
    this.#exec(
      `INSERT INTO idempotency_record (id, fingerprint, state, lease_until, expires_at)
       VALUES (1, ?, 'in_progress', ?, ?)
       ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, state = 'in_progress',
         lease_until = excluded.lease_until, expires_at = excluded.expires_at,
         status = NULL, content_type = NULL, location = NULL, body = NULL`,
      fingerprint,
      leaseUntil,
      expiresAt,
    );
  }

  markCompleted(response: StoredResponse, expiresAt: number): void {
    this.#exec(
      `UPDATE idempotency_record SET state = 'completed', expires_at = ?, status = ?,
         content_type = ?, location = ?, body = ? WHERE id = 1`,
      expiresAt,
      response.status,
      response.contentType,
      response.location,
      response.body,
    );
  }

  // Ensured on every call rather than once per instance: `storage.deleteAll()` drops the table,
  // and a no-op CREATE IF NOT EXISTS costs less than tracking when that happened.
  #exec<T extends Record<string, SqlStorageValue>>(query: string, ...bindings: unknown[]) {
    this.sql.exec(CREATE_TABLE);
    return this.sql.exec<T>(query, ...bindings);
  }
}
