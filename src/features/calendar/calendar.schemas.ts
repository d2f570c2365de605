import { z } from "@hono/zod-openapi";
import { IsoInstantSchema, pathParam } from "../../http/common-schemas";
import { optionalHeaderSchema } from "../../http/openapi";

export const ExperienceCalendarParamsSchema = z.object({
  id: pathParam("id", "exp_3kTMd9xQ2bY7LpWzR4aN"),
});

export const BookingCalendarParamsSchema = z.object({
  id: pathParam("id", "bkg_N3kTMd9fQ2bY7LpWzR4a"),
});

export const PublicBookingCalendarQuerySchema = z.object({
  cancel_token: z
    .string()
    .min(1)
    .max(256)
    .openapi({
      param: { name: "cancel_token", in: "query" },
      description:
        "The booking's cancel_token. Missing or empty → 400 validation_failed; a wrong one → 404, like an unknown booking.",
    }),
});

export const MemberCalendarFeedParamsSchema = z.object({
  space_id: pathParam("space_id", "GENERAL"),
  member_id: pathParam("member_id", "sm_R4aN3kTMd9fQ2bY7LpWz"),
});

/** The request takes no fields; an empty body counts as `{}` and unknown fields are refused. */
export const CreateCalendarFeedBodySchema = z
  .object({})
  .strict()
  .openapi("CreateCalendarFeedBody", { example: {} });

export const CalendarFeedSchema = z
  .object({
    url: z.string().openapi({
      example: "/public/calendars/Zq8vN2kTMd9fQ2bY7LpWzR4aN3kTMd9fQ2bY7LpWzR4.ics",
      description:
        "Path of the feed, relative to this API's origin (prefix it with https:// and the host, or webcal:// for one-click subscribing). Shown once: only the token's SHA-256 is stored.",
    }),
    created_at: IsoInstantSchema,
  })
  .openapi("CalendarFeed");

export const IfNoneMatchHeaderSchema = optionalHeaderSchema("if-none-match", {
  description: "An ETag of an earlier response: when it still matches, the answer is 304.",
  example: '"9f86d081884c7d659a2feaa0c55ad015"',
});
