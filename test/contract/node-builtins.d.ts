// The Node APIs the contract test uses beyond those the browser test declares
// (test/e2e/node-builtins.d.ts); ambient module declarations of the same name merge.

declare module "node:fs" {
  export function writeFileSync(path: string, data: string): void;
}
