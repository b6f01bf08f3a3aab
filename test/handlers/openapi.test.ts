import { describe, expect, it } from 'vitest';
import { handler as docs } from '#functions/platform/docs';
import { handler as openapi } from '#functions/platform/openapi';
import { handler as redocScript } from '#functions/platform/redoc-script';
import type { RouteDef } from '#functions/routes';
import { routes } from '#functions/routes';
import { buildOpenApiDocument } from '#shared/http/openapi';
import { renderReferencePage } from '#functions/platform/reference-page';
import { openApiJson, referencePage } from '#functions/platform/openapi.generated';
import { openApiDocument, redocVersion } from '#infra/openapi/document';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { apiEvent, json, lambdaContext } from './support';

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, unknown>; $ref?: string }>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, { content?: Record<string, unknown> }> };
}

const table = Object.entries(routes) as [string, RouteDef][];
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document with an operation for every route of the route table', async () => {
    // Act
    const result = await openapi(apiEvent(routes.openapi), lambdaContext());

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('application/json');
    const doc = json<OpenApiDocument>(result);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(table.map(([, r]) => `${r.method} ${r.path}`).sort());
    for (const [name, route] of table) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, name).toBe(name);
      expect(Object.keys(operation?.responses ?? {}), name).toContain(String(route.response.status));
    }
  });

  it('declares bearer auth on protected routes, If-Match on updates and problem+json errors', async () => {
    // Act
    const doc = json<OpenApiDocument>(await openapi(apiEvent(routes.openapi), lambdaContext()));

    // Assert
    const decide = doc.paths[routes.decideCondition.path]?.put;
    expect(decide?.security).toEqual([{ bearer: [] }]);
    expect(decide?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header', required: true })]),
    );
    expect(Object.keys(decide?.responses ?? {})).toEqual(expect.arrayContaining(['412', '428']));
    expect(decide?.responses['422']).toEqual({ $ref: '#/components/responses/UnprocessableContent' });
    expect(doc.components.responses.UnprocessableContent?.content).toHaveProperty([
      'application/problem+json',
    ]);
    expect(doc.paths[routes.getPublicCatalog.path]?.get?.security).toBeUndefined();
    const register = doc.paths[routes.registerContractor.path]?.post;
    expect(register?.parameters).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    ]);
  });
});

describe('what portal developers read of issue 10 §1 in the contract', () => {
  const doc = JSON.parse(openApiJson) as {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
    >;
    components: {
      schemas: Record<string, { properties: Record<string, Record<string, unknown>> }>;
      responses: Record<string, { content?: Record<string, unknown> }>;
    };
  };
  const schemas = doc.components.schemas;

  it('shows the range and the precision of the numbers that answered 500', () => {
    expect(schemas.Indicator?.properties.target).toMatchObject({
      type: 'number',
      minimum: -1_000_000_000,
      maximum: 1_000_000_000,
      multipleOf: 0.0001,
    });
    const quantity = schemas.CreateProject?.properties.quantity as { properties: Record<string, unknown> };
    expect(quantity.properties.value).toMatchObject({
      minimum: 0.001,
      maximum: 1_000_000_000,
      multipleOf: 0.001,
    });
    expect(schemas.CreateProject?.properties.estimatedAmount).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 10_000_000_000_000,
    });
  });

  it('shows that a release package is never empty and that nothing to send is a 404 problem', () => {
    expect(schemas.ReleasePackage?.properties.releases).toMatchObject({ type: 'array', minItems: 1 });
    const feed = doc.paths[routes.listOcdsReleases.path]?.get;
    expect(feed?.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
    expect(doc.components.responses.NotFound?.content).toHaveProperty(['application/problem+json']);
  });
});

describe('429 in the contract (issue 11 §3, §4)', () => {
  const doc = JSON.parse(openApiJson) as { paths: Record<string, Record<string, { responses: object }>> };
  const statuses = (method: string, path: string) => Object.keys(doc.paths[path]?.[method]?.responses ?? {});

  it('is documented on the writes a contractor or a portal may send, which the rate limiter applies to', () => {
    expect(statuses('put', '/v1/projects/{id}/bid')).toContain('429');
    expect(statuses('post', '/v1/contractors')).toContain('429');
    expect(statuses('post', '/v1/contractors/{id}/documents')).toContain('429');
  });

  it('is not documented on staff-only writes, reads or public routes, which it never answers', () => {
    expect(statuses('post', '/v1/projects/{id}/approve')).not.toContain('429');
    expect(statuses('get', '/v1/projects/{id}/bid')).not.toContain('429');
    expect(statuses('get', '/v1/public/announcements')).not.toContain('429');
  });
});

describe('functions/platform/openapi.generated.ts (issue 9 §3: the document is built with the code, not at init)', () => {
  const STALE = 'functions/platform/openapi.generated.ts is stale: run npm run openapi';

  it('holds exactly what openApiDocument() yields for the current route table, schemas and examples', () => {
    // Arrange
    const document = openApiDocument();

    // Assert (parsed first, for a readable diff; then the exact text served)
    expect(JSON.parse(openApiJson), STALE).toEqual(document);
    expect(openApiJson, STALE).toBe(JSON.stringify(document));
    expect(referencePage, STALE).toBe(renderReferencePage(document, redocVersion()));
  });

  it('is what GET /openapi.json and GET /docs serve', async () => {
    // Act
    const served = await openapi(apiEvent(routes.openapi), lambdaContext());
    const page = await docs(apiEvent(routes.docs), lambdaContext());

    // Assert
    expect(served.body).toBe(openApiJson);
    expect(page.body).toBe(referencePage);
  });
});

describe('buildOpenApiDocument', () => {
  it('documents exactly the table it is given, so shared/http needs no import of functions/ (issue 9 §2)', () => {
    // Act
    const doc = buildOpenApiDocument({ health: routes.health, getContractor: routes.getContractor });

    // Assert
    expect(Object.keys(doc.paths).sort()).toEqual([routes.getContractor.path, routes.health.path].sort());
    expect(doc.paths[routes.getContractor.path]?.get).toMatchObject({ operationId: 'getContractor' });
  });
});

describe('GET /docs (issue 12 §4: a reference rendered from the OpenAPI by Redoc, installed from npm)', () => {
  const redocFile = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
  const page = async () => (await docs(apiEvent(routes.docs), lambdaContext())).body ?? '';
  /** What the page at /docs loads, resolved as a browser resolves it. */
  const loaded = (html: string, pattern: RegExp) =>
    new URL(pattern.exec(html)?.[1] ?? '', 'https://api.example/docs');

  it('is an HTML page that has Redoc render /openapi.json with the renderer this API serves, no CDN', async () => {
    // Act
    const result = await docs(apiEvent(routes.docs), lambdaContext());

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^text\/html/);
    const html = result.body ?? '';
    expect(html).toMatch(/^<!doctype html>/i);
    expect(loaded(html, /<redoc spec-url="([^"]+)"/).pathname).toBe(routes.openapi.path);
    const script = loaded(html, /<script src="([^"]+)"/);
    expect(script.host).toBe('api.example');
    expect(script.pathname).toBe(routes.docsScript.path);
    expect(script.searchParams.get('v')).toBe(redocVersion());
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('lists every path and method of the route table for a reader without JavaScript', async () => {
    const html = await page();
    const fallback = /<noscript>([\s\S]*)<\/noscript>/.exec(html)?.[1] ?? '';
    for (const [, route] of table) {
      expect(fallback).toContain(
        `<td><code>${route.method}</code></td><td><code>${escapeHtml(route.path)}</code></td>`,
      );
    }
  });

  it('loads a script that is Redoc’s standalone bundle as installed, cached for a year', async () => {
    // Act
    const result = await redocScript(apiEvent(routes.docsScript), lambdaContext());

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('text/javascript; charset=utf-8');
    expect(result.headers?.['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(result.body).toBe(readFileSync(redocFile, 'utf8'));
    expect(result.body?.length).toBeGreaterThan(500_000);
  });
});

describe('field descriptions', () => {
  it('stay on the field they were written for: a shared schema described in one place is not described everywhere', () => {
    // Arrange: the feed's `since` describes the shared IsoDateTime; every other date-time field must not inherit it.
    const doc = JSON.stringify(buildOpenApiDocument(routes));
    const since = 'only releases dated at or after this instant (ISO 8601 with offset)';

    // Assert
    expect(doc.split(since).length - 1).toBe(1);
    const contract = (
      JSON.parse(doc) as { components: { schemas: Record<string, { properties: Record<string, object> }> } }
    ).components.schemas.Contract;
    // Its own sentence, if any (issue 12 §4: descriptions that belong to their field), never the feed's.
    expect((contract?.properties.createdAt as { description?: string }).description ?? '').not.toContain(
      since,
    );
  });
});
