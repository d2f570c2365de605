import { parseRetryAfter } from "./retry-schedule";

export const ATTEMPT_TIMEOUT_MS = 15_000;
export const USER_AGENT = "booking-api-webhooks/1.0";

export interface SignedRequest {
  url: string;
  webhookId: string;
  timestamp: number;
  signature: string;
  body: string;
}

export type AttemptResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; retryAfterSeconds: number | null };

const RETRY_AFTER_STATUSES = new Set([429, 503]);

function failedStatus(res: Response, now: number): AttemptResult {
  const retryAfter = RETRY_AFTER_STATUSES.has(res.status)
    ? parseRetryAfter(res.headers.get("retry-after"), now)
    : null;
  return {
    ok: false,
    status: res.status,
    error: `HTTP ${res.status}`,
    retryAfterSeconds: retryAfter,
  };
}

function networkFailure(err: unknown): AttemptResult {
  const timedOut =
    err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
  const error = timedOut
    ? `Timed out after ${ATTEMPT_TIMEOUT_MS / 1000} s`
    : `Network error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500);
  return { ok: false, status: null, error, retryAfterSeconds: null };
}

/**
 * One attempt (§12): success is a 2xx within 15 s; redirects are not followed (a 3xx fails).
 * The response body is not read beyond what the runtime needs to free the connection.
 */
export async function sendSignedRequest(
  request: SignedRequest,
  now: number,
): Promise<AttemptResult> {
  try {
    const res = await fetch(request.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": request.webhookId,
        "webhook-timestamp": String(request.timestamp),
        "webhook-signature": request.signature,
      },
      body: request.body,
    });
    await res.body?.cancel();
    return res.status >= 200 && res.status < 300
      ? { ok: true, status: res.status }
      : failedStatus(res, now);
  } catch (err) {
    return networkFailure(err);
  }
}
