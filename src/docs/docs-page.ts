import { html, raw } from "hono/html";

// Served by the Worker itself (wrangler.toml `[assets]`, built by scripts/build-assets.mjs from
// the pinned @scalar/api-reference in node_modules): /docs needs no CDN and works offline.
export const SCALAR_VERSION = "1.72.1";
export const SCALAR_BUNDLE_PATH = `/docs/scalar/api-reference-${SCALAR_VERSION}.js`;

interface OperationSummary {
  method: string;
  path: string;
  summary: string;
  tag: string;
}

export type OperationPaths = Record<string, Record<string, { summary?: string; tags?: string[] }>>;

export function summarizeOperations(paths: OperationPaths): OperationSummary[] {
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      summary: op.summary ?? "",
      tag: op.tags?.[0] ?? "Other",
    })),
  );
}

/**
 * The interactive reference (Scalar, which brings its own <main> and landmarks) replaces the
 * server-rendered list of operations, a <main> of its own for clients without JavaScript.
 */
export function renderDocsPage(operations: OperationSummary[]) {
  const rows = operations.map(
    (op) =>
      html`<tr><td><code>${op.method}</code></td><td><code>${op.path}</code></td><td>${op.tag}</td><td>${op.summary}</td></tr>`,
  );
  const config = JSON.stringify({ url: "/openapi.json", withDefaultFonts: false });
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>API reference</title>
  <style>
    #fallback { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2937; }
    #fallback table { border-collapse: collapse; width: 100%; }
    #fallback td, #fallback th { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e5e7eb; }
    #fallback code { font-size: .9rem; }
  </style>
</head>
<body>
  <main id="fallback">
    <h1>Scheduling &amp; Booking API reference</h1>
    <p>The machine-readable document is at <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
    Authenticate with the <code>X-API-KEY</code> header.</p>
    <table><thead><tr><th>Method</th><th>Path</th><th>Group</th><th>What it does</th></tr></thead>
    <tbody>${rows}</tbody></table>
  </main>
  <div id="reference"></div>
  <script src="${SCALAR_BUNDLE_PATH}"></script>
  <script>${raw(`
    if (window.Scalar) {
      Scalar.createApiReference("#reference", ${config});
      document.getElementById("fallback").remove();
    }
  `)}</script>
</body>
</html>`;
}
