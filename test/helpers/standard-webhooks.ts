import { createHmac, timingSafeEqual } from "node:crypto";
import type { ReceivedWebhook } from "./webhooks";

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/**
 * A receiver's verification, written independently of the Worker (node:crypto, not WebCrypto):
 * HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<exact body>" with the secret's bytes.
 * Returns how many of the header's signatures this secret matches.
 */
export function matchingSignatures(hit: ReceivedWebhook, secret: string): number {
  const id = hit.headers.get("webhook-id");
  const timestamp = hit.headers.get("webhook-timestamp");
  const header = hit.headers.get("webhook-signature") ?? "";
  const key = fromBase64(secret.replace(/^whsec_/, ""));
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${hit.body}`).digest();
  return header.split(" ").filter((entry) => {
    const [version, signature] = entry.split(",");
    const given = fromBase64(signature ?? "");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  }).length;
}
