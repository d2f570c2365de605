import { z } from "@hono/zod-openapi";
import { canonicalTimeZoneName, isValidTimeZone } from "../scheduling/time-zone";

/** A path parameter holding an ID, documented with an example. */
export const pathParam = (name: string, example: string) =>
  z.string().openapi({ param: { name, in: "path" }, example });

/** A name field: trimmed, then 1–max characters. */
export const nameSchema = (max = 120) => z.string().trim().min(1).max(max);

export const TimeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { message: "Unknown time zone: use an IANA name such as Europe/Berlin" })
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
