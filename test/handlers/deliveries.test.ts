/**
 * Issue 13 §2: the delivery routes against a mocked table. One record is one transaction: the record, its audit
 * entry, the recipient's item and the contract's counters (ADD, never read-modify-write); a person not dispatched is
 * 409 R-CON-3; the writer's answer, a portal's and finance's views hold no name or resident ID, the purchaser's do;
 * a batch answers row by row and reads the cancellation reasons to mark rows that exist as duplicates; progress is
 * one GetItem.
 */
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { GetCommandInput, QueryCommandInput, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as createHandler } from '#functions/deliveries/create-delivery';
import { handler as batchHandler } from '#functions/deliveries/create-delivery-batch';
import { handler as listHandler } from '#functions/deliveries/list-deliveries';
import { handler as getHandler } from '#functions/deliveries/get-delivery';
import { handler as progressHandler } from '#functions/deliveries/get-progress';
import { routes } from '#functions/routes';
import type { RouteDef } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Contract } from '#shared/domain/contract';
import type { Delegation } from '#shared/domain/delegation';
import type { Dispatch } from '#shared/domain/dispatch';
import { PORTAL_SCOPE } from '#shared/http/principal';
import type { Claims, RequestOptions, Result } from './support';
import { withTransactionConflicts } from '../support/transaction-conflicts';
import { CONTRACTOR_ID, apiEvent, canceled, claims, head, json, lambdaContext, problem } from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2026-06-10T04:00:00.000Z');
const CONTRACT_ID = 'con_01kq7tzmz0d6f8h2k4nq';
const STAFF = 'stf_01kq8a1b20c3d4e5f6g7';
const RESIDENT = '330110195304120026';
const NAME = '李秀英';
const PORTAL = 'portal-a';
const own = claims.contractor(CONTRACTOR_ID);
const portalClaims: Claims = { sub: PORTAL, client_id: PORTAL, scope: PORTAL_SCOPE };

const contract = (status: Contract['status'] = 'signed') => ({
  ...keys.contract(CONTRACT_ID),
  recordType: 'contract',
  id: CONTRACT_ID,
  status,
  contractorId: CONTRACTOR_ID,
  purchaserId: 'pur-town-1',
  catalogCode: 'A-TARGET-SCREENING',
  term: { start: '2026-06-01', end: '2026-12-31' },
  acceptancePlan: {
    indicators: [{ code: 'households_screened_pct', mandatory: true }],
    delivery: [{ code: 'households_screened', description: '入户排查户数', unit: '户', planned: 1200 }],
  },
  version: 3,
  ...head(3),
});

const dispatchItem = (d: Partial<Dispatch> = {}) => ({
  ...keys.dispatch(CONTRACT_ID, 'dsp_01kqa0b1c2p3q4r5s6t7'),
  recordType: 'dispatch',
  id: 'dsp_01kqa0b1c2p3q4r5s6t7',
  contractId: CONTRACT_ID,
  contractorId: CONTRACTOR_ID,
  staffId: STAFF,
  place: { kind: 'village', purchaserId: 'pur-town-1', code: 'vil-1-1' },
  period: { start: '2026-06-01', end: '2026-06-30' },
  qualified: true,
  version: 1,
  createdAt: '2026-05-30T09:00:00+08:00',
  updatedAt: '2026-05-30T09:00:00+08:00',
  ...d,
  ...head(1),
});

const progressItem = {
  ...keys.deliveryProgress(CONTRACT_ID),
  recordType: 'progress',
  contractId: CONTRACT_ID,
  purchaserId: 'pur-town-1',
  contractorId: CONTRACTOR_ID,
  term: { start: '2026-06-01', end: '2026-12-31' },
  lines: {
    households_screened: {
      code: 'households_screened',
      description: '入户排查户数',
      unit: '户',
      planned: 1200,
      delivered: 40,
      records: 40,
    },
  },
  createdAt: '2026-05-31T10:00:00+08:00',
};

const delegation: Delegation = {
  contractorId: CONTRACTOR_ID,
  portalId: PORTAL,
  scopes: ['deliveries'],
  validUntil: '2026-12-31T00:00:00.000+08:00',
  grantedBy: { sub: 'u-c', role: 'contractor' },
  grantedAt: '2026-06-01T09:00:00.000+08:00',
  version: 1,
  createdAt: '2026-06-01T09:00:00.000+08:00',
  updatedAt: '2026-06-01T09:00:00.000+08:00',
};

const body = (overrides: Record<string, unknown> = {}) => ({
  catalogCode: 'A-TARGET-SCREENING',
  lineCode: 'households_screened',
  recipient: { villageId: 'vil-1-1', name: NAME, residentId: RESIDENT, phone: '13857105678' },
  staffId: STAFF,
  start: '2026-06-09T09:00:00+08:00',
  end: '2026-06-09T10:30:00+08:00',
  quantity: 1.5,
  ...overrides,
});

/** The table as GetItem and Query see it. */
function arrange(items: Record<string, unknown>[]): void {
  const byKey = new Map(items.map((item) => [`${String(item.PK)}|${String(item.SK)}`, item]));
  ddbMock.on(GetCommand).callsFake((input: GetCommandInput) => {
    const key = input.Key as { PK: string; SK: string };
    return { Item: byKey.get(`${key.PK}|${key.SK}`) };
  });
  ddbMock.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const pk = input.ExpressionAttributeValues?.[':pk'];
    const prefix = String(input.ExpressionAttributeValues?.[':prefix'] ?? '');
    // GSI1 (the list of records, keys.deliveryIndex) or the table, in the sort key's order, as DynamoDB answers.
    const [pkName, skName] = input.IndexName === 'GSI1' ? ['GSI1PK', 'GSI1SK'] : ['PK', 'SK'];
    const found = items
      .filter((i) => i[pkName] === pk && String(i[skName]).startsWith(prefix))
      .sort((a, b) => String(a[skName]).localeCompare(String(b[skName])));
    return { Items: input.ScanIndexForward === false ? found.reverse() : found };
  });
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(UpdateCommand).resolves({});
}

const call = (handler: typeof createHandler, route: RouteDef, options: RequestOptions) =>
  handler(apiEvent(route, options), lambdaContext()) as Promise<Result>;

const create = (options: Partial<RequestOptions> = {}) =>
  call(createHandler, routes.createDelivery, {
    claims: own,
    params: { id: CONTRACT_ID },
    body: body(),
    ...options,
  });

const sent = (n = 0): NonNullable<TransactWriteCommandInput['TransactItems']> =>
  ddbMock.commandCalls(TransactWriteCommand)[n]!.args[0].input.TransactItems ?? [];

beforeEach(() => {
  ddbMock.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('POST /v1/contracts/{id}/deliveries', () => {
  it('writes the record, its audit entry, the recipient and the counters in one transaction (201 + Location)', async () => {
    arrange([contract(), dispatchItem(), progressItem]);
    const result = await create();
    expect(result.statusCode).toBe(201);
    const answer = json<{ id: string; recipient: Record<string, string>; dispatchId: string }>(result);
    expect(result.headers?.location).toBe(`/v1/contracts/${CONTRACT_ID}/deliveries/${answer.id}`);
    expect(answer.dispatchId).toBe('dsp_01kqa0b1c2p3q4r5s6t7');
    // The writer's answer names the village and the reference, never the person.
    expect(answer.recipient).toEqual({
      villageId: 'vil-1-1',
      townId: 'pur-town-1',
      ref: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(result.body).not.toContain(NAME);
    expect(result.body).not.toContain(RESIDENT);

    const items = sent();
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
    const record = items[0]!.Put!.Item!;
    expect(record).toMatchObject({ ...keys.delivery(CONTRACT_ID, answer.id), recordType: 'delivery' });
    expect(record.sealedRecipient).toMatchObject({ v: 1 });
    const audit = items[1]!.Put!.Item!;
    expect(audit.PK).toBe(`AUDIT#delivery#${answer.id}`);
    // The audit entry keeps the reference, never the seal, the name or the ID.
    expect(JSON.stringify(audit)).not.toContain(NAME);
    expect(JSON.stringify(audit)).not.toContain(RESIDENT);
    expect(JSON.stringify(audit)).not.toContain('sealedRecipient');
    const recipient = items[2]!.Update!;
    expect(recipient.Key).toEqual(keys.deliveryRecipient(CONTRACT_ID, answer.recipient.ref!));
    expect(recipient.UpdateExpression).toContain('ADD #count :n');
    expect(JSON.stringify(recipient)).not.toContain(RESIDENT);
    const counters = items[3]!.Update!;
    expect(counters.Key).toEqual(keys.deliveryProgress(CONTRACT_ID));
    expect(counters.UpdateExpression).toBe('ADD #lines.#l0.delivered :q0, #lines.#l0.records :n0');
    expect(counters.ExpressionAttributeNames).toMatchObject({
      '#lines': 'lines',
      '#l0': 'households_screened',
    });
    expect(counters.ExpressionAttributeValues).toEqual({ ':q0': 1.5, ':n0': 1 });
    expect(counters.ConditionExpression).toBe('attribute_exists(PK)');
    // No read of the counters: the record moves them blindly.
    expect(
      ddbMock.commandCalls(GetCommand).some((c) => (c.args[0].input.Key as { SK: string }).SK === 'PROGRESS'),
    ).toBe(false);
  });

  it('R-CON-3: a person not dispatched there and then is 409 and nothing is written', async () => {
    arrange([contract(), dispatchItem({ staffId: 'stf_someone_else_1' }), progressItem]);
    const result = await create();
    const p = problem(result, 409);
    expect(p.rule).toBe('R-CON-3');
    expect(p.detail).toContain('subcontracting');
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('a contract that is not signed takes no records (409), another contractor’s is 404', async () => {
    arrange([contract('completed'), dispatchItem(), progressItem]);
    expect(problem(await create(), 409).detail).toContain('completed');
    arrange([contract(), dispatchItem(), progressItem]);
    problem(await create({ claims: claims.contractor('ctr_01jzzzzzzz9876543210') }), 404);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('a record that breaks the plan is 422 naming the field; a bad ID is named too', async () => {
    arrange([contract(), dispatchItem(), progressItem]);
    const p = problem(await create({ body: body({ lineCode: 'meals' }) }), 422);
    expect(p.rule).toBe('R-SUP-1');
    expect(p.errors?.[0]?.field ?? p.detail).toContain('lineCode');
    const bad = problem(
      await create({
        body: body({ recipient: { villageId: 'vil-1-1', name: NAME, residentId: '330110195304120027' } }),
      }),
      422,
    );
    expect(JSON.stringify(bad)).toContain('recipient.residentId');
    expect(JSON.stringify(bad)).not.toContain('330110195304120027');
  });

  it('a future end is refused (R-CON-4)', async () => {
    arrange([contract(), dispatchItem(), progressItem]);
    const p = problem(await create({ body: body({ end: '2026-06-10T12:30:00+08:00' }) }), 422);
    expect(p.rule).toBe('R-CON-4');
  });
});

describe('simultaneous records on one contract (DynamoDB’s transaction conflict rule applied)', () => {
  it('10 at once all land, and the counters count exactly 10: a conflict on the counters is sent again', async () => {
    arrange([contract(), dispatchItem(), progressItem]);
    // The table's counters as DynamoDB would keep them: each landed transaction applies its ADD.
    let delivered = 0;
    let records = 0;
    const dynamo = withTransactionConflicts(
      async (input: TransactWriteCommandInput) => {
        const counters = input.TransactItems?.find((i) => i.Update?.Key?.SK === 'PROGRESS')?.Update;
        delivered += Number(counters?.ExpressionAttributeValues?.[':q0'] ?? 0);
        records += Number(counters?.ExpressionAttributeValues?.[':n0'] ?? 0);
        return {};
      },
      { holdMs: 5 },
    );
    ddbMock.on(TransactWriteCommand).callsFake(dynamo.send);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        create({
          body: body({ start: `2026-06-09T0${i}:00:00+08:00`, end: `2026-06-09T0${i}:30:00+08:00` }),
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(records).toBe(10);
    expect(delivered).toBe(15);
    // They did collide on the counters, and each collision was sent again rather than answered 409.
    expect(dynamo.tally.conflicts).toBeGreaterThan(0);
    expect(dynamo.tally.sent).toBe(10 + dynamo.tally.conflicts);
  });
});

describe('POST /v1/contracts/{id}/deliveries/batch', () => {
  const row = (recordId: string, overrides: Record<string, unknown> = {}) => ({
    recordId,
    ...body(),
    ...overrides,
  });
  const batch = (records: unknown[], options: Partial<RequestOptions> = {}) =>
    call(batchHandler, routes.createDeliveryBatch, {
      claims: portalClaims,
      headers: { 'on-behalf-of': CONTRACTOR_ID },
      params: { id: CONTRACT_ID },
      body: { records },
      ...options,
    });
  const portalTable = () => [
    contract(),
    dispatchItem(),
    progressItem,
    { ...keys.delegation(CONTRACTOR_ID, PORTAL), recordType: 'delegation', ...delegation, ...head(1) },
  ];

  it('answers each row: a bad one invalid with its fields, the others created in one transaction', async () => {
    arrange(portalTable());
    const result = await batch([
      row('r-1'),
      row('r-2', { staffId: 'stf_someone_else_1' }),
      row('r-3', { lineCode: 'meals' }),
      row('r-4', { recipient: { villageId: 'vil-1-1', name: '王大伟', residentId: '330110196208150043' } }),
    ]);
    expect(result.statusCode).toBe(200);
    const answer = json<{ results: Record<string, unknown>[]; created: number; invalid: number }>(result);
    expect(answer.results.map((r) => r.status)).toEqual(['created', 'invalid', 'invalid', 'created']);
    expect(answer.results[1]).toMatchObject({
      recordId: 'r-2',
      errors: [{ field: 'records.1.staffId', rule: 'R-CON-3' }],
    });
    expect(answer.results[2]).toMatchObject({ errors: [{ field: 'records.2.lineCode', rule: 'R-SUP-1' }] });
    expect(answer).toMatchObject({ created: 2, invalid: 2, duplicate: 0 });
    expect(result.body).not.toContain(RESIDENT);
    // One transaction: 2 records + 2 audit entries + 2 recipients + 1 counter update with both rows summed.
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
    const items = sent();
    expect(items).toHaveLength(7);
    const counters = items[6]!.Update!;
    expect(counters.ExpressionAttributeValues).toEqual({ ':q0': 3, ':n0': 2 });
  });

  it('a retried row (its id exists) is read from the cancellation reasons: duplicate, the rest sent again', async () => {
    arrange(portalTable());
    const first = json<{ results: { id: string }[] }>(
      await batch([row('r-1'), row('r-2', { start: '2026-06-09T09:30:00+08:00' })]),
    );
    ddbMock.reset();
    arrange(portalTable());
    // r-1 exists now: its record and audit entry fail their condition, nothing else does.
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(
        canceled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None', 'None', 'None', 'None', 'None'),
      )
      .resolves({});
    const again = json<{ results: { status: string; id: string }[]; created: number; duplicate: number }>(
      await batch([
        row('r-1'),
        row('r-3', { start: '2026-06-09T11:00:00+08:00', end: '2026-06-09T11:30:00+08:00' }),
      ]),
    );
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'created']);
    expect(again.results[0]!.id).toBe(first.results[0]!.id);
    expect(again).toMatchObject({ created: 1, duplicate: 1 });
    const calls = ddbMock.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(2);
    // The second transaction holds r-3 only, and the counters count it alone.
    const resent = sent(1);
    expect(resent).toHaveLength(4);
    expect(resent[3]!.Update!.ExpressionAttributeValues).toEqual({ ':q0': 1.5, ':n0': 1 });
  });

  it('a retry of a recordId with another start is a duplicate with the first id, and counts nothing (issue 13 §2)', async () => {
    // The table as DynamoDB keeps it: a Put conditioned on attribute_not_exists(PK) fails when the key is there,
    // and the cancellation reasons say which item failed; the counters add what the landed transactions carried.
    const table = new Map<string, Record<string, unknown>>();
    let counted = 0;
    arrange(portalTable());
    ddbMock.on(TransactWriteCommand).callsFake((input: TransactWriteCommandInput) => {
      const items = input.TransactItems ?? [];
      const codes = items.map((i) =>
        i.Put?.ConditionExpression === 'attribute_not_exists(PK)' &&
        table.has(`${String(i.Put.Item!.PK)}|${String(i.Put.Item!.SK)}`)
          ? 'ConditionalCheckFailed'
          : 'None',
      );
      if (codes.includes('ConditionalCheckFailed')) throw canceled(...codes);
      for (const i of items)
        if (i.Put) table.set(`${String(i.Put.Item!.PK)}|${String(i.Put.Item!.SK)}`, i.Put.Item!);
      const counters = items.find((i) => i.Update?.Key?.SK === 'PROGRESS')?.Update;
      counted += Number(counters?.ExpressionAttributeValues?.[':n0'] ?? 0);
      return {};
    });
    const first = json<{ results: { status: string; id: string }[] }>(await batch([row('r-1')]));
    expect(first.results[0]!.status).toBe('created');
    // The portal corrects the start and sends the row again under the same recordId: not a new record.
    const again = json<{ results: { status: string; id: string }[]; created: number; duplicate: number }>(
      await batch([row('r-1', { start: '2026-06-09T09:15:00+08:00' })]),
    );
    expect(again.results[0]).toMatchObject({ status: 'duplicate', id: first.results[0]!.id });
    expect(again).toMatchObject({ created: 0, duplicate: 1 });
    expect([...table.keys()].filter((k) => k.includes('|RECORD#'))).toEqual([
      `DELIVERY#${CONTRACT_ID}|RECORD#${first.results[0]!.id}`,
    ]);
    expect(counted).toBe(1);
  });

  it('a record is listed on GSI1 by its service’s start in UTC (the id carries no time)', async () => {
    arrange(portalTable());
    const answer = json<{ results: { id: string }[] }>(
      await batch([row('r-1'), row('r-2', { start: '2026-06-09T09:30:00+08:00' })]),
    );
    const puts = sent().filter((i) => String(i.Put?.Item?.SK).startsWith('RECORD#'));
    expect(puts.map((i) => i.Put!.Item)).toEqual([
      expect.objectContaining({
        ...keys.deliveryIndex(CONTRACT_ID, '2026-06-09T01:00:00.000Z', answer.results[0]!.id),
      }),
      expect.objectContaining({
        ...keys.deliveryIndex(CONTRACT_ID, '2026-06-09T01:30:00.000Z', answer.results[1]!.id),
      }),
    ]);
  });

  it('the same recordId twice in one batch: the second row is invalid', async () => {
    arrange(portalTable());
    const answer = json<{ results: Record<string, unknown>[] }>(await batch([row('r-1'), row('r-1')]));
    expect(answer.results.map((r) => r.status)).toEqual(['created', 'invalid']);
    expect(answer.results[1]).toMatchObject({ errors: [{ field: 'records.1.recordId' }] });
  });

  it('a malformed row is a 400 naming it, and nothing is written', async () => {
    arrange(portalTable());
    const p = problem(await batch([row('r-1'), row('r-2', { quantity: -1 })]), 400);
    expect(p.errors?.map((e) => e.field)).toEqual(['records.1.quantity']);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('more than 500 rows is a 400 naming records', async () => {
    arrange(portalTable());
    const p = problem(await batch(Array.from({ length: 501 }, (_, i) => row(`r-${i}`))), 400);
    expect(p.errors?.[0]?.field).toBe('records');
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('rows land in transactions of at most 100 items', async () => {
    arrange(portalTable());
    const ids = ['330110195304120026', '330110196208150043', '330110194801010018'];
    const records = Array.from({ length: 120 }, (_, i) =>
      row(`r-${i}`, {
        start: `2026-06-09T0${Math.floor(i / 60)}:${String(i % 60).padStart(2, '0')}:00+08:00`,
        end: '2026-06-09T10:30:00+08:00',
        recipient: { villageId: 'vil-1-1', name: 'x', residentId: ids[i % 3] },
      }),
    );
    const answer = json<{ created: number }>(await batch(records));
    expect(answer.created).toBe(120);
    const calls = ddbMock.commandCalls(TransactWriteCommand);
    for (const c of calls) expect(c.args[0].input.TransactItems!.length).toBeLessThanOrEqual(100);
    expect(calls.length).toBe(3);
  });
});

describe('reading deliveries and progress', () => {
  async function stored(): Promise<Record<string, unknown>> {
    arrange([contract(), dispatchItem(), progressItem]);
    await create();
    return { ...sent()[0]!.Put!.Item! };
  }

  const list = async (
    claimsOf: Claims,
    record: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => {
    ddbMock.reset();
    arrange([
      contract(),
      record,
      { ...keys.delegation(CONTRACTOR_ID, PORTAL), recordType: 'delegation', ...delegation, ...head(1) },
    ]);
    return call(listHandler, routes.listDeliveries, {
      claims: claimsOf,
      params: { id: CONTRACT_ID },
      headers,
    });
  };

  it('the purchaser’s staff read the name and ID in clear; the contractor, a portal, finance and auditors do not', async () => {
    const record = await stored();
    for (const reader of [claims.bureau, claims.town]) {
      const result = await list(reader, record);
      expect(result.statusCode).toBe(200);
      expect(
        json<{ items: { recipient: Record<string, string> }[] }>(result).items[0]!.recipient,
      ).toMatchObject({
        name: NAME,
        residentId: RESIDENT,
        villageId: 'vil-1-1',
      });
    }
    const outsiders: [Claims, Record<string, string>][] = [
      [own, {}],
      [portalClaims, { 'on-behalf-of': CONTRACTOR_ID }],
      [{ sub: 'u-finance', 'cognito:groups': '[finance]' }, {}],
      [claims.auditor, {}],
    ];
    for (const [reader, headers] of outsiders) {
      const result = await list(reader, record, headers);
      expect(result.statusCode).toBe(200);
      expect(json<{ items: unknown[] }>(result).items).toHaveLength(1);
      expect(result.body).not.toContain(NAME);
      expect(result.body).not.toContain(RESIDENT);
      expect(result.body).not.toContain('sealed');
    }
    // Another town: not found.
    problem(await list({ ...claims.town, purchaserId: 'pur-town-2' }, record), 404);
  });

  it('the list is newest service first, read from GSI1 whatever the ids’ order', async () => {
    arrange([contract(), dispatchItem(), progressItem]);
    await create({ body: body({ start: '2026-06-09T08:00:00+08:00', end: '2026-06-09T08:30:00+08:00' }) });
    await create({ body: body({ start: '2026-06-09T09:00:00+08:00', end: '2026-06-09T09:30:00+08:00' }) });
    await create({ body: body({ start: '2026-06-08T09:00:00+08:00', end: '2026-06-08T09:30:00+08:00' }) });
    const written = [0, 1, 2].map((n) => ({ ...sent(n)[0]!.Put!.Item! }));
    ddbMock.reset();
    arrange([contract(), ...written]);
    const result = await call(listHandler, routes.listDeliveries, {
      claims: own,
      params: { id: CONTRACT_ID },
    });
    expect(json<{ items: { start: string }[] }>(result).items.map((i) => i.start)).toEqual([
      '2026-06-09T09:00:00.000+08:00',
      '2026-06-09T08:00:00.000+08:00',
      '2026-06-08T09:00:00.000+08:00',
    ]);
    const query = ddbMock.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(query).toMatchObject({ IndexName: 'GSI1', ScanIndexForward: false });
    expect(query.ExpressionAttributeValues?.[':pk']).toBe(keys.deliveriesPartition(CONTRACT_ID));
  });

  it('one record, as the list shows it', async () => {
    const record = await stored();
    ddbMock.reset();
    arrange([contract(), record]);
    const result = await call(getHandler, routes.getDelivery, {
      claims: own,
      params: { id: CONTRACT_ID, deliveryId: String(record.id) },
    });
    expect(result.statusCode).toBe(200);
    expect(result.body).not.toContain(NAME);
    const town = await call(getHandler, routes.getDelivery, {
      claims: claims.town,
      params: { id: CONTRACT_ID, deliveryId: String(record.id) },
    });
    expect(json<{ recipient: { name: string } }>(town).recipient.name).toBe(NAME);
  });

  it('progress is one GetItem of the counters, with expected-by-today and a status', async () => {
    arrange([progressItem]);
    const result = await call(progressHandler, routes.getProgress, {
      claims: own,
      params: { id: CONTRACT_ID },
    });
    expect(result.statusCode).toBe(200);
    // 2026-06-10 is day 10 of 214 (2026-06-01 .. 12-31): 1200 × 10/214 = 56.075 expected, 40 delivered.
    expect(json(result)).toEqual({
      contractId: CONTRACT_ID,
      asOf: '2026-06-10',
      elapsedShare: 0.0467,
      lines: [
        {
          code: 'households_screened',
          description: '入户排查户数',
          unit: '户',
          planned: 1200,
          delivered: 40,
          records: 40,
          expectedByToday: 56.075,
          status: 'behind',
        },
      ],
    });
    expect(ddbMock.calls()).toHaveLength(1);
    expect(ddbMock.commandCalls(GetCommand)).toHaveLength(1);
    problem(
      await call(progressHandler, routes.getProgress, {
        claims: claims.contractor('ctr_01jzzzzzzz9876543210'),
        params: { id: CONTRACT_ID },
      }),
      404,
    );
  });
});
