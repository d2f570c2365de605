import { createRoute, z } from "@hono/zod-openapi";
import { html } from "hono/html";
import { createRouter, errorResponses } from "../../http/openapi";
import { findExperienceWithTimezone } from "../public.repository";
import { presentPublicExperience } from "../public.service";
import { BookingPage, NotFoundPage } from "./booking-page";
import type { CancelRequest } from "./cancel-panel";
import { pageSecurityHeaders } from "./security-headers";

const BookPageParamsSchema = z.object({
  experience_id: z.string().openapi({
    param: { name: "experience_id", in: "path" },
    example: "exp_3kTMd9xQ2bY7LpWzR4aN",
  }),
});

const BookPageQuerySchema = z.object({
  cancel: z.string().max(200).optional().openapi({ description: "Booking ID to cancel" }),
  token: z.string().max(256).optional().openapi({ description: "That booking's cancel_token" }),
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
      "The public booking page of an active experience. With `?cancel={booking_id}&token={cancel_token}` it offers to cancel that booking. Inactive and unknown experiences get a 404 page.",
    request: { params: BookPageParamsSchema, query: BookPageQuerySchema },
    responses: {
      ...errorResponses(429),
      200: htmlPage("The booking page"),
      404: htmlPage("Experience not available"),
    },
  }),
  async (c) => {
    const found = await findExperienceWithTimezone(c.get("db"), c.req.valid("param").experience_id);
    const cancel = cancelRequestOf(c.req.valid("query"));
    const headers = await pageSecurityHeaders();
    if (found?.experience.status !== "active") {
      return c.html(html`<!doctype html>${<NotFoundPage cancel={cancel} />}`, 404, headers);
    }
    c.set("organizationId", found.experience.organizationId);
    const experience = presentPublicExperience(found);
    return c.html(
      html`<!doctype html>${<BookingPage experience={experience} cancel={cancel} />}`,
      200,
      headers,
    );
  },
);
