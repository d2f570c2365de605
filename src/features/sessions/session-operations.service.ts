import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import {
  NotFoundError,
  SessionAlreadyCancelledError,
  SessionNotCancelledError,
  SessionStartedError,
} from "../../errors";
import {
  findOriginalResourceId,
  recordIdempotencyKey,
  type WriteRequest,
} from "../../idempotency/idempotent-write";
import { findExperienceById } from "../experiences/experiences.repository";
import { presentSession } from "./session.presenter";
import {
  cancelSessionBookingsStatement,
  cancelSessionStatement,
  countBookingsCancelledWithSession,
  releaseSessionHoldsStatement,
  restoreSessionStatement,
  sessionCancelledAt,
  sessionOccupancy,
  sessionRestoredAt,
} from "./session-operations.repository";
import { resolveSession, type SessionView } from "./sessions.service";

/** Key-row resource types: a cancel's key must not replay as a restore. */
const SESSION_CANCELLATION = "session_cancellation";
const SESSION_RESTORE = "session_restore";

export interface SessionRequest {
  organizationId: string;
  experienceId: string;
  sessionId: string;
}

async function findSessionOrThrow(db: Database, input: SessionRequest) {
  const experience = await findExperienceById(db, input.organizationId, input.experienceId);
  if (!experience) throw new NotFoundError("Experience not found");
  const session = await resolveSession(db, input.organizationId, experience, input.sessionId);
  if (!session) throw new NotFoundError("Session not found");
  return { experience, session };
}

async function presentWithCount(db: Database, input: SessionRequest) {
  const { session } = await findSessionOrThrow(db, input);
  const cancelled = session.cancelledAt
    ? await countBookingsCancelledWithSession(db, session.sessionId, session.cancelledAt)
    : 0;
  return { ...presentSession(session, input.experienceId), bookings_cancelled: cancelled };
}

function snapshotOf(session: SessionView, input: SessionRequest, now: number) {
  return {
    id: session.sessionId,
    organizationId: input.organizationId,
    experienceId: input.experienceId,
    recurrenceId: session.recurrenceId,
    startAt: session.startMs,
    endAt: session.endMs,
    timezone: session.timezone,
    localStart: session.localStart,
    capacity: session.capacity,
    providerId: session.providerId,
    createdAt: now,
  };
}

export interface CancelSessionInput extends SessionRequest, WriteRequest {
  reason: string | null;
}

/**
 * §15 cancel in one batch: the session (materialized if need be), its confirmed and waitlisted
 * bookings (refund-eligible), its holds, and the key row — all guarded by this cancellation.
 * §12 hook: the outbox rows (`session.cancelled`, then `booking.cancelled` each) go here too.
 */
export async function cancelSession(db: Database, input: CancelSessionInput) {
  if (await findOriginalResourceId(db, input, SESSION_CANCELLATION)) {
    return presentWithCount(db, input);
  }
  const { session } = await findSessionOrThrow(db, input);
  if (session.status === "cancelled") throw new SessionAlreadyCancelledError();
  if (session.startMs <= input.now) {
    throw new SessionStartedError("The session has already begun and can no longer be cancelled");
  }
  const cancellation = { sessionId: session.sessionId, reason: input.reason, now: input.now };
  const batch = new WriteBatch(db);
  const changed = batch.track(
    cancelSessionStatement(db, snapshotOf(session, input, input.now), cancellation),
  );
  batch.add(cancelSessionBookingsStatement(db, cancellation));
  batch.add(releaseSessionHoldsStatement(db, cancellation));
  const outcome = { resourceType: SESSION_CANCELLATION, resourceId: session.sessionId };
  recordIdempotencyKey(batch, input, outcome, sessionCancelledAt(session.sessionId, input.now));
  const committed = await batch.commit();
  if (committed.rowsChanged(changed) === 0) throw new SessionAlreadyCancelledError();
  return presentWithCount(db, input);
}

export type RestoreSessionInput = SessionRequest & WriteRequest;

/** §15 restore: bookable again; its bookings stay cancelled. §12 hook: `session.restored`. */
export async function restoreSession(db: Database, input: RestoreSessionInput) {
  if (await findOriginalResourceId(db, input, SESSION_RESTORE)) {
    return presentWithCount(db, input);
  }
  const { session } = await findSessionOrThrow(db, input);
  if (session.status !== "cancelled") throw new SessionNotCancelledError();
  const batch = new WriteBatch(db);
  const changed = batch.track(restoreSessionStatement(db, session.sessionId, input.now));
  const outcome = { resourceType: SESSION_RESTORE, resourceId: session.sessionId };
  recordIdempotencyKey(batch, input, outcome, sessionRestoredAt(session.sessionId, input.now));
  const committed = await batch.commit();
  if (committed.rowsChanged(changed) === 0) throw new SessionNotCancelledError();
  return presentWithCount(db, input);
}

/** GET one session: the session object with its seats, holds, waitlist and booking ids. */
export async function getSession(db: Database, input: SessionRequest & { now: number }) {
  const { session } = await findSessionOrThrow(db, input);
  const occupancy = await sessionOccupancy(db, session.sessionId, input.now);
  return {
    ...presentSession(session, input.experienceId),
    seats_booked: occupancy.seatsBooked,
    seats_held: occupancy.seatsHeld,
    waitlist_size: occupancy.waitlistSize,
    bookings: occupancy.bookingIds,
  };
}
