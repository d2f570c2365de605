import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env";
import { createDb } from "./db/client";
import { type OperationPaths, renderDocsPage, summarizeOperations } from "./docs/docs-page";
import { buildOpenApiDocument, registerOpenApiDocument } from "./docs/openapi-document";
import { adminRoutes } from "./features/admin/admin.routes";
import { bookingsRoutes } from "./features/bookings/bookings.routes";
import { calendarPublicRoutes, calendarRoutes } from "./features/calendar/calendar.routes";
import { eventsRoutes } from "./features/events/events.routes";
import { experiencesRoutes } from "./features/experiences/experiences.routes";
import { healthRoutes } from "./features/health/health.routes";
import { holdsRoutes } from "./features/holds/holds.routes";
import { notificationsRoutes } from "./features/notifications/notifications.routes";
import { recurrencesRoutes } from "./features/recurrences/recurrences.routes";
import { sessionsRoutes } from "./features/sessions/sessions.routes";
import { slotsRoutes } from "./features/slots/slots.routes";
import { spacesRoutes } from "./features/spaces/spaces.routes";
import { webhooksRoutes } from "./features/webhooks/webhooks.routes";
import { adminAuth } from "./http/admin-auth";
import { apiKeyAuth } from "./http/auth";
import { publicCors } from "./http/cors";
import { handleError, handleNotFound } from "./http/error-handler";
import { apiIdempotency, publicIdempotency } from "./http/idempotency";
import { jsonBody } from "./http/json-body";
import { postCommitDispatch } from "./http/post-commit";
import { rateLimitByIp } from "./http/rate-limit";
import { requestId } from "./http/request-id";
import { requestLog } from "./http/request-log";
import { validationHook } from "./http/validation";
import { bookingPageRoutes } from "./public/booking-page/book.routes";
import { manageRoutes } from "./public/booking-page/manage.routes";
import { publicRoutes } from "./public/public.routes";
import { publicHoldsRoutes } from "./public/public-holds.routes";
import { publicSlotsRoutes } from "./public/public-slots.routes";

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  useMiddleware(app);
  mountRoutes(app);
  registerOpenApiDocument(app);
  app.get("/docs", (c) => {
    const document = buildOpenApiDocument(app);
    return c.html(
      renderDocsPage(summarizeOperations((document.paths ?? {}) as unknown as OperationPaths)),
    );
  });
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}

type App = OpenAPIHono<AppEnv>;

const isManagePage = (path: string) => path === "/book/manage" || path.startsWith("/book/manage/");

/** In order: what every request gets, then auth, limits, body rules and idempotency per prefix. */
function useMiddleware(app: App) {
  app.use("*", requestId, requestLog, async (c, next) => {
    c.set("db", createDb(c.env.DB));
    await next();
  });
  // Before the rate limit, so a preflight never spends the visitor's budget.
  app.use("/public/*", publicCors);
  app.use("/v1/*", apiKeyAuth);
  app.use("/admin/*", adminAuth);
  app.use("/public/*", rateLimitByIp);
  app.use("/book/*", rateLimitByIp);
  // The manage page's cancel is a plain HTML form (it works without JavaScript), not JSON. A
  // path check, not hono/combine's except(), which matched a router on every request.
  app.use("*", (c, next) => (isManagePage(c.req.path) ? next() : jsonBody(c, next)));
  app.use("/v1/*", postCommitDispatch);
  app.use("/public/*", postCommitDispatch);
  app.use("/book/*", postCommitDispatch);
  app.use("/v1/*", apiIdempotency);
  app.use("/public/*", publicIdempotency);
}

/** Every feature router under its prefix (the order is the OpenAPI document's path order). */
const ROUTERS: Array<[prefix: string, routers: App[]]> = [
  [
    "/v1",
    [
      spacesRoutes,
      experiencesRoutes,
      recurrencesRoutes,
      slotsRoutes,
      bookingsRoutes,
      sessionsRoutes,
      webhooksRoutes,
      eventsRoutes,
      notificationsRoutes,
      calendarRoutes,
      holdsRoutes,
    ],
  ],
  ["/admin", [adminRoutes]],
  ["/public", [publicRoutes, publicSlotsRoutes, calendarPublicRoutes, publicHoldsRoutes]],
  ["/book", [bookingPageRoutes, manageRoutes]],
  ["/", [healthRoutes]],
];

function mountRoutes(app: App) {
  for (const [prefix, routers] of ROUTERS) {
    for (const router of routers) app.route(prefix, router);
  }
}
