import type { Database } from "../../db/client";
import { ValidationError } from "../../errors";
import { GENERAL_SPACE_ID } from "../../lib/ids";
import { findMembersByIds } from "./spaces.repository";

/** One provider ID to check, with the field path an error should name. */
export interface ProviderReference {
  memberId: string;
  field: string;
}

/**
 * §4 provider rule: a provider must be a member of the experience's own space or of GENERAL,
 * in the caller's organization. Anything else (unknown, foreign, another space) is a 400 on the
 * field that names it. One query (per 99 IDs) checks every reference.
 */
export async function assertProvidersAllowed(
  db: Database,
  organizationId: string,
  spaceId: string,
  references: ProviderReference[],
): Promise<void> {
  if (references.length === 0) return;
  const ids = [...new Set(references.map((r) => r.memberId))];
  const found = new Map(
    (await findMembersByIds(db, organizationId, ids)).map((m) => [m.id, m.spaceId]),
  );
  const fieldErrors: Record<string, string[]> = {};
  for (const { memberId, field } of references) {
    const memberSpace = found.get(memberId);
    if (memberSpace === GENERAL_SPACE_ID || memberSpace === spaceId) continue;
    const reason =
      memberSpace === undefined
        ? `Unknown member: ${memberId}`
        : `Member ${memberId} belongs to another space; use a member of ${allowedSpaces(spaceId)}`;
    fieldErrors[field] = [reason];
  }
  const error = ValidationError.fromFieldErrors(fieldErrors);
  if (error) throw error;
}

function allowedSpaces(spaceId: string): string {
  return spaceId === GENERAL_SPACE_ID ? GENERAL_SPACE_ID : `${spaceId} or ${GENERAL_SPACE_ID}`;
}
