import { sha256Hex } from "../lib/crypto";

/**
 * A strong entity tag: the SHA-256 of the exact body bytes, so two responses share a tag only
 * when they are byte-identical — whatever changed them (a booking, an edit, or the clock moving a
 * slot from bookable to too_soon or past).
 */
export async function strongEtagOf(body: string): Promise<string> {
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
