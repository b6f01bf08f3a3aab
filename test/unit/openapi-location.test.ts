/**
 * Issue 12 §4: a 201 says where the created record is read (`Location`, shared/http/location.ts), and that place is
 * a GET route of the table, for every creating route, including those added later.
 */
import { describe, expect, it } from 'vitest';
import { routes, type RouteDef } from '#functions/routes';
import { LOCATIONS, locationOf, locationTemplate } from '#shared/http/location';
import { openApiDocument } from '#infra/openapi/document';

const table = Object.entries(routes) as [string, RouteDef][];
const creating = table.filter(([, r]) => [r.response.status, ...(r.response.alsoStatus ?? [])].includes(201));
const gets = new Set(table.filter(([, r]) => r.method === 'GET').map(([, r]) => r.path));
const document = openApiDocument() as unknown as {
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<
          string,
          { content?: Record<string, { examples?: Record<string, { $ref: string }> }> }
        >;
      }
    >
  >;
  components: { examples: Record<string, { value: unknown }> };
};
/** The example of a 201 body, as the document refers to it (components.examples). */
const createdExample = (route: RouteDef) => {
  const media =
    document.paths[route.path]?.[route.method.toLowerCase()]?.responses['201']?.content?.['application/json'];
  const pointer = Object.values(media?.examples ?? {})[0]?.$ref ?? '';
  return document.components.examples[pointer.split('/').at(-1) ?? '']?.value;
};
const templateRegex = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);

describe('Location of a 201', () => {
  it('is a GET route of the table for every route that answers 201', () => {
    expect(creating.length).toBeGreaterThan(8);
    for (const [name, route] of creating)
      expect(gets, `${name}: GET ${locationTemplate(route)}`).toContain(locationTemplate(route));
  });

  it('is filled from the request path and the created record, for each creating route and its example', () => {
    for (const [name, route] of creating) {
      // The request path with a value of its own for each parameter.
      const rawPath = route.path.replace(/\{([^}]+)\}/g, (_, p: string) => `the-${p}`);
      const body = createdExample(route);
      expect(body, `${name}: an example of its 201 body`).toBeDefined();

      const location = locationOf(route, rawPath, body);

      expect(location, name).toMatch(templateRegex(locationTemplate(route)));
      for (const [, p] of route.path.matchAll(/\{([^}]+)\}/g))
        if (locationTemplate(route).includes(`{${p}}`))
          expect(location, `${name} keeps {${p}}`).toContain(`/the-${p}`);
    }
  });

  it('puts the new id after a collection, its own path for a PUT, and the bidder for a bid document', () => {
    expect(locationOf(routes.registerContractor, '/v1/contractors', { id: 'ctr_1' })).toBe(
      '/v1/contractors/ctr_1',
    );
    expect(
      locationOf(routes.requestDocumentUpload, '/v1/contractors/ctr_1/documents', {
        documentId: 'doc_2',
        document: { id: 'x' },
      }),
    ).toBe('/v1/contractors/ctr_1/documents/doc_2');
    expect(locationOf(routes.submitBid, '/v1/projects/prj_1/bid', { id: 'bid_9' })).toBe(
      '/v1/projects/prj_1/bid',
    );
    expect(
      locationOf(routes.requestBidDocumentUpload, '/v1/projects/prj_1/bid/documents', {
        documentId: 'bdoc_3',
        document: { contractorId: 'ctr_7' },
      }),
    ).toBe('/v1/projects/prj_1/bids/ctr_7/documents/bdoc_3');
  });

  it('encodes what it puts in the path, and gives none rather than a wrong one when the body lacks the id', () => {
    expect(locationOf(routes.registerContractor, '/v1/contractors', { id: 'a/b c' })).toBe(
      '/v1/contractors/a%2Fb%20c',
    );
    expect(locationOf(routes.registerContractor, '/v1/contractors', {})).toBeUndefined();
    expect(locationOf(routes.registerContractor, '/v1/contractors', undefined)).toBeUndefined();
  });

  it('names in LOCATIONS only routes of the table that answer 201', () => {
    const keys = new Set(creating.map(([, r]) => `${r.method} ${r.path}`));
    const stale = Object.keys(LOCATIONS).filter((k) => !keys.has(k));
    expect(stale).toEqual([]);
  });

  it('is documented on each 201 response of the OpenAPI document with its GET route', () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { headers?: Record<string, { description: string }> }> }>
      >;
    };
    for (const [name, route] of creating) {
      const location =
        doc.paths[route.path]?.[route.method.toLowerCase()]?.responses['201']?.headers?.Location;
      expect(location?.description, name).toContain(`GET ${locationTemplate(route)}`);
    }
  });
});
