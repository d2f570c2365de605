import { z } from "@hono/zod-openapi";
import { IsoInstantSchema, idSchema, nameSchema, TimeZoneSchema } from "../../http/common-schemas";

export const ScopeLevelSchema = z.enum(["none", "read", "write"]);

export const ScopeMapSchema = z
  .object({
    experiences: ScopeLevelSchema.optional(),
    bookings: ScopeLevelSchema.optional(),
    spaces: ScopeLevelSchema.optional(),
    webhooks: ScopeLevelSchema.optional(),
  })
  .strict()
  .openapi("ScopeMap", {
    example: { experiences: "write", bookings: "write", spaces: "read", webhooks: "write" },
    description: "Resource → level. Omitted resources are `none`; `write` implies `read`.",
  });

export const CreateOrganizationBodySchema = z
  .object({
    name: nameSchema(),
    timezone: TimeZoneSchema.optional().default("UTC"),
  })
  .strict()
  .openapi("CreateOrganizationBody", {
    example: { name: "Demo Studio", timezone: "Europe/Berlin" },
  });

export const OrganizationSchema = z
  .object({
    id: idSchema("org_3kTMd9xQ2bY7LpWzR4aN"),
    name: z.string(),
    timezone: z.string(),
    created_at: IsoInstantSchema,
  })
  .openapi("Organization");

export const CreateApiKeyBodySchema = z
  .object({ name: nameSchema(), scopes: ScopeMapSchema })
  .strict()
  .openapi("CreateApiKeyBody", {
    example: { name: "Front desk", scopes: { experiences: "read", bookings: "write" } },
  });

export const ApiKeySchema = z
  .object({
    id: idSchema("key_9fQ2bY7LpWzR4aN3kTMd"),
    name: z.string(),
    prefix: z.string().openapi({
      example: "bk_live_Ab12",
      description: "First characters of the key, for display",
    }),
    scopes: z.object({
      experiences: ScopeLevelSchema,
      bookings: ScopeLevelSchema,
      spaces: ScopeLevelSchema,
      webhooks: ScopeLevelSchema,
    }),
    created_at: IsoInstantSchema,
    revoked_at: IsoInstantSchema.nullable(),
  })
  .openapi("ApiKey");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The secret; shown in this response only" }),
}).openapi("CreatedApiKey");

export const OrgParamsSchema = z.object({
  org_id: z.string().openapi({ param: { name: "org_id", in: "path" } }),
});
export const OrgKeyParamsSchema = OrgParamsSchema.extend({
  key_id: z.string().openapi({ param: { name: "key_id", in: "path" } }),
});

export type CreateOrganizationBody = z.infer<typeof CreateOrganizationBodySchema>;
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBodySchema>;
