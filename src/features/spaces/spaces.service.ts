import type { Database } from "../../db/client";
import { NotFoundError } from "../../errors";
import { type PageRequest, pageOffset, paginationOf } from "../../http/pagination";
import { newId } from "../../lib/ids";
import { toIso } from "../../lib/time";
import {
  findSpaceById,
  insertMember,
  insertSpace,
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

export async function createSpace(db: Database, organizationId: string, name: string, now: number) {
  const row: SpaceRow = { organizationId, id: newId("spc"), name, createdAt: now };
  await insertSpace(db, row);
  return presentSpace(row);
}

/** 404 for unknown IDs and for spaces of other organizations alike (§2: never 403). */
export async function requireSpace(db: Database, organizationId: string, spaceId: string) {
  const space = await findSpaceById(db, organizationId, spaceId);
  if (!space) throw new NotFoundError("Space not found");
  return space;
}

export async function createMember(
  db: Database,
  organizationId: string,
  spaceId: string,
  input: CreateMemberBody,
  now: number,
) {
  await requireSpace(db, organizationId, spaceId);
  const row: MemberRow = {
    id: newId("sm"),
    organizationId,
    spaceId,
    name: input.name,
    email: input.email ?? null,
    createdAt: now,
  };
  await insertMember(db, row);
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
