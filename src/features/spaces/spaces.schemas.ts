import { z } from "@hono/zod-openapi";
import {
  IsoInstantSchema,
  idSchema,
  nameSchema,
  OptionalEmailSchema,
  pathParam,
} from "../../http/common-schemas";
import { PaginationQuerySchema } from "../../http/pagination";

export const SpaceSchema = z
  .object({
    id: idSchema("spc_7LpWzR4aN3kTMd9fQ2bY"),
    name: z.string().openapi({ example: "Downtown studio" }),
    created_at: IsoInstantSchema,
  })
  .openapi("Space");

export const CreateSpaceBodySchema = z
  .object({ name: nameSchema() })
  .strict()
  .openapi("CreateSpaceBody", { example: { name: "Downtown studio" } });

export const MemberSchema = z
  .object({
    id: idSchema("sm_R4aN3kTMd9fQ2bY7LpWz"),
    space_id: z.string().openapi({ example: "GENERAL" }),
    name: z.string().openapi({ example: "Ada Lovelace" }),
    email: z.string().nullable().openapi({ example: "ada@example.com" }),
    created_at: IsoInstantSchema,
  })
  .openapi("Member");

export const CreateMemberBodySchema = z
  .object({
    name: nameSchema(),
    email: OptionalEmailSchema,
  })
  .strict()
  .openapi("CreateMemberBody", { example: { name: "Ada Lovelace", email: "ada@example.com" } });

export const SpaceParamsSchema = z.object({
  space_id: pathParam("space_id", "GENERAL"),
});

export const ListMembersQuerySchema = PaginationQuerySchema;

export type CreateMemberBody = z.infer<typeof CreateMemberBodySchema>;
export type CreateSpaceBody = z.infer<typeof CreateSpaceBodySchema>;
