import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { HoldNotActiveError, NotFoundError } from "../../errors";
import {
  type CreateRequest,
  readWithOriginal,
  recordIdempotencyKey,
} from "../../idempotency/idempotent-write";
import { newId } from "../../lib/ids";
import { requireBookableExperience } from "../bookings/booking-input";
import { seatRequestReads } from "../bookings/booking-reads.repository";
import { materializeSessionStatement, sessionSeatsQuery } from "../sessions/seat-guard";
import { admitSession, assertQuantityAllowed, seatRefusal } from "../sessions/session-admission";
import { sessionViewOf, snapshotOf } from "../sessions/sessions.service";
import { promoteWaitlist } from "../waitlist/waitlist.service";
import { holdStateAt, presentHold } from "./holds.presenter";
import {
  findHoldById,
  type HoldRow,
  holdExists,
  insertHoldIfSeatsLeft,
  releaseActiveHold,
} from "./holds.repository";
import type { CreateHoldBody } from "./holds.schemas";

/** Resource type of a hold's Idempotency-Key row (§7). */
const HOLD = "hold";

export interface CreateHoldInput extends CreateRequest<CreateHoldBody> {
  experienceId: string;
  /** Public holds store the hash of their hold token. */
  holdTokenHash?: string | null;
}

async function requireHold(db: Database, organizationId: string, holdId: string) {
  const row = await findHoldById(db, organizationId, holdId);
  if (!row) throw new NotFoundError("Hold not found");
  return row;
}

/**
 * §14: one read batch (the key's row, the experience, the session's sources), the §9 checks in
 * their order, then one write batch takes the seats with the booking's guard (capacity −
 * confirmed − unexpired active holds ≥ quantity): the snapshot (if new), the guarded hold
 * (returned as written), the Idempotency-Key row only if it was inserted, and the session's
 * seats after it, which a 409 session_full reports.
 */
export async function createHold(db: Database, input: CreateHoldInput) {
  const { organizationId, now } = input;
  const { quantity, ttl_seconds, session_id } = input.body;
  const reads = seatRequestReads(db, organizationId, input.experienceId, session_id, now);
  const { originalId, rows } = await readWithOriginal(db, input, HOLD, reads);
  if (originalId) return getHold(db, organizationId, originalId, now);
  const [[found], [recurrence], [stored]] = rows;
  const experience = requireBookableExperience(found);
  assertQuantityAllowed(experience, quantity);
  const view = sessionViewOf(experience, session_id, recurrence, stored);
  const session = admitSession(experience, view, now);
  const hold = {
    id: newId("hld"),
    organizationId,
    experienceId: experience.id,
    sessionId: session.sessionId,
    quantity,
    expiresAt: now + ttl_seconds * 1000,
    holdTokenHash: input.holdTokenHash ?? null,
    now,
  };
  const batch = new WriteBatch(db);
  batch.add(materializeSessionStatement(db, snapshotOf(session, experience, now), quantity));
  const inserted = batch.trackRows(insertHoldIfSeatsLeft(db, hold));
  recordIdempotencyKey(
    batch,
    input,
    { resourceType: HOLD, resourceId: hold.id },
    holdExists(hold.id),
  );
  const after = batch.trackRows(sessionSeatsQuery(db, session.sessionId, now));
  const committed = await batch.commit();
  const [row] = committed.rows(inserted);
  if (!row) throw seatRefusal(experience, session, quantity, committed.rows(after)[0]);
  return presentHold(row, now);
}

export async function getHold(db: Database, organizationId: string, holdId: string, now: number) {
  return presentHold(await requireHold(db, organizationId, holdId), now);
}

/**
 * §14 release: the seats are free at once, and the session's waitlist is promoted into them.
 * Releasing a released or expired hold changes nothing and succeeds (its seats are free
 * already); a converted hold's seats belong to its booking: 409 hold_not_active.
 */
export async function releaseHold(db: Database, hold: HoldRow, now: number): Promise<void> {
  const state = holdStateAt(hold, now);
  if (state === "converted") throw new HoldNotActiveError("converted");
  if (state !== "active") return;
  if (!(await releaseActiveHold(db, hold.id, now))) {
    // Lost a race: converted (409), or released or expired meanwhile (nothing to do).
    const current = await requireHold(db, hold.organizationId, hold.id);
    if (current.status === "converted") throw new HoldNotActiveError("converted");
    return;
  }
  await promoteWaitlist(db, hold.sessionId, now);
}

export async function releaseHoldById(
  db: Database,
  organizationId: string,
  holdId: string,
  now: number,
) {
  await releaseHold(db, await requireHold(db, organizationId, holdId), now);
}
