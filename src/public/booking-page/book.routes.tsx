import { createRoute, z } from "@hono/zod-openapi";
import { html } from "hono/html";
import { createRouter, errorResponses } from "../../http/openapi";
import { presentPublicExperience } from "../public.presenter";
import { findActiveExperience } from "../public.service";
import { BookingPage, NotFoundPage } from "./booking-page";
import type { CancelRequest } from "./cancel-panel";
import { pageSecurityHeaders } from "./security-headers";
import { buildSessionCalendar, resolvePageZone } from "./session-calendar";

const BookPageParamsSchema = z.object({
  experience_id: z.string().openapi({
    param: { name: "experience_id", in: "path" },
    example: "exp_3kTMd9xQ2bY7LpWzR4aN",
  }),
});

const BookPageQuerySchema = z.object({
  cancel: z.string().max(200).optional().openapi({ description: "Booking ID to cancel" }),
  token: z.string().max(256).optional().openapi({ description: "That booking's cancel_token" }),
  tz: z.string().max(100).optional().openapi({
    description:
      "IANA zone of the listed sessions. Invalid or absent: the visitor's zone (Cloudflare geolocation), else the organization's.",
    example: "Asia/Tokyo",
  }),
});

const htmlPage = (description: string) => ({
  content: { "text/html": { schema: z.string() } },
  description,
});

function cancelRequestOf(query: z.infer<typeof BookPageQuerySchema>): CancelRequest | undefined {
  return query.cancel && query.token ? { bookingId: query.cancel, token: query.token } : undefined;
}

export const bookingPageRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/{experience_id}",
    tags: ["Public"],
    security: [],
    summary: "Booking page (HTML)",
    description:
      "The public booking page of an active experience: the bookable (and full) sessions of the next 28 days, grouped by day in the zone of `?tz=`, else the visitor's, else the organization's. With `?cancel={booking_id}&token={cancel_token}` it offers to cancel that booking instead. Inactive and unknown experiences get a 404 page.",
    request: { params: BookPageParamsSchema, query: BookPageQuerySchema },
    responses: {
      ...errorResponses(429),
      200: htmlPage("The booking page"),
      404: htmlPage("Experience not available"),
    },
  }),
  async (c) => {
    const db = c.get("db");
    const query = c.req.valid("query");
    const found = await findActiveExperience(db, c.req.valid("param").experience_id);
    const cancel = cancelRequestOf(query);
    const headers = await pageSecurityHeaders();
    if (!found) {
      return c.html(html`<!doctype html>${<NotFoundPage cancel={cancel} />}`, 404, headers);
    }
    c.set("organizationId", found.experience.organizationId);
    const experience = presentPublicExperience(found);
    // Sessions only where the booking form is shown (not on a cancellation link's page).
    const calendar =
      cancel || experience.registration_status === "closed"
        ? undefined
        : await buildSessionCalendar(
            db,
            found.experience,
            found.timezone,
            resolvePageZone(query.tz, c.req.raw.cf?.timezone, found.timezone),
            Date.now(),
          );
    return c.html(
      html`<!doctype html>${<BookingPage experience={experience} cancel={cancel} calendar={calendar} />}`,
      200,
      headers,
    );
  },
);
