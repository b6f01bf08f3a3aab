/**
 * Issue 12 §4 over HTTP: /docs is the reference Redoc renders in the browser, and everything the page loads comes
 * from this API (no CDN): the renderer as installed from npm, and /openapi.json. Resolved from the page as a
 * browser resolves it, so a link that works only at the root of a host fails here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { api, stackInfo } from '../support/stack-client';

const installedRedoc = () =>
  readFileSync(createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js'), 'utf8');

describe('GET /docs on the embedded stack', () => {
  it('is a page whose script is Redoc’s standalone bundle and whose spec is /openapi.json, both served here', async () => {
    // Act
    const page = await api('GET', '/docs');
    const pageUrl = new URL('/docs', stackInfo().baseUrl);
    const scriptUrl = new URL(/<script src="([^"]+)"/.exec(page.text)?.[1] ?? '', pageUrl);
    const specUrl = new URL(/<redoc spec-url="([^"]+)"/.exec(page.text)?.[1] ?? '', pageUrl);
    const [script, spec] = await Promise.all([fetch(scriptUrl), fetch(specUrl)]);

    // Assert
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(scriptUrl.origin).toBe(pageUrl.origin);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe(installedRedoc());
    expect(specUrl.origin).toBe(pageUrl.origin);
    expect(spec.status).toBe(200);
    expect(((await spec.json()) as { openapi: string }).openapi).toMatch(/^3\.1\./);
  });
});
