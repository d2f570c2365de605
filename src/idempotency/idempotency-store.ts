import { DurableObject } from "cloudflare:workers";
import { type BeginResult, LEASE_MS, REPLAY_WINDOW_MS, type StoredResponse } from "./record";
import { RecordTable } from "./record-table";

/**
 * One instance per (scope, Idempotency-Key) (§7). Every method reads and writes its SQLite
 * record synchronously before its first await, so two requests with the same key can never
 * both be told "new". Times come in as `nowMs` so tests control the clock; the alarm, which
 * has no caller, reads the runtime clock.
 */
export class IdempotencyStore extends DurableObject<Env> {
  readonly #records: RecordTable;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#records = new RecordTable(ctx.storage.sql);
  }

  /** Claims the key for this request, or says why it must not run. */
  async begin(fingerprint: string, nowMs: number): Promise<BeginResult> {
    let record = this.#records.read();
    if (record && nowMs >= record.expiresAt) record = undefined;
    // The body stays bound to the key even after an abandoned attempt: that attempt may have
    // written its D1 crash-safety row, which a different body must not pick up.
    if (record && record.fingerprint !== fingerprint) return { outcome: "mismatch" };
    if (record?.response) return { outcome: "replay", response: record.response };
    if (record && nowMs < record.leaseUntil) return { outcome: "in_progress" };

    const expiresAt = nowMs + REPLAY_WINDOW_MS;
    this.#records.startAttempt(fingerprint, nowMs + LEASE_MS, expiresAt);
    await this.ctx.storage.setAlarm(expiresAt);
    return { outcome: "new" };
  }

  /** Stores the handler's response; the 24 h replay window starts now. First completion wins. */
  async complete(fingerprint: string, response: StoredResponse, nowMs: number): Promise<boolean> {
    if (!this.#isRunning(fingerprint)) return false;
    const expiresAt = nowMs + REPLAY_WINDOW_MS;
    this.#records.markCompleted(response, expiresAt);
    await this.ctx.storage.setAlarm(expiresAt);
    return true;
  }

  /** Frees the key after a response that is not stored (400, 401, 5xx…), so a retry runs afresh. */
  async release(fingerprint: string): Promise<boolean> {
    if (!this.#isRunning(fingerprint)) return false;
    await this.#reclaim();
    return true;
  }

  /** Deletes an expired record; re-arms itself for a live one. Harmless to run twice or early. */
  override async alarm(): Promise<void> {
    const record = this.#records.read();
    if (record && Date.now() < record.expiresAt) {
      await this.ctx.storage.setAlarm(record.expiresAt);
      return;
    }
    await this.#reclaim();
  }

  #isRunning(fingerprint: string): boolean {
    const record = this.#records.read();
    return record?.state === "in_progress" && record.fingerprint === fingerprint;
  }

  /** deleteAll drops the table and (compatibility date ≥ 2026-02-24) the alarm: nothing is left. */
  async #reclaim(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
