/**
 * A self-contained reference page (no CDN: the embedded stack runs offline), rendered from the OpenAPI document.
 */
import { docsRoute } from './routes';
import { api } from '#shared/http/api-handler';
import { routes } from '#functions/routes';
import { buildOpenApiDocument } from '#shared/http/openapi';

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function render(): string {
  const doc = buildOpenApiDocument(routes);
  const rows = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(
      item as Record<string, { summary?: string; description?: string; operationId?: string }>,
    ).map(
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

const page = render();

export const handler = api(docsRoute, async () => ({
  status: 200,
  body: undefined,
  raw: page,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' },
}));
