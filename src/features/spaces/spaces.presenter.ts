import { toIso } from "../../lib/time";
import type { MemberRow, SpaceRow } from "./spaces.repository";

export function presentSpace(space: SpaceRow) {
  return { id: space.id, name: space.name, created_at: toIso(space.createdAt) };
}

export function presentMember(member: MemberRow) {
  return {
    id: member.id,
    space_id: member.spaceId,
    name: member.name,
    email: member.email,
    created_at: toIso(member.createdAt),
  };
}
