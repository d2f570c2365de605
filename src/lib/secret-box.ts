import { base64ToBytes, bytesToBase64 } from "./base64";

const encoder = new TextEncoder();
const FORMAT = "v1";

export class MissingEncryptionKeyError extends Error {
  constructor() {
    super("WEBHOOK_ENCRYPTION_KEY is not configured");
  }
}

/**
 * AES-256-GCM with a key derived from the configured secret (SHA-256 of it), so any
 * high-entropy string works as WEBHOOK_ENCRYPTION_KEY. A fresh 96-bit IV per value.
 */
async function aesKey(secret: string | undefined): Promise<CryptoKey> {
  if (!secret) throw new MissingEncryptionKeyError();
  const raw = await crypto.subtle.digest("SHA-256", encoder.encode(secret));
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

/** `v1.<base64 iv>.<base64 ciphertext+tag>` */
export async function encryptText(secret: string | undefined, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(secret);
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    key,
    encoder.encode(plaintext),
  );
  return `${FORMAT}.${bytesToBase64(iv)}.${bytesToBase64(new Uint8Array(sealed))}`;
}

export async function decryptText(secret: string | undefined, boxed: string): Promise<string> {
  const [format, iv, sealed] = boxed.split(".");
  if (format !== FORMAT || !iv || !sealed) throw new Error("Unknown ciphertext format");
  const key = await aesKey(secret);
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: base64ToBytes(iv) },
    key,
    base64ToBytes(sealed),
  );
  return new TextDecoder().decode(plain);
}
