/**
 * Issue 12 §4, the OpenAPI document as a contract that says what it means: each operation tagged with its
 * capability, the response headers the pipeline sends, every status its route can answer (including API Gateway's
 * own 401 and 413, as they are), and the conventions of docs/api.md in `info.description`. Walked over the whole
 * route table, so a route added later is held to the same.
 */
import { describe, expect, it } from 'vitest';
import { routes, type RouteDef } from '#functions/routes';
import { openApiDocument } from '#infra/openapi/document';
import { CAPABILITY_TAGS, buildOpenApiDocument, capabilityOf } from '#shared/http/openapi';
import { limitedPerCaller } from '#shared/http/route-def';

interface Media {
  schema?: Record<string, unknown>;
  example?: unknown;
}
interface Response {
  description: string;
  headers?: Record<string, { description: string; schema: Record<string, unknown> }>;
  content?: Record<string, Media>;
}
interface Operation {
  operationId: string;
  tags?: string[];
  description?: string;
  responses: Record<string, Response>;
}
interface Document {
  info: { description: string };
  tags: { name: string; description?: string }[];
  'x-tagGroups': { name: string; tags: string[] }[];
  paths: Record<string, Record<string, Operation>>;
}

const document = openApiDocument() as unknown as Document;
/** What `#/components/<section>/<name>` points to (shared responses and headers are referred to). */
const deref = <T>(value: T | { $ref: string } | undefined): T | undefined => {
  const pointer = (value as { $ref?: string } | undefined)?.$ref;
  if (!pointer) return value as T | undefined;
  const [, , section, name] = pointer.split('/');
  return (document as unknown as { components: Record<string, Record<string, T>> }).components[section!]![
    name!
  ];
};
const responseOf = (route: RouteDef, status: number | string) =>
  deref<Response>(operationOf(route).responses[String(status)]);
const headersOf = (route: RouteDef, status: number | string) =>
  Object.fromEntries(
    Object.entries(responseOf(route, status)?.headers ?? {}).map(([name, h]) => [name, deref(h)!]),
  );
const table = Object.entries(routes) as [string, RouteDef][];
const operationOf = (route: RouteDef) => document.paths[route.path]![route.method.toLowerCase()]!;
const successStatuses = (route: RouteDef) => [route.response.status, ...(route.response.alsoStatus ?? [])];

describe('tags', () => {
  it('put each operation under the capability its handler lives in (functions/<capability>/)', () => {
    for (const [name, route] of table) {
      const capability = route.handler.split('/')[1]!;
      expect(operationOf(route).tags, name).toEqual([CAPABILITY_TAGS[capability]?.name ?? capability]);
    }
    expect(operationOf(routes.submitBid).tags).toEqual(['Bids']);
    expect(operationOf(routes.listOcdsReleases).tags).toEqual(['Public disclosure']);
  });

  it('are each described, and each in one group of the reference, so a new capability is one line to add', () => {
    const used = new Set(table.map(([, route]) => operationOf(route).tags![0]));

    expect(document.tags.map((t) => t.name).sort()).toEqual([...used].sort());
    for (const tag of document.tags)
      expect(tag.description, `describe ${tag.name} in CAPABILITY_TAGS`).toBeTruthy();
    const grouped = document['x-tagGroups'].flatMap((g) => g.tags);
    expect(grouped.sort()).toEqual([...used].sort());
  });

  it('come from the handler path alone: a capability nobody described yet still gets its own tag', () => {
    const route = { ...routes.health, handler: 'functions/window/open-case' } satisfies RouteDef;

    const doc = buildOpenApiDocument({ openCase: route });

    expect(capabilityOf(route)).toBe('window');
    expect(doc.paths[route.path]?.get).toMatchObject({ tags: ['window'] });
    expect(doc.tags).toEqual([{ name: 'window' }]);
  });
});

describe('statuses', () => {
  it('declare, on every operation, what its route can answer', () => {
    for (const [name, route] of table) {
      const declared = Object.keys(operationOf(route).responses).map(Number);
      const expected = [...successStatuses(route)];
      if (route.request?.body) expected.push(400, 413, 415);
      if (route.request?.params || route.request?.query) expected.push(400);
      if (route.conditional) expected.push(400, 412, 428);
      if (route.idempotent) expected.push(400, 422);
      if (route.auth !== 'public') expected.push(401, 403, 404);
      if (route.method !== 'GET') expected.push(409, 422);
      if (limitedPerCaller(route)) expected.push(429);
      expected.push(...(route.response.errors ?? []));

      expect(declared, name).toEqual(expect.arrayContaining([...new Set(expected)]));
    }
  });

  it('document the 401 of API Gateway as it is, {"message":"Unauthorized"} in application/json, beside the API’s own', () => {
    for (const [name, route] of table.filter(([, r]) => r.auth !== 'public')) {
      const unauthorized = responseOf(route, 401)!;
      expect(unauthorized.content?.['application/json'], name).toEqual({
        schema: {
          type: 'object',
          properties: { message: { type: 'string', const: 'Unauthorized' } },
          required: ['message'],
        },
        example: { message: 'Unauthorized' },
      });
      expect(unauthorized.content, name).toHaveProperty(['application/problem+json']);
      expect(responseOf(route, 403)?.content, name).toHaveProperty(['application/problem+json']);
    }
  });

  it('document 415 and the gateway’s 413 on every route that takes a body, and on no other', () => {
    for (const [name, route] of table) {
      const responses = operationOf(route).responses;
      if (route.request?.body) {
        expect(responseOf(route, 415)?.content, name).toHaveProperty(['application/problem+json']);
        expect(responseOf(route, 413)?.content?.['application/json']?.example, name).toEqual({
          message: 'Request Entity Too Large',
        });
      } else {
        expect(responses, name).not.toHaveProperty('415');
      }
    }
  });

  it('declare no 400 where nothing of the request is read (no parameter, body or header)', () => {
    expect(operationOf(routes.health).responses).not.toHaveProperty('400');
    expect(operationOf(routes.docs).responses).not.toHaveProperty('400');
    expect(operationOf(routes.getContractor).responses).toHaveProperty('400');
  });
});

describe('response headers', () => {
  it('carry Cache-Control on every success, ETag where the body has a version, Location on every 201', () => {
    for (const [name, route] of table) {
      for (const status of successStatuses(route)) {
        const headers = headersOf(route, status);
        expect(headers['Cache-Control']?.description, `${name} ${status}`).toMatch(
          route.auth === 'public' ? /public, max-age/ : /no-store/,
        );
        if (status === 201) expect(headers, `${name} 201`).toHaveProperty('Location');
        else expect(headers, `${name} ${status}`).not.toHaveProperty('Location');
      }
    }
    expect(headersOf(routes.getContractor, 200).ETag?.description).toMatch(/If-Match/);
    expect(headersOf(routes.updateProject, 200)).toHaveProperty('ETag');
    // An upload's answer sends its document's version as the ETag (created(view, document.version)).
    expect(headersOf(routes.requestDocumentUpload, 201)).toHaveProperty('ETag');
    expect(headersOf(routes.requestBidDocumentUpload, 201)).toHaveProperty('ETag');
    expect(headersOf(routes.listContractors, 200)).not.toHaveProperty('ETag');
    expect(headersOf(routes.getPublicCatalog, 200)).not.toHaveProperty('ETag');
  });

  it('carry Idempotency-Replayed on the idempotent routes only, and Retry-After on every 429', () => {
    for (const [name, route] of table) {
      const success = headersOf(route, route.response.status);
      if (route.idempotent) expect(success, name).toHaveProperty('Idempotency-Replayed');
      else expect(success, name).not.toHaveProperty('Idempotency-Replayed');
      if (operationOf(route).responses['429'])
        expect(headersOf(route, 429)['Retry-After']?.schema, name).toMatchObject({ type: 'integer' });
    }
  });
});

describe('info.description', () => {
  const description = document.info.description;

  it('holds the conventions of docs/api.md a portal developer needs before the first call', () => {
    for (const convention of [
      'Idempotency-Key',
      'Idempotency-Replayed: true',
      'If-Match',
      'If-None-Match: *',
      '428',
      '412',
      'cursor',
      'fen',
      'Asia/Shanghai',
      '+08:00',
      'application/problem+json',
      'Retry-After',
      '429',
      '{"message":"Unauthorized"}',
      'delegation',
      'On-Behalf-Of',
    ]) {
      expect(description, convention).toContain(convention);
    }
  });

  it('states the per-caller limits as the code sets them', async () => {
    const { CONTRACTOR_WRITES, PORTAL_WRITES } = await import('#shared/http/rate-limit');

    expect(description).toContain(
      `${CONTRACTOR_WRITES.burst} at once, then ${CONTRACTOR_WRITES.ratePerSecond} per second`,
    );
    expect(description).toContain(
      `${PORTAL_WRITES.burst} at once, then ${PORTAL_WRITES.ratePerSecond} per second`,
    );
  });

  it('names the delegation scope on each operation a portal may call for a contractor', () => {
    for (const [name, route] of table.filter(([, r]) => r.delegable)) {
      expect(operationOf(route).description, name).toContain(`\`${route.delegable}\` delegation`);
      expect(operationOf(route), name).toHaveProperty('x-delegation-scope', route.delegable);
      expect(
        (operationOf(route) as { parameters?: { name: string; in: string }[] }).parameters,
        name,
      ).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'On-Behalf-Of', in: 'header' })]));
    }
  });
});
