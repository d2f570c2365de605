import { z } from "@hono/zod-openapi";
import { isValidDate } from "../scheduling/calendar-date";
import { BOUNDED_DATE_PATTERN, MAX_DATE, MIN_DATE } from "../scheduling/date-bounds";
import { canonicalTimeZoneName, isValidTimeZone } from "../scheduling/time-zone";

/** A path parameter holding an ID, documented with an example. */
export const pathParam = (name: string, example: string) =>
  z.string().openapi({ param: { name, in: "path" }, example });

/** An ID in a response, documented with an example. */
export const idSchema = (example: string) => z.string().openapi({ example });

/**
 * A secret a response shows once: only its SHA-256 is stored, so it can never be shown again.
 * `use` says what it is for.
 */
export const shownOnceSecret = (example: string, use: string) =>
  z.string().openapi({ example, description: `Shown once: ${use}. Only its SHA-256 is stored.` });

/** A name field: trimmed, then 1–max characters. */
export const nameSchema = (max = 120) => z.string().trim().min(1).max(max);

// The shape of every IANA zone name ("UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires",
// "Etc/GMT+5"): checked before Intl, which would also take offsets like "+05:00".
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
const UNKNOWN_ZONE = "Unknown time zone: use an IANA name such as Europe/Berlin";

export const TimeZoneSchema = z
  .string()
  // One message per bad value: a failed check stops the ones after it.
  .max(64, { message: UNKNOWN_ZONE, abort: true })
  .regex(TIME_ZONE_NAME, { message: UNKNOWN_ZONE, abort: true })
  .refine(isValidTimeZone, { message: UNKNOWN_ZONE })
  .transform(canonicalTimeZoneName)
  .openapi({ example: "Europe/Berlin", description: "IANA time zone name (UTC allowed)" });

export const IsoInstantSchema = z
  .string()
  .openapi({ example: "2026-12-01T06:00:00.000Z", format: "date-time" });

/** An email address; surrounding spaces are ignored. */
export const EmailSchema = z
  .string()
  .trim()
  .pipe(z.email().max(254))
  .openapi({ type: "string", format: "email", example: "ada@example.com" });

/** An optional email where null means "not given" (the object returns null then). */
export const OptionalEmailSchema = EmailSchema.nullable()
  .optional()
  .openapi({
    type: ["string", "null"],
    format: "email",
    example: "ada@example.com",
    description: "An email address; null or absent means none",
  });

/** Every `YYYY-MM-DD` the API accepts: a real date in the years 2000–2199. */
export const CalendarDateSchema = z
  .string()
  .regex(BOUNDED_DATE_PATTERN, {
    message: `Must be a calendar date YYYY-MM-DD between ${MIN_DATE} and ${MAX_DATE}`,
  })
  .refine(isValidDate, { message: "Not a real calendar date" })
  .openapi({
    format: "date",
    example: "2026-12-24",
    description: `A calendar date YYYY-MM-DD between ${MIN_DATE} and ${MAX_DATE}`,
  });

/**
 * The body of an operation that takes no fields: empty, or `{}`. Strict like every body (§1), so
 * a field sent by mistake is a 400 naming it instead of being ignored.
 */
export const EmptyBodySchema = z.object({}).strict().openapi("EmptyBody", { example: {} });
