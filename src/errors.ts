import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorDetails = Record<string, unknown>;

/**
 * Every `code` the API answers with (§2), in one list: AppError accepts only these, and the
 * OpenAPI document's Error.code enum is this list, so the two cannot drift apart.
 */
export const ERROR_CODES = [
  "validation_failed",
  "invalid_json",
  "invalid_idempotency_key",
  "missing_api_key",
  "invalid_api_key",
  "insufficient_scope",
  "not_found",
  "idempotent_request_in_progress",
  "session_full",
  "booking_not_cancellable",
  "payload_too_large",
  "unsupported_media_type",
  "idempotency_key_reused",
  "outside_booking_window",
  "experience_inactive",
  "registration_closed",
  "session_started",
  "session_unavailable",
  "session_already_cancelled",
  "session_not_cancelled",
  "booking_not_reschedulable",
  "hold_expired",
  "hold_not_active",
  "rate_limited",
  "internal_error",
  "service_unavailable",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every failure the API reports; one error handler turns it into the §2 envelope. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The errors that always say the same, by code: their status and message. */
const FIXED_ERRORS = {
  invalid_json: [400, "Request body is not valid JSON"],
  unsupported_media_type: [415, "Request body must be application/json"],
  missing_api_key: [401, "Missing API key: send X-API-KEY or Authorization: Bearer"],
  invalid_api_key: [401, "Invalid or revoked API key"],
  internal_error: [500, "Internal server error"],
  experience_inactive: [422, "This experience is inactive and takes no bookings"],
  registration_closed: [422, "Registration for this experience is closed"],
  session_already_cancelled: [409, "This session is already cancelled"],
  session_not_cancelled: [409, "This session is not cancelled"],
  booking_not_reschedulable: [409, "Only a confirmed booking can be rescheduled"],
  hold_expired: [409, "This hold has expired; its seats are no longer reserved"],
} as const satisfies Partial<Record<ErrorCode, readonly [ContentfulStatusCode, string]>>;

function fixedError(code: keyof typeof FIXED_ERRORS) {
  const [status, message] = FIXED_ERRORS[code];
  return class extends AppError {
    constructor() {
      super(status, code, message);
    }
  };
}

/** An error whose message depends on a reason, which `details.reason` names too. */
function reasonError<R extends string>(
  status: ContentfulStatusCode,
  code: ErrorCode,
  messages: Record<R, string>,
) {
  return class extends AppError {
    constructor(reason: R) {
      super(status, code, messages[reason], { reason });
    }
  };
}

export class InvalidJsonError extends fixedError("invalid_json") {}
export class UnsupportedMediaTypeError extends fixedError("unsupported_media_type") {}
export class MissingApiKeyError extends fixedError("missing_api_key") {}
export class InvalidApiKeyError extends fixedError("invalid_api_key") {}
export class InternalError extends fixedError("internal_error") {}
export class ExperienceInactiveError extends fixedError("experience_inactive") {}
export class RegistrationClosedError extends fixedError("registration_closed") {}
export class SessionAlreadyCancelledError extends fixedError("session_already_cancelled") {}
export class SessionNotCancelledError extends fixedError("session_not_cancelled") {}
export class BookingNotReschedulableError extends fixedError("booking_not_reschedulable") {}
export class HoldExpiredError extends fixedError("hold_expired") {}

export interface FieldErrors {
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
}

export class ValidationError extends AppError {
  constructor(message: string, errors: FieldErrors) {
    super(400, "validation_failed", message, { ...errors });
  }

  /** A rule violation on one field, e.g. a provider ID that is not allowed. */
  static forField(field: string, message: string): ValidationError {
    return new ValidationError("Validation failed", {
      fieldErrors: { [field]: [message] },
      formErrors: [],
    });
  }

  /** One error for several rule violations, or undefined when there are none. */
  static fromFieldErrors(fieldErrors: Record<string, string[]>): ValidationError | undefined {
    const [first] = Object.entries(fieldErrors);
    if (!first) return undefined;
    return new ValidationError(`Validation failed: ${first[0]}: ${first[1][0]}`, {
      fieldErrors,
      formErrors: [],
    });
  }

  static forForm(message: string): ValidationError {
    return new ValidationError(message, { fieldErrors: {}, formErrors: [message] });
  }
}

/** A PATCH must change something: an empty body is a 400 naming no field. */
export function assertPatchHasFields(patch: object) {
  if (Object.keys(patch).length === 0) {
    throw ValidationError.forForm("At least one field is required");
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "payload_too_large", `Request body exceeds ${limitBytes} bytes`, {
      max_bytes: limitBytes,
    });
  }
}

export class InsufficientScopeError extends AppError {
  constructor(required: string) {
    super(403, "insufficient_scope", `This API key lacks the ${required} scope`, { required });
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Not found") {
    super(404, "not_found", message);
  }
}

/** The row, or 404 not_found "<what> not found": unknown and foreign ids alike (§2: never 403). */
export function orNotFound<T>(row: T | null | undefined, what: string): T {
  if (!row) throw new NotFoundError(`${what} not found`);
  return row;
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(
      429,
      "rate_limited",
      "Too many requests",
      { retry_after_seconds: retryAfterSeconds },
      {
        "Retry-After": String(retryAfterSeconds),
      },
    );
  }
}

const UNAVAILABLE_MESSAGES = {
  paused: "This session's recurrence is paused",
  cancelled: "This session was cancelled by the studio",
} as const;

export class SessionUnavailableError extends reasonError(
  422,
  "session_unavailable",
  UNAVAILABLE_MESSAGES,
) {}

/** The session's bookings kept changing under a cancellation; nothing was written. */
export class SessionBusyError extends AppError {
  constructor() {
    super(
      503,
      "service_unavailable",
      "The session's bookings kept changing during the cancellation; nothing was cancelled, please retry",
      undefined,
      { "Retry-After": "1" },
    );
  }
}

const WINDOW_MESSAGES = {
  past: "This session has already started",
  too_soon: "This session starts too soon to be booked",
  too_far: "This session is too far ahead to be booked yet",
} as const;

export class OutsideBookingWindowError extends reasonError(
  422,
  "outside_booking_window",
  WINDOW_MESSAGES,
) {}

export class SessionFullError extends AppError {
  constructor(seatsAvailable: number, waitlistAvailable: boolean) {
    super(409, "session_full", "Not enough seats left in this session", {
      seats_available: seatsAvailable,
      waitlist_available: waitlistAvailable,
    });
  }
}

export class HoldNotActiveError extends AppError {
  constructor(status: "converted" | "released") {
    super(409, "hold_not_active", `This hold was already ${status}`, { status });
  }
}

export class BookingNotCancellableError extends AppError {
  constructor(status: "cancelled" | "expired" = "cancelled") {
    const message =
      status === "cancelled"
        ? "This booking is already cancelled"
        : "This waitlisted booking expired when its session started";
    super(409, "booking_not_cancellable", message, { status });
  }
}

export class SessionStartedError extends AppError {
  constructor(message = "The session has already begun; the booking can no longer be cancelled") {
    super(422, "session_started", message);
  }
}
