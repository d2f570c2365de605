import { sha256Hex } from "../lib/crypto";

const encoder = new TextEncoder();

/**
 * A JSON body as the bytes both the tag and the response use: a string body would be encoded
 * to UTF-8 twice, once for the hash and once more by the Response.
 */
export function jsonBytes(value: unknown): Uint8Array<ArrayBuffer> {
  // TextEncoder always allocates a fresh ArrayBuffer; the workers types only say ArrayBufferLike.
  return encoder.encode(JSON.stringify(value)) as Uint8Array<ArrayBuffer>;
}

/**
 * A strong entity tag: the SHA-256 of the exact body bytes, so two responses share a tag only
 * when they are byte-identical — whatever changed them (a booking, an edit, or the clock moving a
 * slot from bookable to too_soon or past).
 */
export async function strongEtagOf(body: string | Uint8Array): Promise<string> {
  return `"${(await sha256Hex(body)).slice(0, 32)}"`;
}

/** RFC 9110 §13.1.2: `*` or any listed tag that matches by weak comparison (W/ ignored). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag.replace(/^W\//, "") === etag;
  });
}
