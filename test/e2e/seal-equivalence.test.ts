/**
 * Sealed means sealed (R-PROC-5, issue 11 §1): while bids are sealed, no route tells a contractor that bid from
 * one that did not. One project published with a long deadline; one eligible contractor has bid and declared and
 * uploaded a document, another eligible contractor has not bid. Every route of the route table whose path touches
 * bids, bid documents or score sheets (chosen by its path, so a new such route is walked without editing this
 * file) is called by every role it allows, once naming the bidder and once naming the other, and the two answers
 * must be the same byte for byte once ids and dates are normalised: status, headers (ETag included) and body.
 *
 * A contractor naming itself learns about its own bid, which is no oracle; the contractor caller here is a third,
 * registered but not eligible, so that none of the walk's requests writes anything. Request bodies are the
 * schema's own valid values (from /openapi.json, one fixed seed) with any contractorId, bidId or documentId set
 * to the named contractor's and plausible values for the fields a request needs to reach its use case (SAMPLES);
 * conditional routes send If-Match "1" (the bidder's bid is at version 2). On today's code before the fix, the
 * compliance review answered 412 'current version "2"' for the bidder and 404 'bid not found' for the other.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role, RouteDef } from '#functions/routes';
import { routes } from '#functions/routes';
import { newId } from '#shared/domain/ids';
import { operationsOf, type OpenApiDocument } from '../support/fuzz/operations';
import { validValue } from '../support/fuzz/schema-arbitrary';
import { PDF_BYTES, sha256, socialOrganization, uploadWithPresignedPost } from '../support/fixtures';
import { eligibleContractor, publishedProject, unique } from '../support/procurement';
import { api, token, waitFor } from '../support/stack-client';

/** A contractor the walk names: its id, and the ids of its bid and document (made up for the one that did not bid). */
interface Named {
  label: 'bidder' | 'nonBidder';
  contractorId: string;
  bidId: string;
  documentId: string;
}

/** One caller of a route: a role, with the part it plays towards the project. */
interface Caller {
  as: string;
  token?: string;
}

const suffix = unique();
const PANEL = [`seal-eval-1-${suffix}`, `seal-eval-2-${suffix}`, `seal-eval-3-${suffix}`];
const PURCHASER = 'pur-town-1';

/** A literal segment of a path that names bids, bid documents or score sheets. */
const touchesSealed = (route: RouteDef) =>
  route.path
    .split('/')
    .filter((segment) => !segment.startsWith('{'))
    .some((segment) => /bid|score/i.test(segment));
const sealedRoutes = Object.entries(routes as Readonly<Record<string, RouteDef>>).filter(([, route]) =>
  touchesSealed(route),
);

let projectId: string;
let named: Named[];
let observer: string;
let document: OpenApiDocument;

beforeAll(async () => {
  const bureau = await token('bureau');
  const [project, bidder, nonBidder, registered, openapi] = await Promise.all([
    // Hours away: the whole walk happens while the bids are sealed.
    publishedProject({ evaluatorIds: PANEL, closesInSeconds: 6 * 3600, purchaserId: PURCHASER }),
    eligibleContractor(),
    eligibleContractor(),
    api<{ id: string }>('POST', '/v1/contractors', { token: bureau, body: socialOrganization() }),
    api<OpenApiDocument>('GET', '/openapi.json'),
  ]);
  projectId = project.id;
  document = openapi.json;
  expect(registered.status).toBe(201);
  observer = await token('contractor', { contractorId: registered.json.id });

  // The bidder bids, then declares a document and uploads it: its bid is at version 2.
  const bid = await api<{ id: string; version: number }>('PUT', `/v1/projects/${projectId}/bid`, {
    token: bidder.token,
    headers: { 'if-none-match': '*' },
    body: { price: 900_000, proposal: { summary: '照料护理服务方案' } },
  });
  expect(bid.status, bid.text).toBe(201);
  const declared = await api<{ documentId: string; upload: { url: string; fields: Record<string, string> } }>(
    'POST',
    `/v1/projects/${projectId}/bid/documents`,
    {
      token: bidder.token,
      body: {
        fileName: '技术方案.pdf',
        contentType: 'application/pdf',
        size: PDF_BYTES.length,
        sha256: sha256(PDF_BYTES),
      },
    },
  );
  expect(declared.status, declared.text).toBe(201);
  expect(await uploadWithPresignedPost(declared.json.upload, PDF_BYTES, 'application/pdf')).toBeLessThan(300);
  const documentPath = `/v1/projects/${projectId}/bids/${bidder.id}/documents/${declared.json.documentId}`;
  await waitFor(
    async () =>
      (await api<{ status: string }>('GET', documentPath, { token: bidder.token })).json.status ===
      'verified',
    { timeoutMs: 20_000 },
  );

  named = [
    { label: 'bidder', contractorId: bidder.id, bidId: bid.json.id, documentId: declared.json.documentId },
    { label: 'nonBidder', contractorId: nonBidder.id, bidId: newId('bid'), documentId: newId('bdoc') },
  ];
}, 120_000);

/** Every caller a role stands for: the project's own town and another; an evaluator on the panel and one not. */
async function callersOf(route: RouteDef): Promise<Caller[]> {
  if (route.auth === 'public') return [{ as: 'public' }];
  const callers: Caller[] = [];
  for (const role of route.auth as readonly Role[]) {
    switch (role) {
      case 'contractor':
        callers.push({ as: 'contractor (third, not eligible)', token: observer });
        break;
      case 'town':
        callers.push({ as: 'town (own)', token: await token('town', { purchaserId: PURCHASER }) });
        callers.push({ as: 'town (other)', token: await token('town', { purchaserId: 'pur-town-2' }) });
        break;
      case 'evaluator':
        callers.push({ as: 'evaluator (panel)', token: await token('evaluator', { sub: PANEL[0] }) });
        callers.push({
          as: 'evaluator (not on it)',
          token: await token('evaluator', { sub: `seal-x-${suffix}` }),
        });
        break;
      default:
        callers.push({ as: role, token: await token(role) });
    }
  }
  return callers;
}

/**
 * Values for fields the walk knows: the named contractor's ids, and plausible values where the schema's own would
 * stop the request at validation (a file name, a price, a score sheet of the named bid), so the request reaches
 * the use case. Any other field keeps the schema's valid value.
 */
const SAMPLES: Record<string, (who: Named) => unknown> = {
  contractorId: (who) => who.contractorId,
  bidId: (who) => who.bidId,
  documentId: (who) => who.documentId,
  fileName: () => '技术方案.pdf',
  contentType: () => 'application/pdf',
  size: () => PDF_BYTES.length,
  sha256: () => sha256(PDF_BYTES),
  price: () => 900_000,
  reason: () => '未提供服务承诺书',
  scores: (who) => [{ bidId: who.bidId, criterionCode: 'plan', score: 80 }],
};

/** A generated body with the fields of SAMPLES set for the named contractor. */
function naming(value: unknown, who: Named): unknown {
  if (Array.isArray(value)) return value.map((v) => naming(v, who));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SAMPLES[k] ? SAMPLES[k](who) : naming(v, who)]),
  );
}

/** The request for `route` naming `who`; a path parameter this file does not know fails loudly. */
function request(
  name: string,
  route: RouteDef,
  who: Named,
): { path: string; body?: unknown; headers: Record<string, string> } {
  const path = route.path.replace(/\{(\w+)\}/g, (_, param: string) => {
    switch (param) {
      case 'id':
        return projectId;
      case 'contractorId':
        return who.contractorId;
      case 'documentId':
        return who.documentId;
      case 'bidId':
        return who.bidId;
      default:
        throw new Error(`seal walk: ${name} has a path parameter {${param}} this test does not name`);
    }
  });
  const operation = operationsOf(document).find((o) => o.id === name);
  if (!operation) throw new Error(`seal walk: ${name} is not in /openapi.json`);
  const query = operation.queryParams
    .filter((p) => p.required)
    .map((p) => {
      const [value] = fc.sample(validValue(p.schema, document.components.schemas), { seed: 11, numRuns: 1 });
      return `${encodeURIComponent(p.name)}=${encodeURIComponent(String(value))}`;
    });
  const body = operation.body
    ? naming(
        fc.sample(validValue(operation.body, document.components.schemas), { seed: 11, numRuns: 1 })[0],
        who,
      )
    : undefined;
  return {
    path: query.length > 0 ? `${path}?${query.join('&')}` : path,
    ...(body !== undefined ? { body } : {}),
    headers: route.conditional ? { 'if-match': '"1"' } : {},
  };
}

/** Headers that differ between any two requests (transport, tracing). */
const TRANSPORT = new Set([
  'date',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'x-request-id',
  'apigw-requestid',
]);

/** The answer with the named contractor's ids, then any other record id, and every date and time replaced. */
function normalised(
  answer: { status: number; headers: Headers; text: string },
  who: Named,
): { status: number; headers: Record<string, string>; body: string } {
  const scrub = (text: string) =>
    text
      .replaceAll(who.contractorId, '<contractor>')
      .replaceAll(who.bidId, '<bid>')
      .replaceAll(who.documentId, '<document>')
      .replace(/\b[a-z]{2,5}_[0-9a-z]{20}\b/g, '<id>')
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g, '<time>')
      .replace(/\d{4}-\d{2}-\d{2}/g, '<date>');
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, key) => {
    if (!TRANSPORT.has(key)) headers[key] = scrub(value);
  });
  return { status: answer.status, headers, body: scrub(answer.text) };
}

describe('sealed bids answer alike for a contractor that bid and one that did not (R-PROC-5)', () => {
  it('selects the bid, bid-document and score-sheet routes from the route table by path', () => {
    const names = sealedRoutes.map(([name]) => name);
    // What the table holds today; a new such route joins the walk without being listed here.
    expect(names).toEqual(
      expect.arrayContaining([
        'submitBid',
        'getOwnBid',
        'listBids',
        'requestBidDocumentUpload',
        'getBidDocument',
        'disqualifyBid',
        'submitScores',
        'listScoreSheets',
      ]),
    );
  });

  it.each(sealedRoutes.map(([name, route]) => [`${route.method} ${route.path}`, name, route] as const))(
    '%s: every allowed caller gets the same answer naming either contractor',
    async (_label, name, route) => {
      const differences: string[] = [];
      for (const caller of await callersOf(route)) {
        const answers = [];
        for (const who of named) {
          const { path, body, headers } = request(name, route, who);
          const answer = await api(route.method, path, {
            ...(caller.token ? { token: caller.token } : {}),
            headers,
            ...(body !== undefined ? { body } : {}),
          });
          // A 5xx is a bug, whatever the seal.
          expect(answer.status, `${caller.as}: ${answer.text}`).toBeLessThan(500);
          answers.push(normalised(answer, who));
        }
        const [bidder, nonBidder] = answers;
        if (JSON.stringify(bidder) !== JSON.stringify(nonBidder)) {
          differences.push(
            `${caller.as}:\n  bidder:     ${JSON.stringify(bidder)}\n  non-bidder: ${JSON.stringify(nonBidder)}`,
          );
        }
      }
      expect(differences, differences.join('\n')).toEqual([]);
    },
  );
});
