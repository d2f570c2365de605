import type { Context } from "hono";
import type { z } from "zod";
import { type FieldErrors, ValidationError } from "../errors";

const PAGINATION_FIELDS = new Set(["page", "page_size"]);

/** Turns zod issues into §2 `details`: dotted field paths → messages, plus form-level errors. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], prefix = ""): FieldErrors {
  // No prototype: field names come from the caller ("constructor", "__proto__", …).
  const fieldErrors: Record<string, string[]> = Object.create(null);
  const formErrors: string[] = [];
  const add = (path: string, message: string) => {
    const key = prefix && path ? `${prefix}.${path}` : prefix || path;
    if (key === "") formErrors.push(message);
    else {
      fieldErrors[key] ??= [];
      fieldErrors[key].push(message);
    }
  };
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(path ? `${path}.${key}` : key, `Unknown field: ${key}`);
    } else {
      add(path, issue.message);
    }
  }
  return { fieldErrors, formErrors };
}

export function validationErrorFromIssues(
  issues: readonly z.core.$ZodIssue[],
  target?: string,
): ValidationError {
  const errors = toFieldErrors(issues);
  if (target === "query" && issues.some((i) => PAGINATION_FIELDS.has(String(i.path[0])))) {
    return new ValidationError("Invalid pagination parameters", errors);
  }
  const [firstField, firstMessages] = Object.entries(errors.fieldErrors)[0] ?? [];
  const summary = firstField ? `${firstField}: ${firstMessages?.[0]}` : errors.formErrors[0];
  return new ValidationError(
    summary ? `Validation failed: ${summary}` : "Validation failed",
    errors,
  );
}

/** The default hook of every OpenAPI route: a failed validation becomes a thrown ValidationError. */
export function validationHook(
  result: { success: boolean; error?: z.ZodError; target?: string },
  _c: Context,
): void {
  if (!result.success && result.error) {
    throw validationErrorFromIssues(result.error.issues, result.target);
  }
}
