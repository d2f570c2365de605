import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { html } from "hono/html";
import type { AppEnv } from "../../app-env";
import { PayloadTooLargeError } from "../../errors";
import { MAX_BODY_BYTES } from "../../http/json-body";
import { createRouter } from "../../http/openapi";
import { keylessRoutes } from "../../http/route";
import { htmlPage } from "./book.routes";
import { resolvePageLocale } from "./locale";
import { cancelFromManagePage, loadManagedBooking } from "./manage.service";
import { managePath } from "./manage-link";
import { ManageNotFoundPage, ManagePage } from "./manage-page";
import { pagePreference } from "./page-query";
import { pageSecurityHeaders } from "./security-headers";

const ManageParamsSchema = z.object({
  booking_id: z
    .string()
    .max(200)
    .openapi({
      param: { name: "booking_id", in: "path" },
      example: "bkg_N3kTMd9fQ2bY7LpWzR4a",
    }),
});

const TokenSchema = z.string().max(256).optional().openapi({
  description:
    "The booking's cancel_token. Missing or wrong: the same 404 page as an unknown booking.",
});

const ManageQuerySchema = z.object({
  // An overlong token is as wrong as any other (the 404 page), not an undocumented 400.
  token: pagePreference(256).openapi({
    description:
      "The booking's cancel_token. Missing or wrong: the same 404 page as an unknown booking.",
  }),
  lang: pagePreference(35).openapi({ description: "As on the booking page" }),
});

const CancelFormSchema = z.object({ token: TokenSchema }).openapi("ManageCancelForm");

async function notFound(c: Context<AppEnv>) {
  return c.html(html`<!doctype html>${<ManageNotFoundPage />}`, 404, await pageSecurityHeaders());
}

const pageRoute = keylessRoutes("Public");

export const manageRoutes = createRouter();

// The cancel form skips the JSON body rules (app.ts), not §1's size limit.
manageRoutes.use(
  "/manage/*",
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(MAX_BODY_BYTES);
    },
  }),
);

manageRoutes
  .openapi(
    pageRoute.get("/manage/{booking_id}", {
      errors: [400, 429],
      summary: "Manage page of a booking (HTML)",
      description:
        "The booking's real state on load (confirmed or cancelled), its time in the session's zone, \"Add to calendar\" (the booking's .ics) and, while it is confirmed and its session has not begun, a cancel form that works without JavaScript. An unknown booking or a missing or wrong token is a 404 page that says only \"not found\". The public booking response's `manage_url` points here.",
      params: ManageParamsSchema,
      query: ManageQuerySchema,
      responses: {
        200: htmlPage("The manage page"),
        404: htmlPage("Not found"),
      },
    }),
    async (c) => {
      const { booking_id } = c.req.valid("param");
      const { token, lang } = c.req.valid("query");
      const managed = await loadManagedBooking(c.get("db"), booking_id, token, Date.now());
      if (!managed || !token) return notFound(c);
      const locale = resolvePageLocale(lang, c.req.header("accept-language"));
      const page = <ManagePage managed={managed} token={token} locale={locale} />;
      return c.html(html`<!doctype html>${page}`, 200, await pageSecurityHeaders());
    },
  )
  .openapi(
    pageRoute.post("/manage/{booking_id}/cancel", {
      errors: [400, 413, 429],
      summary: "Cancel from the manage page (HTML form)",
      description:
        "The manage page's form (`application/x-www-form-urlencoded`, field `token`): the same token check and rules as POST /public/bookings/{id}/cancel. Cancelled, or already cancelled: 303 back to the manage page, which shows the new state. A session that has begun: 422 with the manage page and the reason. Unknown booking or wrong token: the 404 page.",
      params: ManageParamsSchema,
      request: {
        body: {
          content: { "application/x-www-form-urlencoded": { schema: CancelFormSchema } },
          required: true,
        },
      },
      responses: {
        303: { description: "To the manage page, which shows the cancelled booking" },
        404: htmlPage("Not found"),
        422: htmlPage("The session has begun: the manage page says so"),
      },
    }),
    async (c) => {
      const db = c.get("db");
      const { booking_id } = c.req.valid("param");
      const { token } = c.req.valid("form");
      const now = Date.now();
      const { outcome, organizationId } = await cancelFromManagePage(db, booking_id, token, now);
      if (organizationId) c.set("organizationId", organizationId);
      if (outcome === "not_found" || !token) return notFound(c);
      if (outcome !== "session_started") return c.redirect(managePath(booking_id, token), 303);
      const managed = await loadManagedBooking(db, booking_id, token, now);
      if (!managed) return notFound(c);
      const locale = resolvePageLocale(undefined, c.req.header("accept-language"));
      const page = <ManagePage managed={managed} token={token} locale={locale} outcome={outcome} />;
      return c.html(html`<!doctype html>${page}`, 422, await pageSecurityHeaders());
    },
  );
