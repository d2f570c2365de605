import { z } from "@hono/zod-openapi";

/**
 * A page's preference parameter (`tz`, `lang`): an invalid value falls back to the next
 * source, so one too long to be valid is dropped rather than refused with a 400 on an HTML page.
 */
export function pagePreference(maxLength: number) {
  return z
    .string()
    .optional()
    .transform((value) => (value && value.length <= maxLength ? value : undefined));
}
