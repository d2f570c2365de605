/** The slice of the public API's payloads the page reads. */
export interface Slot {
  session_id: string;
  start: string;
  end: string;
  provider_id: string | null;
  seats_available: number;
  /** Seats of unexpired holds, this visitor's own included (§14). */
  seats_held: number;
  waitlist_size: number;
  bookable: boolean;
  unbookable_reason: string | null;
}

export interface PublicBooking {
  id: string;
  start: string;
  end: string;
  quantity: number;
  status: "confirmed" | "waitlisted";
  /** 1-based, while waitlisted. */
  waitlist_position: number | null;
  contact: { name: string };
  price: { model: "free" | "per_session"; currency: string | null; total: number };
  cancel_token: string;
  manage_url?: string;
}

export interface ApiError {
  error?: string;
  code?: string;
  request_id?: string;
  details?: {
    seats_available?: number;
    /** On 409 session_full: the same request with join_waitlist would have been waitlisted. */
    waitlist_available?: boolean;
    reason?: string;
    fieldErrors?: Record<string, string[]>;
  };
}

export interface ApiResponse {
  /** 0 when the server could not be reached. */
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON body, narrowed by each caller by status
  body: any;
  headers: Headers;
}

export async function api(path: string, init?: RequestInit): Promise<ApiResponse> {
  try {
    const res = await fetch(path, init);
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: res.status, body, headers: res.headers };
  } catch {
    return { status: 0, body: null, headers: new Headers() };
  }
}

export function postJson(path: string, body: string, idempotencyKey?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  return api(path, { method: "POST", headers, body });
}

/** randomUUID exists only in secure contexts (not on plain http to another host). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
