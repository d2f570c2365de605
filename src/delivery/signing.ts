import { base64ToBytes, bytesToBase64 } from "../lib/base64";

const encoder = new TextEncoder();
export const SECRET_PREFIX = "whsec_";

/** `whsec_` + base64 of 32 random bytes (the Standard Webhooks secret format). */
export function generateSigningSecret(): string {
  return SECRET_PREFIX + bytesToBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/** Standard Webhooks: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`. */
export async function signPayload(
  secret: string,
  webhookId: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const keyBytes = base64ToBytes(secret.slice(SECRET_PREFIX.length));
  const key = await crypto.subtle.importKey(
    "raw",
    keyBytes,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign(
    "HMAC",
    key,
    encoder.encode(`${webhookId}.${timestamp}.${body}`),
  );
  return `v1,${bytesToBase64(new Uint8Array(mac))}`;
}

/** One signature per live secret, space-separated (during a rotation: the new one first). */
export async function signatureHeader(
  secrets: string[],
  webhookId: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const signatures = await Promise.all(
    secrets.map((secret) => signPayload(secret, webhookId, timestamp, body)),
  );
  return signatures.join(" ");
}
