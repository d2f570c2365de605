import type { Database } from "../db/client";
import { NotFoundError } from "../errors";
import {
  findHoldByIdAnyOrganization,
  replaceHoldTokenHash,
} from "../features/holds/holds.repository";
import type { CreateHoldBody } from "../features/holds/holds.schemas";
import { createHold, releaseHold } from "../features/holds/holds.service";
import type { WriteRequest } from "../idempotency/idempotent-write";
import { toIso } from "../lib/time";
import { cancelTokenMatches, issueCancelToken } from "./cancel-token";
import { findExperienceWithTimezone } from "./public.repository";

export interface PublicHoldInput extends WriteRequest {
  experienceId: string;
  body: CreateHoldBody;
}

/** §14 through createHold, with the organization taken from the experience and a hold token. */
export async function createPublicHold(db: Database, input: PublicHoldInput) {
  const found = await findExperienceWithTimezone(db, input.experienceId);
  if (!found) throw new NotFoundError("Experience not found");
  const organizationId = found.experience.organizationId;
  // The same 43-character secret as a cancel token, stored only as its SHA-256.
  const token = await issueCancelToken();
  const hold = await createHold(db, {
    organizationId,
    experienceId: input.experienceId,
    body: input.body,
    idempotency: input.idempotency,
    now: input.now,
    holdTokenHash: token.hash,
  });
  // A hold created by an earlier execution under the same Idempotency-Key (§7 crash safety)
  // carries that execution's token, which never reached the caller: issue this one instead.
  if (hold.created_at !== toIso(input.now)) await replaceHoldTokenHash(db, hold.id, token.hash);
  return { hold: { ...hold, hold_token: token.token }, organizationId };
}

/**
 * The hold a public caller names, if the token matches; a missing hold, a wrong token, a hold
 * made through /v1 (no token) or of another experience is the same 404.
 */
export async function requirePublicHold(
  db: Database,
  holdId: string,
  holdToken: string | undefined,
  experienceId?: string,
) {
  const hold = await findHoldByIdAnyOrganization(db, holdId);
  const matches = await cancelTokenMatches(holdToken, hold?.holdTokenHash);
  if (!hold || !matches || (experienceId && hold.experienceId !== experienceId)) {
    throw new NotFoundError("Hold not found");
  }
  return hold;
}

export async function releasePublicHold(
  db: Database,
  holdId: string,
  holdToken: string,
  now: number,
) {
  const hold = await requirePublicHold(db, holdId, holdToken);
  await releaseHold(db, hold, now);
  return { organizationId: hold.organizationId };
}
