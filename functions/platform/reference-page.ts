/**
 * The API reference page (issue 12 §4): Redoc, the renderer installed from npm and served by this API
 * (GET /docs/redoc.standalone.js, no CDN at run time), renders /openapi.json in the browser. Without JavaScript the
 * page lists the operations and links the document. A pure function of the OpenAPI document; `npm run openapi`
 * renders it into openapi.generated.ts for the docs function. Both links are relative to /docs, so the page works
 * under a stage or a path prefix as well.
 */

/** What the page reads of an OpenAPI document. */
export interface ReferenceDocument {
  openapi: string;
  info: { title: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
}

/** The renderer's URL, relative to /docs, with its version so that a year of caching survives an upgrade. */
export const rendererUrl = (version: string) => `docs/redoc.standalone.js?v=${encodeURIComponent(version)}`;

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function renderReferencePage(doc: ReferenceDocument, rendererVersion: string): string {
  const rows = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { summary?: string; description?: string }>).map(
      ([method, op]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(op.summary ?? '')}</td><td>${escape(op.description ?? '')}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(doc.info.title)}</title>
<style>body{margin:0}noscript{display:block;font:14px system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}</style></head>
<body><redoc spec-url="openapi.json" expand-responses="200,201,202" required-props-first="true" path-in-middle-panel="true"></redoc>
<noscript><h1>${escape(doc.info.title)}</h1><p>This reference is rendered with JavaScript. The machine-readable contract is <a href="openapi.json">/openapi.json</a> (OpenAPI ${escape(doc.openapi)}).</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Who</th></tr></thead><tbody>${rows.join('')}</tbody></table></noscript>
<script src="${escape(rendererUrl(rendererVersion))}"></script></body></html>`;
}
