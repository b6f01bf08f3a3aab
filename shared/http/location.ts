/**
 * The `Location` of a 201 (RFC 9110 §10.2.2, issue 12 §4): where the created record is read. A pure function of
 * the route, the request's path and the answer's body, so the pipeline (api-handler.ts `toResult`) sends it on the
 * first answer and on an idempotent replay alike, and OpenAPI documents it. test/unit/openapi-location.test.ts
 * proves that every 201 route's location is a GET route of the table.
 *
 * - A creating POST on a collection: the collection's path and the record's id, `/v1/contractors/{id}` (the id is
 *   the body's field named like the item route's parameter, e.g. `documentId`, else `id`).
 * - A creating PUT: its own path.
 * - Where the record is read elsewhere (no GET of the item, or another path), `LOCATIONS` names the GET route.
 */
import type { RouteDef } from './route-def';

interface Elsewhere {
  /** A GET route's path template. */
  template: string;
  /** Its parameters not in the request path, from the body: the field's dot path (`document.contractorId`). */
  from?: Readonly<Record<string, string>>;
}

/**
 * The 201 routes whose record is read at another path than the rule above gives, by `METHOD path`. The
 * collections where no GET of one item exists point to the list that shows it.
 */
export const LOCATIONS: Readonly<Record<string, Elsewhere>> = {
  // The bureau's catalog is read whole, publicly.
  'POST /v1/catalog/items': { template: '/v1/public/catalog' },
  // A bid document is read under its bidder (for the bidder: its own contractorId).
  'POST /v1/projects/{id}/bid/documents': {
    template: '/v1/projects/{id}/bids/{contractorId}/documents/{documentId}',
    from: { contractorId: 'document.contractorId', documentId: 'documentId' },
  },
  // Challenges and the evaluator pool are read as lists.
  'POST /v1/projects/{id}/challenges': { template: '/v1/projects/{id}/challenges' },
  'PUT /v1/evaluators/{sub}': { template: '/v1/evaluators' },
  // A contractor's user has no GET of its own (issue 12 §1): the contractor it acts for; its delegations, as a list.
  'POST /v1/contractors/{id}/users': { template: '/v1/contractors/{id}' },
  'PUT /v1/contractors/{id}/delegations/{portalId}': { template: '/v1/contractors/{id}/delegations' },
  // A panel member's signature is read on its acceptance (issue 13 §3).
  'POST /v1/contracts/{id}/acceptances/{acceptanceId}/signatures': {
    template: '/v1/contracts/{id}/acceptances/{acceptanceId}',
  },
  // Issue 13 §4: a payment is read with its milestone, in the contract's milestones.
  'POST /v1/contracts/{id}/payments': { template: '/v1/contracts/{id}/milestones' },
  // Issue 13 §1: employment evidence is read on its staff member; a contract's dispatches, as a list.
  'POST /v1/contractors/{id}/staff/{staffId}/evidence': { template: '/v1/contractors/{id}/staff/{staffId}' },
  'POST /v1/contracts/{id}/dispatches': { template: '/v1/contracts/{id}/dispatches' },
  // Issue 13 §2: a contract's financial reports are read as a list.
  'PUT /v1/contracts/{id}/financial-reports/{period}': { template: '/v1/contracts/{id}/financial-reports' },
  // Issue 13 §2: a delivery record under its contract (the rule would name the parameter `deliverieId`).
  'POST /v1/contracts/{id}/deliveries': {
    template: '/v1/contracts/{id}/deliveries/{deliveryId}',
    from: { deliveryId: 'id' },
  },
};

const PARAMETER = /^\{(.+)\}$/;

/** `{id}` → `prj_01…`: the request path's segment where the route's template has the parameter. */
function pathParameters(template: string, rawPath: string): Map<string, string> {
  const names = template.split('/');
  const values = rawPath.split('/');
  const parameters = new Map<string, string>();
  names.forEach((segment, i) => {
    const name = PARAMETER.exec(segment)?.[1];
    if (name && values[i] !== undefined) parameters.set(name, decodeURIComponent(values[i]));
  });
  return parameters;
}

function field(body: unknown, dotPath: string): unknown {
  let value = body;
  for (const key of dotPath.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** The GET route template a 201 of this route points to. */
export function locationTemplate(route: Pick<RouteDef, 'method' | 'path'>): string {
  const elsewhere = LOCATIONS[`${route.method} ${route.path}`];
  if (elsewhere) return elsewhere.template;
  if (route.method === 'PUT') return route.path;
  return `${route.path}/{${itemParameter(route.path)}}`;
}

/** `/v1/contractors` → `id`; `/v1/contractors/{id}/documents` → `documentId` (the parent's `{id}` is taken). */
function itemParameter(collection: string): string {
  if (!collection.includes('{id}')) return 'id';
  const segment = collection.split('/').at(-1) ?? '';
  return `${segment.replace(/s$/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}Id`;
}

/**
 * The Location of a 201 answer of `route` to a request on `rawPath` with `body`, or undefined when the body lacks
 * what it needs (then no Location is sent rather than a wrong one).
 */
export function locationOf(
  route: Pick<RouteDef, 'method' | 'path'>,
  rawPath: string,
  body: unknown,
): string | undefined {
  const template = locationTemplate(route);
  const known = pathParameters(route.path, rawPath);
  const from = LOCATIONS[`${route.method} ${route.path}`]?.from ?? {};
  const segments = template.split('/').map((segment) => {
    const name = PARAMETER.exec(segment)?.[1];
    if (!name) return segment;
    const value = known.get(name) ?? field(body, from[name] ?? name) ?? field(body, 'id');
    return typeof value === 'string' && value !== '' ? encodeURIComponent(value) : undefined;
  });
  return segments.includes(undefined) ? undefined : segments.join('/');
}
