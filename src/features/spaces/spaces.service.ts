import type { Database } from "../../db/client";
import { NotFoundError } from "../../errors";
import { type PageRequest, pageOffset, paginationOf } from "../../http/pagination";
import {
  batchWithIdempotentOutcome,
  findOriginalResourceId,
  type IdempotencyScope,
} from "../../idempotency/d1-record";
import { newId } from "../../lib/ids";
import { toIso } from "../../lib/time";
import {
  findMemberById,
  findSpaceById,
  insertMemberStatement,
  insertSpaceStatement,
  listMembersBySpace,
  listSpacesByOrganization,
  type MemberRow,
  type SpaceRow,
} from "./spaces.repository";
import type { CreateMemberBody } from "./spaces.schemas";

function presentSpace(space: SpaceRow) {
  return { id: space.id, name: space.name, created_at: toIso(space.createdAt) };
}

function presentMember(member: MemberRow) {
  return {
    id: member.id,
    space_id: member.spaceId,
    name: member.name,
    email: member.email,
    created_at: toIso(member.createdAt),
  };
}

export async function listSpaces(db: Database, organizationId: string) {
  return (await listSpacesByOrganization(db, organizationId)).map(presentSpace);
}

/**
 * Creates a space (201). Under an Idempotency-Key whose earlier execution already wrote its
 * rows (the Worker died before the replay record was stored), returns that space instead.
 */
export async function createSpace(
  db: Database,
  organizationId: string,
  name: string,
  now: number,
  idempotency?: IdempotencyScope,
) {
  const originalId = await findOriginalResourceId(db, idempotency, "space", now);
  if (originalId) return presentSpace(await requireSpace(db, organizationId, originalId));

  const row: SpaceRow = { organizationId, id: newId("spc"), name, createdAt: now };
  await batchWithIdempotentOutcome(
    db,
    [insertSpaceStatement(db, row)],
    idempotency,
    { resourceType: "space", resourceId: row.id, statusCode: 201 },
    now,
  );
  return presentSpace(row);
}

/** 404 for unknown IDs and for spaces of other organizations alike (§2: never 403). */
export async function requireSpace(db: Database, organizationId: string, spaceId: string) {
  const space = await findSpaceById(db, organizationId, spaceId);
  if (!space) throw new NotFoundError("Space not found");
  return space;
}

/** Adds a member (201); crash-safe under an Idempotency-Key like createSpace. */
export async function createMember(
  db: Database,
  organizationId: string,
  spaceId: string,
  input: CreateMemberBody,
  now: number,
  idempotency?: IdempotencyScope,
) {
  const originalId = await findOriginalResourceId(db, idempotency, "member", now);
  if (originalId) {
    const original = await findMemberById(db, organizationId, originalId);
    if (!original) throw new NotFoundError("Member not found");
    return presentMember(original);
  }

  await requireSpace(db, organizationId, spaceId);
  const row: MemberRow = {
    id: newId("sm"),
    organizationId,
    spaceId,
    name: input.name,
    email: input.email ?? null,
    createdAt: now,
  };
  await batchWithIdempotentOutcome(
    db,
    [insertMemberStatement(db, row)],
    idempotency,
    { resourceType: "member", resourceId: row.id, statusCode: 201 },
    now,
  );
  return presentMember(row);
}

export async function listMembers(
  db: Database,
  organizationId: string,
  spaceId: string,
  page: PageRequest,
) {
  await requireSpace(db, organizationId, spaceId);
  const { rows, total } = await listMembersBySpace(
    db,
    organizationId,
    spaceId,
    page.page_size,
    pageOffset(page),
  );
  return { data: rows.map(presentMember), pagination: paginationOf(total, page) };
}
