import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import {
  createRouter,
  dataOf,
  jsonBodyOf,
  jsonResponse,
  listOf,
  noContent,
} from "../../http/openapi";
import { unscopedRoutes } from "../../http/route";
import {
  ApiKeySchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
  CreateOrganizationBodySchema,
  OrganizationSchema,
  OrgKeyParamsSchema,
  OrgParamsSchema,
} from "./admin.schemas";
import { createApiKey, createOrganization, deleteApiKey, listApiKeys } from "./admin.service";

const security = [{ AdminToken: [] }];

/** The organization an operator request acts for, named in its log line as well. */
function actingFor(c: Context<AppEnv>, organizationId: string) {
  c.set("organizationId", organizationId);
  return organizationId;
}
const publicRoute = unscopedRoutes("Operator", security);

export const adminRoutes = createRouter()
  .openapi(
    publicRoute.post("/organizations", {
      summary: "Create an organization (with its GENERAL space)",
      errors: [400, 401, 413, 415],
      description:
        "Operator API (Bearer ADMIN_TOKEN). Creates an organization with `name` and an IANA `timezone` (default UTC); its `GENERAL` space exists from then on.",
      request: jsonBodyOf(CreateOrganizationBodySchema),
      responses: jsonResponse(201, dataOf(OrganizationSchema), "The organization"),
    }),
    async (c) => {
      const org = await createOrganization(c.get("db"), {
        body: c.req.valid("json"),
        now: Date.now(),
      });
      c.set("organizationId", org.id);
      return c.json({ data: org }, 201);
    },
  )
  .openapi(
    publicRoute.post("/organizations/{org_id}/api-keys", {
      summary: "Create an API key (the secret is shown once)",
      errors: [400, 401, 404, 413, 415],
      description:
        "Operator API. A key with scopes per resource (`none`, `read`, `write`; omitted resources are `none`). The `key` secret appears in this response only; only its SHA-256 is stored.",
      params: OrgParamsSchema,
      request: jsonBodyOf(CreateApiKeyBodySchema),
      responses: jsonResponse(201, dataOf(CreatedApiKeySchema), "The key, with its secret"),
    }),
    async (c) => {
      const organizationId = actingFor(c, c.req.valid("param").org_id);
      const input = { organizationId, body: c.req.valid("json"), now: Date.now() };
      return c.json({ data: await createApiKey(c.get("db"), input) }, 201);
    },
  )
  .openapi(
    publicRoute.get("/organizations/{org_id}/api-keys", {
      summary: "List API keys (without secrets)",
      errors: [401, 404],
      description:
        "Operator API. The organization's keys, newest first, with prefix and scopes but never the secret.",
      params: OrgParamsSchema,
      responses: jsonResponse(200, listOf(ApiKeySchema), "The organization's keys, newest first"),
    }),
    async (c) => {
      const organizationId = actingFor(c, c.req.valid("param").org_id);
      return c.json({ data: await listApiKeys(c.get("db"), organizationId) }, 200);
    },
  )
  .openapi(
    publicRoute.delete("/organizations/{org_id}/api-keys/{key_id}", {
      summary: "Revoke an API key; it stops working at once",
      errors: [401, 404],
      description:
        "Operator API. Revokes the key: the next request with it answers 401 `invalid_api_key`. 204 with an empty body.",
      params: OrgKeyParamsSchema,
      responses: noContent("Revoked"),
    }),
    async (c) => {
      const { org_id, key_id } = c.req.valid("param");
      const organizationId = actingFor(c, org_id);
      await deleteApiKey(c.get("db"), { organizationId, keyId: key_id, now: Date.now() });
      return c.body(null, 204);
    },
  );
