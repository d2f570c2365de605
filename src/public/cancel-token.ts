import { constantTimeEqual, sha256Hex } from "../lib/crypto";
import { randomBase62 } from "../lib/ids";

/** 43 base-62 characters: about 256 bits, so the token cannot be guessed. */
const CANCEL_TOKEN_LENGTH = 43;

export interface CancelToken {
  token: string;
  hash: string;
}

export async function issueCancelToken(): Promise<CancelToken> {
  const token = randomBase62(CANCEL_TOKEN_LENGTH);
  return { token, hash: await sha256Hex(token) };
}

/**
 * Whether the presented token matches the stored hash. The hash is computed even when nothing is
 * stored, so a missing booking and a wrong token take the same time.
 */
export async function cancelTokenMatches(
  presented: string | undefined,
  storedHash: string | null | undefined,
): Promise<boolean> {
  const presentedHash = await sha256Hex(presented ?? "");
  if (!presented || !storedHash) return false;
  return constantTimeEqual(presentedHash, storedHash);
}
