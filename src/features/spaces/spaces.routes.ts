import { createRoute } from "@hono/zod-openapi";
import {
  createRouter,
  dataOf,
  errorResponses,
  IdempotencyKeyHeaderSchema,
  jsonBodyOf,
  jsonContent,
  listOf,
  pageOf,
  V1_READ_ERRORS,
  V1_WRITE_ERRORS,
} from "../../http/openapi";
import { authOf, requireScope } from "../../http/scopes";
import {
  CreateMemberBodySchema,
  CreateSpaceBodySchema,
  ListMembersQuerySchema,
  MemberSchema,
  SpaceParamsSchema,
  SpaceSchema,
} from "./spaces.schemas";
import { createMember, createSpace, listMembers, listSpaces } from "./spaces.service";

const tags = ["Spaces"];

export const spacesRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/spaces",
      tags,
      summary: "List spaces (GENERAL first)",
      description:
        "The organization's spaces: the organization-wide `GENERAL` space first, then the others in creation order. Not paginated.",
      middleware: [requireScope("spaces", "read")] as const,
      responses: {
        200: jsonContent(listOf(SpaceSchema), "The organization's spaces"),
        ...errorResponses(...V1_READ_ERRORS),
      },
    }),
    async (c) => {
      const spaces = await listSpaces(c.get("db"), authOf(c).organizationId);
      return c.json({ data: spaces }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/spaces",
      tags,
      summary: "Create a space",
      description:
        "A new space of the organization (`name` 1–120 characters after trimming). Its members can provide the experiences of this space.",
      middleware: [requireScope("spaces", "write")] as const,
      request: { headers: IdempotencyKeyHeaderSchema, ...jsonBodyOf(CreateSpaceBodySchema) },
      responses: {
        201: jsonContent(dataOf(SpaceSchema), "The space"),
        ...errorResponses(...V1_WRITE_ERRORS),
      },
    }),
    async (c) => {
      const { name } = c.req.valid("json");
      const { organizationId } = authOf(c);
      const space = await createSpace(
        c.get("db"),
        organizationId,
        name,
        Date.now(),
        c.get("idempotency"),
      );
      return c.json({ data: space }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/spaces/{space_id}/members",
      tags,
      summary: "List a space's members",
      description:
        "Members of the space, oldest first, paginated (`page`, `page_size`). An unknown or foreign space is 404.",
      middleware: [requireScope("spaces", "read")] as const,
      request: { params: SpaceParamsSchema, query: ListMembersQuerySchema },
      responses: {
        200: jsonContent(pageOf(MemberSchema), "Members, oldest first"),
        ...errorResponses(...V1_READ_ERRORS),
      },
    }),
    async (c) => {
      const { space_id } = c.req.valid("param");
      const page = c.req.valid("query");
      const result = await listMembers(c.get("db"), authOf(c).organizationId, space_id, page);
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/spaces/{space_id}/members",
      tags,
      summary: "Add a member to a space",
      description:
        "A member (provider) of the space: `name` 1–120 characters, optional `email` (null or absent means none). Members of `GENERAL` can provide experiences of any space.",
      middleware: [requireScope("spaces", "write")] as const,
      request: {
        params: SpaceParamsSchema,
        headers: IdempotencyKeyHeaderSchema,
        ...jsonBodyOf(CreateMemberBodySchema),
      },
      responses: {
        201: jsonContent(dataOf(MemberSchema), "The member"),
        ...errorResponses(...V1_WRITE_ERRORS),
      },
    }),
    async (c) => {
      const { space_id } = c.req.valid("param");
      const { organizationId } = authOf(c);
      const member = await createMember(
        c.get("db"),
        organizationId,
        space_id,
        c.req.valid("json"),
        Date.now(),
        c.get("idempotency"),
      );
      return c.json({ data: member }, 201);
    },
  );
