import type { Database } from "../../db/client";
import { WriteBatch } from "../../db/write-batch";
import { NotFoundError, orNotFound } from "../../errors";
import {
  type CreateRequest,
  findOriginalResourceId,
  recordIdempotencyKey,
} from "../../idempotency/idempotent-write";
import { newId } from "../../lib/ids";
import { type PageRequest, paginationOf } from "../../lib/pagination";
import { presentMember, presentSpace } from "./spaces.presenter";
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
import type { CreateMemberBody, CreateSpaceBody } from "./spaces.schemas";

export async function listSpaces(db: Database, organizationId: string) {
  return (await listSpacesByOrganization(db, organizationId)).map(presentSpace);
}

/** 404 for unknown IDs and for spaces of other organizations alike (§2: never 403). */
export async function requireSpace(db: Database, organizationId: string, spaceId: string) {
  return orNotFound(await findSpaceById(db, organizationId, spaceId), "Space");
}

export type CreateSpaceInput = CreateRequest<CreateSpaceBody>;

/**
 * Creates a space (201). Under an Idempotency-Key whose earlier execution already wrote its
 * rows (the Worker died before the replay record was stored), returns that space instead.
 */
export async function createSpace(db: Database, input: CreateSpaceInput) {
  const { organizationId, now } = input;
  const originalId = await findOriginalResourceId(db, input, "space");
  if (originalId) return presentSpace(await requireSpace(db, organizationId, originalId));

  const row: SpaceRow = { organizationId, id: newId("spc"), name: input.body.name, createdAt: now };
  const batch = new WriteBatch(db).add(insertSpaceStatement(db, row));
  recordIdempotencyKey(batch, input, { resourceType: "space", resourceId: row.id });
  await batch.commit();
  return presentSpace(row);
}

export interface CreateMemberInput extends CreateRequest<CreateMemberBody> {
  spaceId: string;
}

/** Adds a member (201); crash-safe under an Idempotency-Key like createSpace. */
export async function createMember(db: Database, input: CreateMemberInput) {
  const { organizationId, spaceId, now } = input;
  const originalId = await findOriginalResourceId(db, input, "member");
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
    name: input.body.name,
    email: input.body.email ?? null,
    createdAt: now,
  };
  const batch = new WriteBatch(db).add(insertMemberStatement(db, row));
  recordIdempotencyKey(batch, input, { resourceType: "member", resourceId: row.id });
  await batch.commit();
  return presentMember(row);
}

export async function listMembers(
  db: Database,
  organizationId: string,
  spaceId: string,
  page: PageRequest,
) {
  await requireSpace(db, organizationId, spaceId);
  const { rows, total } = await listMembersBySpace(db, organizationId, spaceId, page);
  return { data: rows.map(presentMember), pagination: paginationOf(total, page) };
}
