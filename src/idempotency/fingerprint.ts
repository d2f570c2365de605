import { sha256Hex } from "../lib/crypto";

/**
 * §7 fingerprint: method + path + SHA-256 of the raw body bytes. The query string is not part
 * of it: no POST route reads one, and the spec names the path only.
 */
export async function fingerprintOf(
  method: string,
  path: string,
  rawBody: Uint8Array | undefined,
): Promise<string> {
  return `${method.toUpperCase()} ${path} sha256:${await sha256Hex(rawBody ?? new Uint8Array())}`;
}
