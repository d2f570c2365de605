import { createRouter, dataOf, jsonResponse, listOf, pageOf } from "../../http/openapi";
import { idempotentJsonBody, v1Routes, v1WriteRequestOf } from "../../http/route";
import { authOf } from "../../http/scopes";
import {
  CreateMemberBodySchema,
  CreateSpaceBodySchema,
  ListMembersQuerySchema,
  MemberSchema,
  SpaceParamsSchema,
  SpaceSchema,
} from "./spaces.schemas";
import { createMember, createSpace, listMembers, listSpaces } from "./spaces.service";

const route = v1Routes("Spaces", "spaces");

export const spacesRoutes = createRouter()
  .openapi(
    route.get("/spaces", {
      summary: "List spaces (GENERAL first)",
      description:
        "The organization's spaces: the organization-wide `GENERAL` space first, then the others in creation order. Not paginated.",
      responses: jsonResponse(200, listOf(SpaceSchema), "The organization's spaces"),
    }),
    async (c) => {
      const spaces = await listSpaces(c.get("db"), authOf(c).organizationId);
      return c.json({ data: spaces }, 200);
    },
  )
  .openapi(
    route.post("/spaces", {
      summary: "Create a space",
      description:
        "A new space of the organization (`name` 1–120 characters after trimming). Its members can provide the experiences of this space.",
      request: idempotentJsonBody(CreateSpaceBodySchema),
      responses: jsonResponse(201, dataOf(SpaceSchema), "The space"),
    }),
    async (c) => {
      const space = await createSpace(c.get("db"), {
        ...v1WriteRequestOf(c),
        body: c.req.valid("json"),
      });
      return c.json({ data: space }, 201);
    },
  )
  .openapi(
    route.get("/spaces/{space_id}/members", {
      summary: "List a space's members",
      description:
        "Members of the space, oldest first, paginated (`page`, `page_size`). An unknown or foreign space is 404.",
      params: SpaceParamsSchema,
      query: ListMembersQuerySchema,
      responses: jsonResponse(200, pageOf(MemberSchema), "Members, oldest first"),
    }),
    async (c) => {
      const { space_id } = c.req.valid("param");
      const page = c.req.valid("query");
      const result = await listMembers(c.get("db"), authOf(c).organizationId, space_id, page);
      return c.json(result, 200);
    },
  )
  .openapi(
    route.post("/spaces/{space_id}/members", {
      summary: "Add a member to a space",
      description:
        "A member (provider) of the space: `name` 1–120 characters, optional `email` (null or absent means none). Members of `GENERAL` can provide experiences of any space.",
      params: SpaceParamsSchema,
      request: idempotentJsonBody(CreateMemberBodySchema),
      responses: jsonResponse(201, dataOf(MemberSchema), "The member"),
    }),
    async (c) => {
      const member = await createMember(c.get("db"), {
        ...v1WriteRequestOf(c),
        spaceId: c.req.valid("param").space_id,
        body: c.req.valid("json"),
      });
      return c.json({ data: member }, 201);
    },
  );
