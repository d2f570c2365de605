import { InvalidIdempotencyKeyError } from "./errors";

/** §7: visible ASCII only (0x21–0x7E), so a space is not allowed anywhere in a key. */
const VISIBLE_ASCII_KEY = /^[\x21-\x7e]{1,255}$/;
/** The inside of an RFC 8941 sf-string: printable ASCII with `\"` and `\\` as the only escapes. */
const SF_STRING_BODY = /^(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*$/;

/**
 * The request's Idempotency-Key, or undefined when the header is absent. A value wrapped in
 * double quotes (the structured-field form) is unescaped to the bare key, so `"abc"` and `abc`
 * name the same key; the result must still be 1–255 visible ASCII characters.
 */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  let key = header;
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) {
    const inner = key.slice(1, -1);
    if (!SF_STRING_BODY.test(inner)) throw new InvalidIdempotencyKeyError();
    key = inner.replace(/\\(["\\])/g, "$1");
  }
  if (!VISIBLE_ASCII_KEY.test(key)) throw new InvalidIdempotencyKeyError();
  return key;
}
