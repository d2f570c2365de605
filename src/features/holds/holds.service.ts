import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { HoldNotActiveError, NotFoundError } from "../../errors";
import {
  findOriginalResourceId,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { newId } from "../../lib/ids";
import { findExperienceById } from "../experiences/experiences.repository";
import { materializeSessionStatement } from "../sessions/seat-guard";
import {
  admitSession,
  assertExperienceTakesBookings,
  assertQuantityAllowed,
  seatRefusal,
} from "../sessions/session-admission";
import { snapshotOf } from "../sessions/sessions.service";
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

export interface CreateHoldInput extends WriteRequest {
  organizationId: string;
  experienceId: string;
  body: CreateHoldBody;
  /** Public holds store the hash of their hold token. */
  holdTokenHash?: string | null;
}

async function requireHold(db: Database, organizationId: string, holdId: string) {
  const row = await findHoldById(db, organizationId, holdId);
  if (!row) throw new NotFoundError("Hold not found");
  return row;
}

/**
 * §14: the §9 checks in their order, then one batch takes the seats with the booking's guard
 * (capacity − confirmed − unexpired active holds ≥ quantity), else 409 session_full: the
 * snapshot (if new), the guarded hold, the Idempotency-Key row only if the hold was inserted.
 */
export async function createHold(db: Database, input: CreateHoldInput) {
  const originalId = await findOriginalResourceId(db, input, HOLD);
  if (originalId) return getHold(db, input.organizationId, originalId, input.now);
  const experience = await findExperienceById(db, input.organizationId, input.experienceId);
  if (!experience) throw new NotFoundError("Experience not found");
  assertExperienceTakesBookings(experience);
  const { quantity, ttl_seconds } = input.body;
  assertQuantityAllowed(experience, quantity);
  const session = await admitSession(db, experience, input.body.session_id, input.now);
  const holdId = newId("hld");

  const batch = new WriteBatch(db);
  batch.add(materializeSessionStatement(db, snapshotOf(session, experience, input.now), quantity));
  const inserted = batch.track(
    insertHoldIfSeatsLeft(db, {
      id: holdId,
      organizationId: input.organizationId,
      experienceId: experience.id,
      sessionId: session.sessionId,
      quantity,
      expiresAt: input.now + ttl_seconds * 1000,
      holdTokenHash: input.holdTokenHash ?? null,
      now: input.now,
    }),
  );
  recordIdempotencyKey(
    batch,
    input,
    { resourceType: HOLD, resourceId: holdId },
    holdExists(holdId),
  );
  const committed = await batch.commit();
  if (committed.rowsChanged(inserted) === 0) {
    throw await seatRefusal(db, experience, session, quantity, input.now);
  }
  return getHold(db, input.organizationId, holdId, input.now);
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
