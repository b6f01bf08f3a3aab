/**
 * The API reference page (self-contained, no CDN: the embedded stack runs offline), a pure function of the
 * OpenAPI document; `npm run openapi` renders it into openapi.generated.ts for the docs function.
 */

/** What the page reads of an OpenAPI document. */
export interface ReferenceDocument {
  openapi: string;
  info: { title: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
}

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function renderReferencePage(doc: ReferenceDocument): string {
  const rows = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { summary?: string; description?: string }>).map(
      ([method, op]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(op.summary ?? '')}</td><td>${escape(op.description ?? '')}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}code{font-size:13px}</style></head>
<body><h1>${escape(doc.info.title)}</h1><p>${escape(doc.info.description ?? '')}</p>
<p>Machine-readable contract: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escape(doc.openapi)}). Errors are <code>application/problem+json</code> (RFC 9457) with <code>errors[]</code> naming each field.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Who</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}
