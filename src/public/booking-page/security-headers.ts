import { CLIENT_SCRIPT_HASH } from "./client-bundle.generated";
import { PAGE_STYLES } from "./styles";

async function sha256Source(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
}

let policy: string | undefined;

/**
 * Only the page's own inline script and stylesheet may run, pinned by hash (the script's is
 * computed from the built bundle by scripts/build-client.mjs), and they may only call and submit
 * forms to this origin (the zone switch and the manage page's cancel are forms that work without
 * JavaScript): injected markup could neither execute nor send data elsewhere.
 */
async function contentSecurityPolicy(): Promise<string> {
  policy ??= [
    "default-src 'none'",
    `script-src ${CLIENT_SCRIPT_HASH}`,
    `style-src ${await sha256Source(PAGE_STYLES)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return policy;
}

/** Pages are never cached: a manage page carries its booking's token. */
export async function pageSecurityHeaders(): Promise<Record<string, string>> {
  return {
    "Content-Security-Policy": await contentSecurityPolicy(),
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
  };
}
