import { dataResponse, jsonBodyOf, listResponse, noContent } from "../../http/openapi";
import { route, unscopedRouter } from "../../http/route-table";
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
function organizationOf(r: {
  param: { org_id: string };
  actingFor(result: { organizationId: string }): unknown;
}) {
  r.actingFor({ organizationId: r.param.org_id });
  return r.param.org_id;
}

export const adminRoutes = unscopedRouter("Operator", security, [
  route.post(
    "/organizations",
    {
      summary: "Create an organization (with its GENERAL space)",
      errors: [400, 401, 413, 415],
      description:
        "Operator API (Bearer ADMIN_TOKEN). Creates an organization with `name` and an IANA `timezone` (default UTC); its `GENERAL` space exists from then on.",
      request: jsonBodyOf(CreateOrganizationBodySchema),
      responses: dataResponse(201, OrganizationSchema, "The organization"),
    },
    async (r) => {
      const organization = await createOrganization(r.db, { body: r.json, now: r.now });
      r.actingFor({ organizationId: organization.id });
      return organization;
    },
  ),
  route.post(
    "/organizations/{org_id}/api-keys",
    {
      summary: "Create an API key (the secret is shown once)",
      errors: [400, 401, 404, 413, 415],
      description:
        "Operator API. A key with scopes per resource (`none`, `read`, `write`; omitted resources are `none`). The `key` secret appears in this response only; only its SHA-256 is stored.",
      params: OrgParamsSchema,
      request: jsonBodyOf(CreateApiKeyBodySchema),
      responses: dataResponse(201, CreatedApiKeySchema, "The key, with its secret"),
    },
    (r) => createApiKey(r.db, { organizationId: organizationOf(r), body: r.json, now: r.now }),
  ),
  route.get(
    "/organizations/{org_id}/api-keys",
    {
      summary: "List API keys (without secrets)",
      errors: [401, 404],
      description:
        "Operator API. The organization's keys, newest first, with prefix and scopes but never the secret.",
      params: OrgParamsSchema,
      responses: listResponse(200, ApiKeySchema, "The organization's keys, newest first"),
    },
    (r) => listApiKeys(r.db, organizationOf(r)),
  ),
  route.delete(
    "/organizations/{org_id}/api-keys/{key_id}",
    {
      summary: "Revoke an API key; it stops working at once",
      errors: [401, 404],
      description:
        "Operator API. Revokes the key: the next request with it answers 401 `invalid_api_key`. 204 with an empty body.",
      params: OrgKeyParamsSchema,
      responses: noContent("Revoked"),
    },
    (r) =>
      deleteApiKey(r.db, { organizationId: organizationOf(r), keyId: r.param.key_id, now: r.now }),
  ),
]);
