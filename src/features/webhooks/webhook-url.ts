// §12 URL rules, pure: https only, and never an IP literal of a private, loopback, link-local,
// CGNAT or multicast range (the Worker must not be turned against internal addresses).

type Range = [base: number[], prefixBits: number];

const BLOCKED_IPV4: Range[] = [
  [[0, 0, 0, 0], 8], // "this network"
  [[10, 0, 0, 0], 8], // private
  [[100, 64, 0, 0], 10], // CGNAT
  [[127, 0, 0, 0], 8], // loopback
  [[169, 254, 0, 0], 16], // link-local
  [[172, 16, 0, 0], 12], // private
  [[192, 168, 0, 0], 16], // private
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, broadcast
];

// As 16-bit groups.
const BLOCKED_IPV6: Range[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0], 128], // unspecified
  [[0, 0, 0, 0, 0, 0, 0, 1], 128], // loopback
  [[0xfc00], 7], // unique local (private)
  [[0xfe80], 10], // link-local
  [[0xff00], 8], // multicast
];

function inRange(value: number[], [base, prefixBits]: Range, bitsPerPart: number): boolean {
  let remaining = prefixBits;
  for (let i = 0; remaining > 0; i++) {
    const bits = Math.min(bitsPerPart, remaining);
    const shift = bitsPerPart - bits;
    if ((value[i] ?? 0) >> shift !== (base[i] ?? 0) >> shift) return false;
    remaining -= bits;
  }
  return true;
}

function parseIpv4(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** The 8 groups of an IPv6 literal as the URL parser serializes it (compressed hex groups). */
function parseIpv6(host: string): number[] | null {
  const [head = "", tail, extra] = host.split("::");
  if (extra !== undefined) return null;
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const zeros: string[] = Array(tail === undefined ? 0 : missing).fill("0");
  const groups = [...left, ...zeros, ...right];
  const values = groups.map((g) =>
    /^[0-9a-f]{1,4}$/i.test(g) ? Number.parseInt(g, 16) : Number.NaN,
  );
  return values.some(Number.isNaN) ? null : values;
}

function isBlockedIpv6(groups: number[]): boolean {
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms carry an IPv4 address.
  const mapped =
    groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0);
  if (mapped && !(groups[5] === 0 && groups[6] === 0)) {
    const v4 = [
      (groups[6] ?? 0) >> 8,
      (groups[6] ?? 0) & 255,
      (groups[7] ?? 0) >> 8,
      (groups[7] ?? 0) & 255,
    ];
    return BLOCKED_IPV4.some((range) => inRange(v4, range, 8));
  }
  return BLOCKED_IPV6.some((range) => inRange(groups, range, 16));
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);

/**
 * Why a webhook URL is refused, or null when it is allowed. With `allowInsecureLocal`
 * (WEBHOOK_ALLOW_INSECURE_LOCAL, local development only) http(s)://127.0.0.1 and localhost pass.
 */
export function webhookUrlProblem(raw: string, allowInsecureLocal: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Must be an absolute https:// URL";
  }
  const host = url.hostname.toLowerCase();
  const isHttp = url.protocol === "http:" || url.protocol === "https:";
  if (allowInsecureLocal && isHttp && LOCAL_HOSTS.has(host)) return null;
  if (url.protocol !== "https:") return "Must use https://";
  if (url.username || url.password) return "Must not contain credentials";
  if (host === "localhost" || host.endsWith(".localhost"))
    return "Must not point to a loopback host";
  const ipv4 = parseIpv4(host);
  if (ipv4 && BLOCKED_IPV4.some((range) => inRange(ipv4, range, 8))) {
    return "Must not be a private, loopback, link-local, CGNAT or multicast address";
  }
  if (host.startsWith("[")) {
    const ipv6 = parseIpv6(host.slice(1, -1));
    if (!ipv6 || isBlockedIpv6(ipv6)) {
      return "Must not be a private, loopback, link-local or multicast address";
    }
  }
  return null;
}
