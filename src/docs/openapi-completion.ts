// The parts of the OpenAPI document that hold for every operation, added once to the generated
// document so no route (including routes added later) can forget them: the 500 response, the
// headers every response carries, the replay headers of idempotent POSTs, the tag list, and an
// operationId for routes that do not name their own.

type Json = Record<string, unknown>;
interface Operation extends Json {
  operationId?: string;
  parameters?: { in: string; name: string }[];
  responses: Record<string, Json>;
}

export const API_TAGS = [
  { name: "Spaces", description: "Spaces of an organization and their members (providers)." },
  { name: "Experiences", description: "Recurring offerings: capacity, pricing, booking rules." },
  { name: "Recurrences", description: "Rules that expand into dated sessions." },
  {
    name: "Slots",
    description: "Sessions of a date range with seats and bookability, paged by cursor.",
  },
  {
    name: "Sessions",
    description: "One session: its seats and bookings; the studio cancels and restores it.",
  },
  {
    name: "Bookings",
    description: "Seats booked in sessions, their cancellation and rescheduling.",
  },
  {
    name: "Holds",
    description: "Seats reserved for a checkout, expiring by time, converted into a booking (§14).",
  },
  {
    name: "Webhooks",
    description: "Signed webhook endpoints, their secrets and their delivery logs (§12).",
  },
  { name: "Events", description: "The event log every change writes, kept 30 days, redelivery." },
  {
    name: "Calendar feeds",
    description: "iCalendar (RFC 5545) feeds: experiences, bookings, and a provider's sessions.",
  },
  {
    name: "Public",
    description: "Booking without an API key: experience, slots, booking, cancel, booking page.",
  },
  {
    name: "Operator",
    description: "Bootstrap API guarded by ADMIN_TOKEN: organizations and API keys.",
  },
  { name: "Operations", description: "Liveness and readiness probes, without authentication." },
];

const HEADERS = {
  "X-Request-Id": {
    description:
      "The caller's X-Request-Id when it is 1–128 visible ASCII characters, else a generated one",
    schema: { type: "string", example: "req_5f0c6f1e-8d0b-4a53-9a3e-6c1d1c2b9e77" },
  },
  "Retry-After": {
    description: "Seconds to wait before retrying",
    schema: { type: "integer", minimum: 1, example: 10 },
  },
  "Idempotent-Replay": {
    description: "`true` on a replay of a stored response (§7); absent on the first response",
    schema: { type: "string", enum: ["true"] },
  },
};

const INTERNAL_ERROR = {
  description: "Unexpected error (`internal_error`), logged with the request id; nothing leaked",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
const pascal = (segment: string) =>
  segment
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
const singular = (segment: string) => segment.replace(/s$/, "");

/** `createExperience`, `listSlots`, `cancelBooking`, `getPublicExperience`, … from method and path. */
export function deriveOperationId(method: string, path: string): string {
  const [root = "", ...rest] = path.split("/").filter(Boolean);
  if (root === "book") return "getBookingPage";
  const segments = root === "v1" || root === "admin" || root === "public" ? rest : [root, ...rest];
  const literals = segments.filter((s) => !s.startsWith("{"));
  const last = segments.at(-1) ?? "";
  const isItem = last.startsWith("{");
  const audience = root === "public" ? "Public" : "";
  const previous = segments.at(-2) ?? "";
  if (method === "post" && !isItem && previous.startsWith("{") && !last.endsWith("s")) {
    // An action on an item, e.g. POST /bookings/{id}/cancel → cancelBooking.
    return `${last}${audience}${pascal(singular(literals.at(-2) ?? ""))}`;
  }
  const noun = literals.at(-1) ?? "";
  const verbs: Record<string, string> = {
    post: "create",
    patch: "update",
    delete: "delete",
    put: "replace",
  };
  const verb = method === "get" ? (isItem ? "get" : "list") : (verbs[method] ?? method);
  const name = verb === "list" ? pascal(noun) : pascal(singular(noun));
  return `${verb}${audience}${name}`;
}

/** The derived id, or (when two paths derive the same) one spelled from every literal segment. */
function uniqueOperationId(used: Set<string>, method: string, path: string): string {
  const derived = deriveOperationId(method, path);
  if (!used.has(derived)) return derived;
  const literals = path.split("/").filter((s) => s && !s.startsWith("{"));
  const spelled = `${method}${literals.map(pascal).join("")}`;
  let id = spelled;
  for (let n = 2; used.has(id); n++) id = `${spelled}${n}`;
  return id;
}

function completeResponses(operation: Operation) {
  operation.responses["500"] ??= structuredClone(INTERNAL_ERROR);
  const idempotent = operation.parameters?.some(
    (p) => p.in === "header" && p.name.toLowerCase() === "idempotency-key",
  );
  for (const [status, response] of Object.entries(operation.responses)) {
    const headers: Json = { "X-Request-Id": headerRef("X-Request-Id") };
    if (status === "429" || (status === "409" && idempotent)) {
      headers["Retry-After"] = headerRef("Retry-After");
    }
    if (idempotent && !["400", "401", "403", "413", "415", "429", "500"].includes(status)) {
      headers["Idempotent-Replay"] = headerRef("Idempotent-Replay");
    }
    response.headers = { ...headers, ...(response.headers as Json | undefined) };
  }
}

/** The generated document with the cross-cutting parts of every operation filled in. */
export function completeDocument<T extends object>(generated: T): T {
  const document = structuredClone(generated) as T & {
    paths?: Record<string, Record<string, Operation>>;
    components?: Json;
    tags?: unknown;
  };
  document.tags = API_TAGS;
  document.components = { ...document.components, headers: HEADERS };
  const used = new Set<string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      operation.operationId ??= uniqueOperationId(used, method, path);
      used.add(operation.operationId);
      completeResponses(operation);
    }
  }
  return document;
}
