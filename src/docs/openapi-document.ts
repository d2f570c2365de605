import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env";
import { completeDocument } from "./openapi-completion";

export const OPENAPI_INFO = {
  title: "Scheduling & Booking API",
  version: "1.0.0",
  description: [
    "Publish recurring experiences, attach recurrences that expand into dated sessions, and take bookings.",
    "",
    "Authenticate with `X-API-KEY: <key>` (or `Authorization: Bearer <key>`). Errors share one envelope:",
    '`{"error", "code", "details"?, "request_id"}`. Every POST accepts an `Idempotency-Key` header;',
    "a retry within 24 h replays the first response with `Idempotent-Replay: true`.",
    "",
    "Decisions where the spec is silent: an empty request body counts as `{}`; list endpoints without",
    "pagination return every row; timestamps are UTC with milliseconds.",
  ].join("\n"),
};

/** Registers the security schemes the routes refer to, and serves the OpenAPI 3.1 document. */
export function registerOpenApiDocument(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent("securitySchemes", "ApiKey", {
    type: "apiKey",
    in: "header",
    name: "X-API-KEY",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "BearerApiKey", {
    type: "http",
    scheme: "bearer",
    description: "The same API key, sent as `Authorization: Bearer <key>`",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "AdminToken", {
    type: "http",
    scheme: "bearer",
    description: "The operator token (ADMIN_TOKEN secret)",
  });
  app.get("/openapi.json", (c) => c.json(buildOpenApiDocument(app)));
}

/** The OpenAPI 3.1 document of every route, completed with what holds for all operations. */
export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>) {
  return completeDocument(
    app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: OPENAPI_INFO,
      servers: [{ url: "/" }],
      security: [{ ApiKey: [] }, { BearerApiKey: [] }],
    }),
  );
}
