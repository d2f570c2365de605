// @types/node is not a dependency: the one node:crypto API the signature check uses, typed as
// narrowly as it is used (the Workers runtime provides node:crypto to the tests).
declare module "node:crypto" {
  interface Hmac {
    update(data: string): Hmac;
    digest(): Uint8Array;
  }
  export function createHmac(algorithm: "sha256", key: Uint8Array): Hmac;
  export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}
