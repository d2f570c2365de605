import type { Database } from "../../db/client";
import { HoldNotActiveError, NotFoundError } from "../../errors";
import { findOriginalResourceId, type IdempotencyScope } from "../../idempotency/d1-record";
import { newId } from "../../lib/ids";
import { findExperienceById } from "../experiences/experiences.repository";
import {
  admitSession,
  assertExperienceTakesBookings,
  assertQuantityAllowed,
  sessionFullError,
} from "../sessions/session-admission";
import { snapshotOf } from "../sessions/session-catalog";
import { promoteWaitlist } from "../waitlist/waitlist.service";
import { holdStateAt, presentHold } from "./hold-presenter";
import {
  findHoldById,
  HOLD_CREATED,
  type HoldRow,
  insertHoldIfSeatsLeft,
  releaseActiveHold,
} from "./holds.repository";
import type { CreateHoldBody } from "./holds.schemas";

export interface CreateHoldInput {
  organizationId: string;
  experienceId: string;
  body: CreateHoldBody;
  idempotency: IdempotencyScope | undefined;
  now: number;
  /** Public holds store the hash of their hold token. */
  holdTokenHash?: string | null;
}

async function requireHold(db: Database, organizationId: string, holdId: string) {
  const row = await findHoldById(db, organizationId, holdId);
  if (!row) throw new NotFoundError("Hold not found");
  return row;
}

/**
 * §14: the §9 checks in their order, then the seats are taken with the booking's atomic guard
 * (capacity − confirmed − unexpired active holds ≥ quantity), else 409 session_full.
 */
export async function createHold(db: Database, input: CreateHoldInput) {
  const originalId = await findOriginalResourceId(
    db,
    input.idempotency,
    HOLD_CREATED.resourceType,
    input.now,
  );
  if (originalId) {
    const original = await requireHold(db, input.organizationId, originalId);
    return { hold: presentHold(original, input.now), status: HOLD_CREATED.statusCode };
  }
  const experience = await findExperienceById(db, input.organizationId, input.experienceId);
  if (!experience) throw new NotFoundError("Experience not found");
  assertExperienceTakesBookings(experience);
  const { quantity, ttl_seconds } = input.body;
  assertQuantityAllowed(experience, quantity);
  const session = await admitSession(db, experience, input.body.session_id, input.now);
  const holdId = newId("hld");
  const created = await insertHoldIfSeatsLeft(
    db,
    snapshotOf(session, experience, input.now),
    {
      id: holdId,
      organizationId: input.organizationId,
      experienceId: experience.id,
      quantity,
      expiresAt: input.now + ttl_seconds * 1000,
      holdTokenHash: input.holdTokenHash ?? null,
      now: input.now,
    },
    input.idempotency,
  );
  if (!created) throw await sessionFullError(db, experience, session, quantity, input.now);
  const hold = await requireHold(db, input.organizationId, holdId);
  return { hold: presentHold(hold, input.now), status: HOLD_CREATED.statusCode };
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
