// @types/node is not a dependency of this Workers project: these are the few Node APIs the
// browser test uses, typed as narrowly as it uses them.

declare module "node:child_process" {
  export function spawnSync(
    command: string,
    args: readonly string[],
    options: { stdio: readonly ("ignore" | "pipe" | "inherit")[]; encoding: "utf8" },
  ): { status: number | null; stdout: string; stderr: string };
}

declare module "node:fs" {
  export function existsSync(path: string): boolean;
  export function readFileSync(path: string, encoding: "utf8"): string;
  export function mkdirSync(path: string, options?: { recursive?: boolean }): string | undefined;
  export function mkdtempSync(prefix: string): string;
  export function rmSync(path: string, options?: { recursive?: boolean; force?: boolean }): void;
}

declare module "node:os" {
  export function tmpdir(): string;
}

declare module "node:path" {
  export function join(...paths: string[]): string;
}

declare const process: {
  readonly env: Record<string, string | undefined>;
  readonly execPath: string;
};
