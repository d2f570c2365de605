import { z } from "@hono/zod-openapi";

const positiveIntString = (max?: number) =>
  z
    .string()
    .regex(/^\d+$/, "Must be a whole number")
    .transform(Number)
    .pipe(max ? z.number().int().min(1).max(max) : z.number().int().min(1));

/** §1 pagination query: page ≥ 1 (default 1), page_size 1–200 (default 50). */
export const PaginationQuerySchema = z.object({
  page: positiveIntString()
    .optional()
    .default(1)
    .openapi({
      param: { name: "page", in: "query" },
      type: "integer",
      minimum: 1,
      default: 1,
      example: 1,
    }),
  page_size: positiveIntString(200)
    .optional()
    .default(50)
    .openapi({
      param: { name: "page_size", in: "query" },
      type: "integer",
      minimum: 1,
      maximum: 200,
      default: 50,
      example: 50,
    }),
});

export const PaginationSchema = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    page_size: z.number().int(),
    total_pages: z.number().int(),
  })
  .openapi("Pagination");
