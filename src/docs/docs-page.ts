import { html, raw } from "hono/html";

// Pinned, with Subresource Integrity: the sha384 of dist/browser/standalone.js in the npm
// tarball of @scalar/api-reference@1.72.1, which jsDelivr serves byte for byte.
const SCALAR_URL =
  "https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.72.1/dist/browser/standalone.js";
const SCALAR_INTEGRITY = "sha384-U11tb2XnKvmwt8RlTvnwUnYgrN+ur4Xyh9htLhjajWNR/Oyl5AX5DEz00qRmlrmK";

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
 * The interactive reference (Scalar) loads from its CDN; the server-rendered list of operations
 * underneath keeps /docs useful where the CDN cannot be reached.
 */
export function renderDocsPage(operations: OperationSummary[]) {
  const rows = operations.map(
    (op) =>
      html`<tr><td><code>${op.method}</code></td><td><code>${op.path}</code></td><td>${op.tag}</td><td>${op.summary}</td></tr>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>API reference</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2937; }
    table { border-collapse: collapse; width: 100%; }
    td, th { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e5e7eb; }
    code { font-size: .9rem; }
  </style>
</head>
<body>
  <div id="fallback">
    <h1>Scheduling &amp; Booking API reference</h1>
    <p>The machine-readable document is at <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
    Authenticate with the <code>X-API-KEY</code> header.</p>
    <table><thead><tr><th>Method</th><th>Path</th><th>Group</th><th>What it does</th></tr></thead>
    <tbody>${rows}</tbody></table>
  </div>
  <script id="api-reference" data-url="/openapi.json"></script>
  <script>${raw(`
    var s = document.createElement("script");
    s.src = "${SCALAR_URL}";
    s.integrity = "${SCALAR_INTEGRITY}";
    s.crossOrigin = "anonymous";
    s.onload = function () { document.getElementById("fallback").remove(); };
    document.body.appendChild(s);
  `)}</script>
</body>
</html>`;
}
