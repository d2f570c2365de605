import { z } from "@hono/zod-openapi";
import { html } from "hono/html";
import { createRouter } from "../../http/openapi";
import { keylessRoutes } from "../../http/route";
import { presentPublicExperience } from "../public.presenter";
import { findActiveExperience } from "../public.service";
import { BookingPage, NotFoundPage } from "./booking-page";
import { resolvePageLocale } from "./locale";
import { managePath } from "./manage-link";
import { loadPageNames } from "./page-names.service";
import { pagePreference } from "./page-query";
import { pageSecurityHeaders } from "./security-headers";
import { buildSessionCalendar, resolvePageZone } from "./session-calendar";

const BookPageParamsSchema = z.object({
  experience_id: z.string().openapi({
    param: { name: "experience_id", in: "path" },
    example: "exp_3kTMd9xQ2bY7LpWzR4aN",
  }),
});

const BookPageQuerySchema = z.object({
  cancel: z.string().max(200).optional().openapi({
    description: "Legacy cancellation link: a booking ID, redirected to its manage page",
  }),
  token: z.string().max(256).optional().openapi({ description: "That booking's cancel_token" }),
  tz: pagePreference(100).openapi({
    description:
      "IANA zone of the listed sessions. Invalid or absent: the visitor's zone (Cloudflare geolocation), else the organization's.",
    example: "Asia/Tokyo",
  }),
  lang: pagePreference(35).openapi({
    description:
      "BCP 47 locale of every date, time and amount on the page (its texts stay English). Invalid or absent: the first supported `Accept-Language` entry, else `en`.",
    example: "de-DE",
  }),
});

export const htmlPage = (description: string) => ({
  content: { "text/html": { schema: z.string() } },
  description,
});

const pageRoute = keylessRoutes("Public");

export const bookingPageRoutes = createRouter().openapi(
  pageRoute.get("/{experience_id}", {
    // cancel/token over their maxLength are refused like any bad input (§2), in JSON.
    errors: [400, 429],
    summary: "Booking page (HTML)",
    description:
      "The public booking page of an active experience: the studio, the instructors, and the bookable (and full) sessions from today up to the booking window (at most 92 dates), grouped by day in the zone of `?tz=`, else the visitor's, else the organization's, behind a week picker; dates, times and amounts in the locale of `?lang=`, else `Accept-Language`. Each session shows its seats left (held seats count as taken); picking one holds the chosen seats for the visitor while the form is open (POST /public/experiences/{id}/holds, 600 s, converted on submit, released on another choice or when the page is left); a full session offers \"Join the waitlist\" when the experience's waitlist is enabled and has room (the form then books with `join_waitlist: true`). An old cancellation link (`?cancel={booking_id}&token={cancel_token}`) redirects (303) to the booking's manage page. Inactive and unknown experiences get a 404 page.",
    params: BookPageParamsSchema,
    query: BookPageQuerySchema,
    responses: {
      200: htmlPage("The booking page"),
      303: { description: "A legacy cancellation link: to `/book/manage/{booking_id}`" },
      404: htmlPage("Experience not available"),
    },
  }),
  async (c) => {
    const db = c.get("db");
    const query = c.req.valid("query");
    if (query.cancel && query.token) {
      return c.redirect(managePath(query.cancel, query.token), 303);
    }
    const found = await findActiveExperience(db, c.req.valid("param").experience_id);
    const headers = await pageSecurityHeaders();
    if (!found) {
      return c.html(html`<!doctype html>${<NotFoundPage />}`, 404, headers);
    }
    c.set("organizationId", found.experience.organizationId);
    const experience = presentPublicExperience(found);
    const locale = resolvePageLocale(query.lang, c.req.header("accept-language"));
    const calendar =
      experience.registration_status === "closed"
        ? undefined
        : await buildSessionCalendar(
            db,
            found.experience,
            found.timezone,
            { ...resolvePageZone(query.tz, c.req.raw.cf?.timezone, found.timezone), locale },
            Date.now(),
          );
    const sessionProviders = calendar?.days.flatMap((d) => d.sessions.map((s) => s.providerId));
    const names = await loadPageNames(db, found.experience.organizationId, [
      ...found.experience.providers,
      ...(sessionProviders ?? []),
    ]);
    const instructors = found.experience.providers.flatMap((id) => names.providers[id] ?? []);
    const page = (
      <BookingPage
        experience={experience}
        names={names}
        instructors={instructors}
        locale={locale}
        lang={query.lang}
        origin={new URL(c.req.url).origin}
        calendar={calendar}
      />
    );
    return c.html(html`<!doctype html>${page}`, 200, headers);
  },
);
