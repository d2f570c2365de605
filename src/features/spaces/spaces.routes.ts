import { dataResponse, listResponse, pageResponse } from "../../http/openapi";
import { idempotentJsonBody } from "../../http/route";
import { route, v1Router } from "../../http/route-table";
import {
  CreateMemberBodySchema,
  CreateSpaceBodySchema,
  ListMembersQuerySchema,
  MemberSchema,
  SpaceParamsSchema,
  SpaceSchema,
} from "./spaces.schemas";
import { createMember, createSpace, listMembers, listSpaces } from "./spaces.service";

export const spacesRoutes = v1Router("Spaces", "spaces", [
  route.get(
    "/spaces",
    {
      summary: "List spaces (GENERAL first)",
      description:
        "The organization's spaces: the organization-wide `GENERAL` space first, then the others in creation order. Not paginated.",
      responses: listResponse(200, SpaceSchema, "The organization's spaces"),
    },
    (r) => listSpaces(r.db, r.orgId),
  ),
  route.post(
    "/spaces",
    {
      summary: "Create a space",
      description:
        "A new space of the organization (`name` 1–120 characters after trimming). Its members can provide the experiences of this space.",
      request: idempotentJsonBody(CreateSpaceBodySchema),
      responses: dataResponse(201, SpaceSchema, "The space"),
    },
    (r) => createSpace(r.db, { ...r.v1Write, body: r.json }),
  ),
  route.get(
    "/spaces/{space_id}/members",
    {
      summary: "List a space's members",
      description:
        "Members of the space, oldest first, paginated (`page`, `page_size`). An unknown or foreign space is 404.",
      params: SpaceParamsSchema,
      query: ListMembersQuerySchema,
      responses: pageResponse(MemberSchema, "Members, oldest first"),
    },
    (r) => listMembers(r.db, r.orgId, r.param.space_id, r.query),
  ),
  route.post(
    "/spaces/{space_id}/members",
    {
      summary: "Add a member to a space",
      description:
        "A member (provider) of the space: `name` 1–120 characters, optional `email` (null or absent means none). Members of `GENERAL` can provide experiences of any space.",
      params: SpaceParamsSchema,
      request: idempotentJsonBody(CreateMemberBodySchema),
      responses: dataResponse(201, MemberSchema, "The member"),
    },
    (r) => createMember(r.db, { ...r.v1Write, spaceId: r.param.space_id, body: r.json }),
  ),
]);
