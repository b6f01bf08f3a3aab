/**
 * Issue 10 §1: a list cursor is opaque and tamper-evident. A cursor whose decoded key was altered (an empty sort
 * key, another type, an extra or missing attribute, another partition, a key outside the query) made DynamoDB
 * refuse the query: a 500. Now it is bound to its query and validated whole (shared/adapters/dynamodb/cursor.ts),
 * and any bad cursor is a 400 naming `cursor` on every paged list of the route table, walked, not listed.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { GetCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RouteDef } from '#functions/routes';
import { routes } from '#functions/routes';
import { repoRoot } from '#infra/local/paths';
import type { CursorScope } from '#shared/adapters/dynamodb/cursor';
import {
  decodeCursor,
  decodeOffsetCursor,
  encodeCursor,
  encodeOffsetCursor,
  sealCursor,
} from '#shared/adapters/dynamodb/cursor';
import * as z from '#shared/schemas/zod';
import type { Claims, Result } from '../handlers/support';
import {
  CONTRACTOR_ID,
  apiEvent,
  auditChain,
  auditEntryItem,
  claims,
  contractor,
  contractorItem,
  json,
  lambdaContext,
  problem,
} from '../handlers/support';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unb64 = (value: string): unknown => JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));

const TABLE_SCOPE: CursorScope = {
  attributes: ['PK', 'SK'],
  partition: { attribute: 'PK', value: 'PUBLIC#RELEASES' },
  sortAttribute: 'SK',
  sortKeyFrom: '2025-03-01T00:00:00.000Z',
  newestFirst: false,
};
const INDEX_SCOPE: CursorScope = {
  indexName: 'GSI1',
  attributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'],
  partition: { attribute: 'GSI1PK', value: 'PROJECTS#pur-town-1' },
  sortAttribute: 'GSI1SK',
  sortKeyPrefix: 'approved#',
  newestFirst: true,
};
const tableKey = { PK: 'PUBLIC#RELEASES', SK: '2025-03-12T08:30:00.000Z#rel-1' };
const indexKey = {
  PK: 'PROJECT#prj_1',
  SK: 'PROJECT',
  GSI1PK: 'PROJECTS#pur-town-1',
  GSI1SK: 'approved#2025-03-10T02:00:00.000Z#prj_1',
};

const refused = (cursor: string, scope: CursorScope) => {
  expect(() => decodeCursor(cursor, scope), cursor).toThrow(
    expect.objectContaining({ code: 'invalid', details: { field: 'cursor', location: 'query' } }),
  );
};

describe('a cursor is bound to its query and checked whole', () => {
  it('gives back the key it was made of, for the query that made it', () => {
    expect(decodeCursor(encodeCursor(tableKey, TABLE_SCOPE), TABLE_SCOPE)).toEqual(tableKey);
    expect(decodeCursor(encodeCursor(indexKey, INDEX_SCOPE), INDEX_SCOPE)).toEqual(indexKey);
    expect(encodeCursor(undefined, TABLE_SCOPE)).toBeUndefined();
    expect(decodeCursor(undefined, TABLE_SCOPE)).toBeUndefined();
  });

  it('is opaque: the key is not readable as the key object, and the tag is a digest', () => {
    const cursor = encodeCursor(tableKey, TABLE_SCOPE) ?? '';
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(cursor).not.toContain(b64(tableKey));
  });

  it('refuses a cursor of another query: another partition, filter, index or direction', () => {
    const cursor = encodeCursor(tableKey, TABLE_SCOPE) ?? '';
    refused(cursor, { ...TABLE_SCOPE, sortKeyFrom: '2025-03-02T00:00:00.000Z' });
    refused(cursor, { ...TABLE_SCOPE, newestFirst: true });
    refused(cursor, { ...TABLE_SCOPE, partition: { attribute: 'PK', value: 'PUBLIC#ANNOUNCEMENTS' } });
    const indexCursor = encodeCursor(indexKey, INDEX_SCOPE) ?? '';
    refused(indexCursor, { ...INDEX_SCOPE, sortKeyPrefix: 'draft#' });
    refused(indexCursor, { ...INDEX_SCOPE, indexName: 'GSI2' });
  });

  it('refuses an altered cursor whose tag was left as it was', () => {
    const cursor = encodeCursor(tableKey, TABLE_SCOPE) ?? '';
    const [payload = '', tag = ''] = cursor.split('.');
    const other = b64([tableKey.PK, '2025-03-13T00:00:00.000Z#rel-9']);
    for (const bad of [
      `${other}.${tag}`,
      `${payload}.${tag.slice(0, -1)}${tag.endsWith('A') ? 'B' : 'A'}`,
      payload,
      `${payload}.`,
      `.${tag}`,
      `${payload}.${tag}.${tag}`,
      b64(tableKey), // the old layout: the key object, base64url
      'e30',
      `${payload}.${'A'.repeat(22)}`,
    ]) {
      refused(bad, TABLE_SCOPE);
    }
  });

  // A forger who reads this code can compute a tag: the key itself must still be one this query can continue.
  it.each([
    ['an empty sort key', [tableKey.PK, '']],
    ['an empty partition key', ['', tableKey.SK]],
    ['a number instead of a string', [tableKey.PK, 5]],
    ['a DynamoDB attribute value instead of a string', [tableKey.PK, { S: tableKey.SK }]],
    ['null', [tableKey.PK, null]],
    ['an extra attribute', [tableKey.PK, tableKey.SK, 'x']],
    ['a missing attribute', [tableKey.PK]],
    ['another partition', ['PROJECT#prj_1', tableKey.SK]],
    ['a sort key before the query’s lower bound', [tableKey.PK, '2025-01-01T00:00:00.000Z#rel-0']],
    ['a sort key beyond DynamoDB’s 1024 bytes', [tableKey.PK, `2025-03-12T${'9'.repeat(1024)}`]],
    ['the key object instead of its values', tableKey],
    ['not JSON at all', undefined],
  ] as const)('refuses %s, even with a tag computed for it', (_, values) => {
    const cursor =
      values === undefined
        ? (() => {
            const payload = Buffer.from('{not json').toString('base64url');
            const sealed = sealCursor('x', TABLE_SCOPE).split('.')[1];
            return `${payload}.${sealed}`;
          })()
        : sealCursor(values, TABLE_SCOPE);
    refused(cursor, TABLE_SCOPE);
  });

  it.each([
    [
      'an index key outside the status prefix',
      ['PROJECT#prj_1', 'PROJECT', 'PROJECTS#pur-town-1', 'draft#x'],
    ],
    ['an empty table sort key on the index', ['PROJECT#prj_1', '', 'PROJECTS#pur-town-1', 'approved#x']],
    ['another purchaser', ['PROJECT#prj_1', 'PROJECT', 'PROJECTS#pur-town-2', 'approved#x']],
  ] as const)('refuses %s, even with a tag computed for it', (_, values) => {
    refused(sealCursor(values, INDEX_SCOPE), INDEX_SCOPE);
  });
});

describe('an offset cursor (a list read whole, paged in memory) is bound the same way', () => {
  it('gives back its offset for the same list, 0 without a cursor', () => {
    expect(decodeOffsetCursor(encodeOffsetCursor(3, 'contractor/ctr_1'), 'contractor/ctr_1', 5)).toBe(3);
    expect(decodeOffsetCursor(undefined, 'contractor/ctr_1', 5)).toBe(0);
  });

  it('refuses another list, an altered offset and an offset outside the list', () => {
    const cursor = encodeOffsetCursor(3, 'contractor/ctr_1');
    const [, tag = ''] = cursor.split('.');
    for (const bad of [
      encodeOffsetCursor(3, 'contractor/ctr_2'),
      `${b64([0])}.${tag}`,
      `${b64([4])}.${tag}`,
      Buffer.from('1').toString('base64url'), // the old layout
      sealCursor([0], {
        indexName: 'offset',
        attributes: ['offset'],
        partition: { attribute: 'list', value: 'contractor/ctr_1' },
        sortAttribute: 'offset',
        newestFirst: false,
      }),
      encodeOffsetCursor(5, 'contractor/ctr_1'),
      encodeOffsetCursor(1.5, 'contractor/ctr_1'),
    ]) {
      expect(() => decodeOffsetCursor(bad, 'contractor/ctr_1', 5), bad).toThrow(
        expect.objectContaining({ code: 'invalid', details: { field: 'cursor', location: 'query' } }),
      );
    }
  });
});

// ---- every paged list of the route table, through its handler ----

/**
 * Lists whose cursor is made in a file this change could not edit, with the change they need (the walk still
 * runs them, expecting it to fail until then: `it.fails` turns red once they are fixed, to be moved back).
 */
const AWAITING: Record<string, string> = {};

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<Result>;
const ddbMock = mockClient(DynamoDBDocumentClient);

const jsonSchema = (schema: z.ZodMiniType | undefined) =>
  (schema ? z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) : {}) as {
    properties?: Record<string, { enum?: string[] }>;
  };

/** Every route whose query takes a `cursor`: walked from the table, so a list added later is walked too. */
const pagedRoutes = Object.entries(routes as Record<string, RouteDef>).filter(
  ([, route]) => jsonSchema(route.request?.query).properties?.cursor !== undefined,
);

function callerOf(route: RouteDef): Claims | undefined {
  if (route.auth === 'public') return undefined;
  if (route.auth.includes('contractor')) return claims.contractor(CONTRACTOR_ID);
  if (route.auth.includes('bureau')) return claims.bureau;
  if (route.auth.includes('evaluator')) return claims.evaluator;
  if (route.auth.includes('auditor')) return claims.auditor;
  throw new Error(`no caller for ${route.path}`);
}

const paramsOf = (route: RouteDef) =>
  Object.fromEntries(
    Object.entries(jsonSchema(route.request?.params).properties ?? {}).map(([name, p]) => [
      name,
      p.enum?.[0] ?? CONTRACTOR_ID,
    ]),
  );

/** The partitions that hold items here: the OCDS feed (which never pages to an empty package) and audit chains. */
const releaseItems = [1, 2, 3].map((i) => ({
  PK: 'PUBLIC#RELEASES',
  SK: `2025-03-1${i}T00:00:00.000Z#rel-${i}`,
  recordType: 'ocds-release',
  release: {
    id: `rel-${i}`,
    ocid: 'ocds-xxxxxx-prj_1',
    date: `2025-03-1${i}T08:00:00+08:00`,
    tag: ['planning'],
  },
}));
const contractorV1 = contractor();
const contractorV2 = contractor({ version: 2 });
const chain = auditChain('contractor', CONTRACTOR_ID, [contractorV1, contractorV2]);

/** A small in-memory DynamoDB Query: key condition, direction, ExclusiveStartKey and Limit. */
function query(input: QueryCommandInput) {
  const values = input.ExpressionAttributeValues ?? {};
  const pk = String(values[':pk']);
  const lower = String(values[':prefix'] ?? values[':from'] ?? '');
  const index = input.IndexName === 'GSI1';
  const items: Record<string, unknown>[] =
    pk === 'PUBLIC#RELEASES' ? releaseItems : pk.startsWith('AUDIT#') ? chain.map(auditEntryItem) : [];
  if (items.length === 0) {
    // An empty list that DynamoDB says may go on (it gives a LastEvaluatedKey after a full page).
    if (input.ExclusiveStartKey) return { Items: [] };
    const sortKey = `${lower}2025-03-10T02:00:00.000Z#x_1`;
    return {
      Items: [],
      LastEvaluatedKey: index
        ? { PK: 'RECORD#x_1', SK: 'RECORD', GSI1PK: pk, GSI1SK: sortKey }
        : { PK: pk, SK: sortKey },
    };
  }
  const sk = (item: Record<string, unknown>) => String(item.SK);
  const ordered = [...items].sort(
    (a, b) => sk(a).localeCompare(sk(b)) * (input.ScanIndexForward === false ? -1 : 1),
  );
  const start = input.ExclusiveStartKey
    ? ordered.findIndex((i) => sk(i) === input.ExclusiveStartKey?.SK) + 1
    : 0;
  const page = ordered.slice(start, start + (input.Limit ?? 1000));
  const last = page.at(-1);
  const more = start + page.length < ordered.length;
  return { Items: page, ...(more && last ? { LastEvaluatedKey: { PK: last.PK, SK: last.SK } } : {}) };
}

/** The cursor scope records.ts binds a cursor to, read back from the Query it sent. */
function scopeOf(input: QueryCommandInput): CursorScope {
  const index = input.IndexName === 'GSI1';
  const values = input.ExpressionAttributeValues ?? {};
  return {
    ...(index ? { indexName: 'GSI1' } : {}),
    attributes: index ? ['PK', 'SK', 'GSI1PK', 'GSI1SK'] : ['PK', 'SK'],
    partition: { attribute: index ? 'GSI1PK' : 'PK', value: String(values[':pk']) },
    sortAttribute: index ? 'GSI1SK' : 'SK',
    ...(values[':prefix'] !== undefined ? { sortKeyPrefix: String(values[':prefix']) } : {}),
    ...(values[':from'] !== undefined ? { sortKeyFrom: String(values[':from']) } : {}),
    newestFirst: input.ScanIndexForward === false,
  };
}

/** Cursors a hostile client makes of a genuine one, without knowing how a tag is made. */
function blindTampers(genuine: string): string[] {
  const [payload = '', tag = ''] = genuine.split('.');
  const flip = (s: string, at: number) => `${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;
  const decoded = (() => {
    try {
      return unb64(payload);
    } catch {
      return undefined;
    }
  })();
  const values = Array.isArray(decoded) ? (decoded as unknown[]) : [];
  const last = values.length - 1; // the sort key (or the offset)
  return [
    flip(genuine, Math.floor(genuine.length / 2)),
    flip(genuine, genuine.length - 1),
    genuine.slice(0, -1),
    `${genuine}A`,
    `${b64(values.map((v, i) => (i === last ? '' : v)))}.${tag}`, // an empty sort key
    `${b64(values.map((v, i) => (i === last ? 7 : v)))}.${tag}`, // another type
    `${b64(values.map((v, i) => (i === last ? [v] : v)))}.${tag}`, // another type: a list
    `${b64([...values, 'x'])}.${tag}`, // an extra attribute
    `${b64(values.slice(0, -1))}.${tag}`, // a missing attribute
    b64({ PK: 'PROJECT#prj_1', SK: '' }), // the old layout, with an empty sort key
    b64('-1'),
    'e30',
  ];
}

/** Cursors a forger makes who computes the tag for the query (so only the key's own validation stands). */
function forgedTampers(genuine: string, scope: CursorScope): string[] {
  const values = unb64(genuine.split('.')[0] ?? '') as string[];
  const at = scope.attributes.indexOf(scope.sortAttribute);
  const pkAt = scope.attributes.indexOf(scope.partition.attribute);
  const withValue = (i: number, v: unknown) => values.map((x, j) => (j === i ? v : x));
  const forged: unknown[] = [
    withValue(at, ''),
    withValue(pkAt, ''),
    withValue(at, 42),
    withValue(at, { S: values[at] }),
    [...values, 'x'],
    values.slice(0, -1),
    withValue(pkAt, 'PROJECT#prj_other'),
    withValue(at, 'x'.repeat(1100)),
    Object.fromEntries(scope.attributes.map((a, i) => [a, values[i]])),
  ];
  if (scope.sortKeyPrefix || scope.sortKeyFrom) forged.push(withValue(at, '!')); // outside the query
  if (scope.indexName) forged.push(withValue(0, ''), withValue(1, ''));
  return forged.map((v) => sealCursor(v, scope));
}

describe('every paged list of the route table answers 400 naming cursor for a tampered cursor (issue 10 §1)', () => {
  beforeEach(() => {
    ddbMock.reset();
    ddbMock.on(QueryCommand).callsFake(query);
    ddbMock.on(GetCommand).callsFake((input: GetCommandInput) => {
      // Issue 13: the lists under a contract read the contract first (a signed one of the contractor's).
      if (String(input.Key?.PK).startsWith('CONTRACT#')) {
        return {
          Item: {
            ...input.Key,
            recordType: 'contract',
            id: CONTRACTOR_ID,
            contractorId: CONTRACTOR_ID,
            purchaserId: 'pur-town-1',
            status: 'signed',
            version: 1,
            auditSeq: 1,
            auditHash: 'a'.repeat(64),
          },
        };
      }
      return {
        Item: { ...contractorItem(contractorV2), auditSeq: chain.length, auditHash: chain.at(-1)?.hash },
      };
    });
  });

  it('walks the paged lists of the route table', () => {
    const names = pagedRoutes.map(([name]) => name);
    expect(names.length).toBeGreaterThanOrEqual(9);
    expect(names).toEqual(expect.arrayContaining(['listOcdsReleases', 'listProjects', 'getAuditTrail']));
  });

  const walk = async (route: RouteDef) => {
    const mod = (await import(pathToFileURL(path.join(repoRoot, `${route.handler}.ts`)).href)) as {
      handler: Handler;
    };
    const call = (query: Record<string, string>) =>
      mod.handler(
        apiEvent(route, {
          params: paramsOf(route),
          query,
          ...(callerOf(route) ? { claims: callerOf(route) } : {}),
        }) as unknown as APIGatewayProxyEventV2,
        lambdaContext(),
      );

    // A genuine cursor, from the first page.
    const first = await call({ limit: '1' });
    expect(first.statusCode, first.body).toBe(200);
    const genuine = json<{ cursor?: string }>(first).cursor;
    expect(genuine, 'the first page gives a cursor').toEqual(expect.any(String));
    const firstQuery = ddbMock.commandCalls(QueryCommand)[0]?.args[0].input as QueryCommandInput;
    const pagesTheStore = (firstQuery.Limit ?? 0) <= 2; // a page of DynamoDB (the audit trail reads whole)
    const scope = scopeOf(firstQuery);
    if (pagesTheStore) {
      // The scope read back is the one records.ts bound the cursor to, so the forged cursors below carry a right tag.
      expect(sealCursor(unb64(String(genuine).split('.')[0] ?? ''), scope)).toBe(genuine);
    }

    // The genuine cursor pages on from where the first page stopped.
    ddbMock.resetHistory();
    const second = await call({ limit: '1', cursor: String(genuine) });
    expect(second.statusCode, second.body).toBe(200);
    if (pagesTheStore) {
      const resumed = ddbMock.commandCalls(QueryCommand)[0]?.args[0].input as QueryCommandInput;
      const lastKeyOfFirst = decodeCursor(String(genuine), scope);
      expect(resumed.ExclusiveStartKey).toEqual(lastKeyOfFirst);
    }

    // Tampered cursors: 400 naming cursor, and DynamoDB never sees one.
    const tampered = [
      ...blindTampers(String(genuine)),
      ...(pagesTheStore ? forgedTampers(String(genuine), scope) : []),
    ];
    for (const cursor of tampered) {
      ddbMock.resetHistory();
      const result = await call({ limit: '1', cursor });
      expect(result.statusCode, `${cursor}: ${result.body}`).toBe(400);
      expect(problem(result, 400).errors?.map((e) => [e.in, e.field])).toEqual([['query', 'cursor']]);
      for (const sent of ddbMock.commandCalls(QueryCommand)) {
        expect(sent.args[0].input.ExclusiveStartKey, cursor).toBeUndefined();
      }
    }
  };

  for (const [name, route] of pagedRoutes) {
    if (AWAITING[name]) it.fails(`${name} (awaiting: ${AWAITING[name]})`, () => walk(route));
    else it(name, () => walk(route));
  }
});
