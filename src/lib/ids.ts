const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Uniform base-62 characters from crypto randomness (rejection sampling avoids modulo bias). */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export type IdPrefix =
  | "org"
  | "key"
  | "spc"
  | "sm"
  | "exp"
  | "rec"
  | "bkg"
  | "whe"
  | "evt"
  | "whd"
  | "hld";

/** Opaque resource ID: a type prefix and 20 random base-62 characters (§1). */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(20)}`;
}

export const GENERAL_SPACE_ID = "GENERAL";
