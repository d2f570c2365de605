import { AppError } from "../errors";

export class InvalidIdempotencyKeyError extends AppError {
  constructor() {
    super(
      400,
      "invalid_idempotency_key",
      "Idempotency-Key must be 1–255 visible ASCII characters (0x21–0x7E), optionally in double quotes",
    );
  }
}

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(
      422,
      "idempotency_key_reused",
      "This Idempotency-Key was already used with a different method, path or body",
    );
  }
}

export class IdempotentRequestInProgressError extends AppError {
  constructor() {
    super(
      409,
      "idempotent_request_in_progress",
      "A request with this Idempotency-Key is still being processed; retry shortly",
      undefined,
      { "Retry-After": "1" },
    );
  }
}
