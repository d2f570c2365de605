import { z } from "@hono/zod-openapi";
import { IsoInstantSchema, idSchema, pathParam, shownOnceSecret } from "../../http/common-schemas";

export const CreateHoldBodySchema = z
  .object({
    session_id: z.string().min(1).openapi({ example: "ses_3kTMd9xQ2bY7LpWzR4aN_20261207_0700" }),
    quantity: z.int().min(1).optional().default(1).openapi({
      description: "Seats, 1 to the experience's max_booking_quantity",
    }),
    ttl_seconds: z.int().min(60).max(3600).optional().default(600).openapi({
      description: "How long the seats stay reserved: the hold expires at created_at + ttl_seconds",
    }),
  })
  .strict()
  .openapi("CreateHoldBody", {
    example: {
      session_id: "ses_9fQ2bY7LpWzR4aN3kTMd_20261207_0700",
      quantity: 2,
      ttl_seconds: 600,
    },
  });

export const HoldSchema = z
  .object({
    id: idSchema("hld_T9fQ2bY7LpWzR4aN3kMd"),
    experience_id: z.string(),
    session_id: z.string(),
    quantity: z.int(),
    status: z.enum(["active", "converted", "released", "expired"]).openapi({
      description:
        "`expired` from `expires_at` on (computed on every read; no sweeper is involved): an expired hold reserves nothing",
    }),
    expires_at: IsoInstantSchema,
    booking_id: z.string().nullable().openapi({ description: "Set once converted" }),
    created_at: IsoInstantSchema,
  })
  .openapi("Hold");

export const PublicHoldSchema = HoldSchema.extend({
  hold_token: shownOnceSecret(
    "Hq8vN2kTMd9fQ2bY7LpWzR4aN3kTMd9fQ2bY7LpWzR4",
    "converts (POST /public/experiences/{id}/bookings with hold_id) and releases the hold",
  ),
}).openapi("PublicHold");

export const HoldParamsSchema = z.object({
  hold_id: z.string().openapi({ param: { name: "hold_id", in: "path" } }),
});

export const PublicHoldParamsSchema = z.object({
  id: pathParam("id", "hld_T9fQ2bY7LpWzR4aN3kMd"),
});

export const HoldTokenBodySchema = z
  .object({
    hold_token: z.string().min(1).max(256).openapi({
      description: "The hold_token of the hold's creation response; a wrong one is 404",
    }),
  })
  .strict()
  .openapi("PublicReleaseHoldBody", {
    example: { hold_token: "Hq8vN2kTMd9fQ2bY7LpWzR4aN3kTMd9fQ2bY7LpWzR4" },
  });

export type CreateHoldBody = z.infer<typeof CreateHoldBodySchema>;
export type Hold = z.infer<typeof HoldSchema>;
