/**
 * Issue 13 §1: the roster and dispatch routes through the request pipeline, against a mocked table and KMS. The
 * resident ID is checked (GB 11643), sealed and hashed (personHash, the same person on every roster), shown in full
 * to the bureau and the contractor and masked to the auditor, the roster closed to a town and finance (R-BUY-1); one
 * active entry per person and contractor (the roster marker); leaving holds the person's dispatches at the version
 * read (R-CON-3); a dispatch is one transaction of the dispatch, its audit
 * entry and the person's item on its version (R-CON-3), refused 409 with the reason; a town lists its staff
 * (R-STAFF-2); a contract shows its qualified share (R-STAFF-1).
 */
import { DecryptCommand } from '@aws-sdk/client-kms';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { GetCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as createStaffHandler } from '#functions/staff/create-staff';
import { handler as getStaffHandler } from '#functions/staff/get-staff';
import { handler as listStaffHandler } from '#functions/staff/list-staff';
import { handler as leaveStaffHandler } from '#functions/staff/leave-staff';
import { handler as createDispatchHandler } from '#functions/staff/create-dispatch';
import { handler as listDispatchesHandler } from '#functions/staff/list-dispatches';
import { handler as listDispatchedStaffHandler } from '#functions/staff/list-dispatched-staff';
import { staffRoutes } from '#functions/staff/routes';
import type { RouteDef } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { PERSON_HASH_PURPOSE } from '#shared/use-cases/staff';
import { PORTAL_SCOPE } from '#shared/http/principal';
import type { Claims, RequestOptions, Result } from './support';
import {
  CONTRACTOR_ID,
  OTHER_CONTRACTOR_ID,
  apiEvent,
  canceled,
  claims,
  contractor,
  contractorItem,
  head,
  json,
  lambdaContext,
  problem,
  putItem,
  transactItems,
} from './support';
import { expectedHash, mockKms } from './personal-data-fixtures';

vi.hoisted(() => {
  process.env.PERSONAL_DATA_KEY_ID = 'arn:aws-cn:kms:cn-north-1:123456789012:key/personal-data';
  process.env.PERSONAL_DATA_MAC_KEY_ID = 'arn:aws-cn:kms:cn-north-1:123456789012:key/personal-data-mac';
  delete process.env.LOCAL_KMS_DIR;
});

const ddbMock = mockClient(DynamoDBDocumentClient);
const { kms, reset: resetKms } = mockKms();
const NOW = new Date('2026-06-10T02:00:00.000Z');
const RESIDENT_ID = '330110198503120022';
const MASK = '330110**********22';
const CONTRACT_ID = 'con_01jabcdefg0123456789';
/** The rostered person's id, as the create route made it (the seal is bound to it). */
let STAFF_ID = '';
const own = claims.contractor(CONTRACTOR_ID);
const PERSON_HASH = expectedHash(PERSON_HASH_PURPOSE, RESIDENT_ID);

const body = { name: '张建国', residentId: RESIDENT_ID, role: 'social_worker', joinedOn: '2025-09-01' };

/** The table as GetItem sees it: items by `PK|SK`, changeable between calls. */
const table = new Map<string, Record<string, unknown>>();
const put = (item: Record<string, unknown>) => table.set(`${String(item.PK)}|${String(item.SK)}`, item);

beforeEach(() => {
  ddbMock.reset();
  resetKms();
  table.clear();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  ddbMock.on(GetCommand).callsFake((input: GetCommandInput) => {
    const key = input.Key as { PK: string; SK: string };
    return { Item: table.get(`${key.PK}|${key.SK}`) };
  });
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(UpdateCommand).resolves({});
});
afterEach(() => {
  vi.useRealTimers();
});

const call = (handler: unknown, route: RouteDef, options: RequestOptions) =>
  (handler as (e: unknown, c: unknown) => Promise<Result>)(apiEvent(route, options), lambdaContext());

const createStaff = (options: Partial<RequestOptions> = {}) =>
  call(createStaffHandler, staffRoutes.createStaff, {
    claims: own,
    params: { id: CONTRACTOR_ID },
    body,
    ...options,
  });

/** Rosters the person through the route and stores what it wrote, as DynamoDB would. */
async function rostered(evidence: 'verified' | 'pending' | undefined = 'verified') {
  put(contractorItem(contractor()));
  const result = await createStaff();
  expect(result.statusCode, result.body).toBe(201);
  const item = putItem(transactItems(ddbMock), 0);
  STAFF_ID = String(item.id);
  const stored = {
    ...item,
    ...(evidence
      ? {
          evidence: {
            documentId: 'doc_1',
            kind: 'labour_contract',
            fileName: 'c.pdf',
            contentType: 'application/pdf',
            size: 10,
            objectKey: `contractors/${CONTRACTOR_ID}/staff/${STAFF_ID}/doc_1`,
            status: evidence,
            createdAt: '2026-06-01T10:00:00.000+08:00',
          },
        }
      : {}),
  };
  put(stored);
  ddbMock.resetHistory();
  kms.resetHistory();
  return stored;
}

describe('POST /v1/contractors/{id}/staff', () => {
  it('seals the resident ID, keeps its mask and the person hash, one transaction with a staff audit entry', async () => {
    put(contractorItem(contractor()));

    const result = await createStaff();

    expect(result.statusCode, result.body).toBe(201);
    const answer = json<{ id: string; residentId: string; personHash?: string }>(result);
    // The caller who sent the number sees it; the keyed hash and the seal never leave.
    expect(answer.residentId).toBe(RESIDENT_ID);
    expect(answer).not.toHaveProperty('personHash');
    expect(answer).not.toHaveProperty('personal');
    expect(result.headers?.location).toBe(`/v1/contractors/${CONTRACTOR_ID}/staff/${answer.id}`);
    const items = transactItems(ddbMock);
    const record = putItem(items, 0);
    expect(record).toMatchObject({
      ...keys.staff(CONTRACTOR_ID, answer.id),
      residentId: MASK,
      personHash: PERSON_HASH,
      personal: { sealed: { v: 1 } },
      version: 1,
    });
    expect(JSON.stringify(record)).not.toContain(RESIDENT_ID);
    const audit = putItem(items, 1);
    expect(audit).toMatchObject({ recordType: 'staff', recordId: answer.id, action: 'staff.rostered' });
    expect(JSON.stringify(audit)).not.toContain(RESIDENT_ID);
    expect(JSON.stringify(audit)).not.toContain('sealed');
    // The roster marker: one active entry per person on this contractor's roster, in the same transaction.
    expect(items[2]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK) OR attribute_exists(leftOn)',
      Item: {
        PK: `CONTRACTOR#${CONTRACTOR_ID}`,
        SK: `PERSON#${PERSON_HASH}`,
        staffId: answer.id,
      },
    });
    expect(items[2]?.Put?.Item).not.toHaveProperty('leftOn');
    expect(JSON.stringify(items[2])).not.toContain(RESIDENT_ID);
  });

  it('refuses 409 naming residentId a second active entry of the same person (the marker exists, not left)', async () => {
    put(contractorItem(contractor()));
    // DynamoDB refuses the marker's Put: an active entry of the same person holds it.
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed'));

    const p = problem(await createStaff(), 409);

    expect(JSON.stringify(p)).toContain('residentId');
    expect(p.detail).toMatch(/already on this contractor's roster/);
  });

  it('answers 400 naming residentId when the check digit is wrong (GB 11643), writing nothing', async () => {
    put(contractorItem(contractor()));

    const result = await createStaff({ body: { ...body, residentId: '330110198503120023' } });

    const p = problem(result, 400);
    expect(JSON.stringify(p)).toContain('residentId');
    expect(p.detail).toMatch(/check digit/);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it("answers 404 to another contractor's user", async () => {
    put(contractorItem(contractor()));

    const result = await createStaff({ claims: claims.contractor(OTHER_CONTRACTOR_ID) });

    problem(result, 404);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('GET /v1/contractors/{id}/staff/{staffId}', () => {
  const get = (c: Claims) =>
    call(getStaffHandler, staffRoutes.getStaff, {
      claims: c,
      params: { id: CONTRACTOR_ID, staffId: STAFF_ID },
    });

  it('shows the resident ID in full to the contractor and the bureau (opening the seal), masked to the auditor', async () => {
    await rostered();

    for (const c of [own, claims.bureau]) {
      const result = await get(c);
      expect(result.statusCode, result.body).toBe(200);
      expect(json(result).residentId).toBe(RESIDENT_ID);
    }
    expect(kms).toHaveReceivedCommandTimes(DecryptCommand, 2);
    kms.resetHistory();
    const auditor = await get(claims.auditor);
    expect(auditor.statusCode, auditor.body).toBe(200);
    expect(json(auditor).residentId).toBe(MASK);
    expect(kms).not.toHaveReceivedCommand(DecryptCommand);
    expect(json(auditor)).not.toHaveProperty('personHash');
  });

  it('shows a portal acting for the contractor the mask, never the number (issue 13 §1: the bureau and the contractor only)', async () => {
    await rostered();
    put({
      ...keys.delegation(CONTRACTOR_ID, 'portal-a'),
      recordType: 'delegation',
      contractorId: CONTRACTOR_ID,
      portalId: 'portal-a',
      scopes: ['deliveries'],
      validUntil: '2099-01-01T00:00:00.000+08:00',
      grantedBy: { sub: 'u-c', role: 'contractor' },
      grantedAt: '2026-01-01T00:00:00.000+08:00',
      version: 1,
      createdAt: '2026-01-01T00:00:00.000+08:00',
      updatedAt: '2026-01-01T00:00:00.000+08:00',
    });
    kms.resetHistory();

    const result = await call(getStaffHandler, staffRoutes.getStaff, {
      claims: { sub: 'portal-a', client_id: 'portal-a', scope: PORTAL_SCOPE },
      headers: { 'on-behalf-of': CONTRACTOR_ID },
      params: { id: CONTRACTOR_ID, staffId: STAFF_ID },
    });

    expect(result.statusCode, result.body).toBe(200);
    expect(json(result).residentId).toBe(MASK);
    expect(kms).not.toHaveReceivedCommand(DecryptCommand);
  });

  it('refuses a town and finance 403, on one person and on the roster (R-BUY-1): a town reads its dispatched staff', async () => {
    await rostered();
    const finance = { sub: 'u-finance', 'cognito:groups': '[finance]' };
    const list = (c: Claims) =>
      call(listStaffHandler, staffRoutes.listStaff, { claims: c, params: { id: CONTRACTOR_ID } });

    for (const c of [claims.town, finance]) {
      problem(await get(c), 403);
      problem(await list(c), 403);
    }
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
    expect(kms).not.toHaveReceivedCommand(DecryptCommand);
  });
});

describe('POST /v1/contractors/{id}/staff/{staffId}/leave', () => {
  const leave = (on: string) =>
    call(leaveStaffHandler, staffRoutes.leaveStaff, {
      claims: own,
      params: { id: CONTRACTOR_ID, staffId: STAFF_ID },
      headers: { 'if-match': '"1"' },
      body: { on },
    });

  it('dates the leaving with its audit entry, and refuses 409 R-CON-3 while an own dispatch runs past that day', async () => {
    await rostered();
    put({
      ...keys.personDispatches(PERSON_HASH),
      personHash: PERSON_HASH,
      periods: [
        {
          dispatchId: 'dsp_1',
          contractId: CONTRACT_ID,
          contractorId: CONTRACTOR_ID,
          start: '2026-06-01',
          end: '2026-08-31',
        },
      ],
      version: 1,
    });

    const refused = problem(await leave('2026-07-31'), 409);
    expect(refused.rule).toBe('R-CON-3');
    expect(refused.detail).toMatch(/dispatch dsp_1 covers the person until 2026-08-31/);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);

    const left = await leave('2026-08-31');
    expect(left.statusCode, left.body).toBe(200);
    expect(json(left)).toMatchObject({ left: { on: '2026-08-31' }, version: 2, residentId: RESIDENT_ID });
    const items = transactItems(ddbMock);
    expect(putItem(items, 1)).toMatchObject({ recordType: 'staff', action: 'staff.left' });
    // The person's dispatches held at the version judged; the roster marker dated, so they may be rostered again.
    expect(items[2]?.ConditionCheck).toMatchObject({
      Key: keys.personDispatches(PERSON_HASH),
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': 1 },
    });
    expect(items[3]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK) OR staffId = :staff',
      ExpressionAttributeValues: { ':staff': STAFF_ID },
      Item: { SK: `PERSON#${PERSON_HASH}`, staffId: STAFF_ID, leftOn: '2026-08-31' },
    });
  });

  it('judges again when a dispatch landed between the read and the write, and refuses 409 R-CON-3 with it', async () => {
    await rostered();
    ddbMock.on(TransactWriteCommand).callsFakeOnce(() => {
      // A dispatch of this contractor created the person's item meanwhile: the ConditionCheck on its absence fails.
      put({
        ...keys.personDispatches(PERSON_HASH),
        personHash: PERSON_HASH,
        periods: [
          {
            dispatchId: 'dsp_2',
            contractId: CONTRACT_ID,
            contractorId: CONTRACTOR_ID,
            start: '2026-06-01',
            end: '2026-09-30',
          },
        ],
        version: 1,
      });
      throw canceled('None', 'None', 'ConditionalCheckFailed', 'None');
    });

    const refused = problem(await leave('2026-07-31'), 409);

    expect(refused.rule).toBe('R-CON-3');
    expect(refused.detail).toMatch(/dispatch dsp_2 covers the person until 2026-09-30/);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(transactItems(ddbMock)[2]?.ConditionCheck).toMatchObject({
      Key: keys.personDispatches(PERSON_HASH),
      ConditionExpression: 'attribute_not_exists(PK)',
    });
  });

  it("leaves a marker that names another entry alone (rostered before the marker), holding the person's absence", async () => {
    await rostered();
    put({
      PK: `CONTRACTOR#${CONTRACTOR_ID}`,
      SK: `PERSON#${PERSON_HASH}`,
      staffId: 'stf_01jzzzzzzz9876543210',
    });

    const left = await leave('2026-07-31');

    expect(left.statusCode, left.body).toBe(200);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(3);
    expect(items[2]?.ConditionCheck).toMatchObject({ ConditionExpression: 'attribute_not_exists(PK)' });
  });
});

describe('POST /v1/contracts/{id}/dispatches', () => {
  const contract = (overrides: Record<string, unknown> = {}) => ({
    ...keys.contract(CONTRACT_ID),
    recordType: 'contract',
    id: CONTRACT_ID,
    contractorId: CONTRACTOR_ID,
    purchaserId: 'pur-town-1',
    status: 'signed',
    term: { start: '2026-01-01', end: '2026-12-31' },
    acceptancePlan: { minimumQualifiedShareBp: 5000 },
    version: 3,
    ...head(3),
    ...overrides,
  });
  const town1 = {
    ...keys.purchaser('pur-town-1'),
    id: 'pur-town-1',
    level: 'town',
    villages: [{ id: 'vil-1-1' }],
  };
  const place = { kind: 'village', purchaserId: 'pur-town-1', code: 'vil-1-1' };
  const period = { start: '2026-06-01', end: '2026-08-31' };
  const dispatch = (options: Partial<RequestOptions> = {}) =>
    call(createDispatchHandler, staffRoutes.createDispatch, {
      claims: own,
      params: { id: CONTRACT_ID },
      body: { staffId: STAFF_ID, place, period },
      ...options,
    });
  const theirs = (start: string, end: string) => ({
    ...keys.personDispatches(PERSON_HASH),
    personHash: PERSON_HASH,
    periods: [{ dispatchId: 'dsp_x', contractId: 'con_x', contractorId: OTHER_CONTRACTOR_ID, start, end }],
    version: 4,
  });

  beforeEach(async () => {
    await rostered();
    put(contract());
    put(town1);
  });

  it("writes the dispatch (listed under the town), its audit entry and the person's item, new, in one transaction", async () => {
    const result = await dispatch();

    expect(result.statusCode, result.body).toBe(201);
    const answer = json<{ id: string; qualified: boolean; person: unknown }>(result);
    expect(answer.person).toEqual({ name: '张建国', residentId: MASK, role: 'social_worker' });
    expect(result.headers?.location).toBe(`/v1/contracts/${CONTRACT_ID}/dispatches`);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(4);
    expect(putItem(items, 0)).toMatchObject({
      ...keys.dispatch(CONTRACT_ID, answer.id),
      ...keys.dispatchIndex('pur-town-1', '2026-06-01', answer.id),
      staffId: STAFF_ID,
      qualified: false,
    });
    expect(putItem(items, 1)).toMatchObject({ recordType: 'dispatch', action: 'dispatch.created' });
    expect(items[2]?.Put).toMatchObject({
      ConditionExpression: 'attribute_not_exists(PK)',
      Item: {
        ...keys.personDispatches(PERSON_HASH),
        periods: [
          { dispatchId: answer.id, contractorId: CONTRACTOR_ID, start: '2026-06-01', end: '2026-08-31' },
        ],
        version: 1,
      },
    });
    // The roster entry held at the version judged: a leaving landing meanwhile makes it judge again.
    expect(items[3]?.ConditionCheck).toMatchObject({
      Key: keys.staff(CONTRACTOR_ID, STAFF_ID),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': 1 },
    });
  });

  it('judges again when the person left the roster between the read and the write, and refuses 409 R-CON-3', async () => {
    ddbMock.on(TransactWriteCommand).callsFakeOnce(() => {
      const key = `CONTRACTOR#${CONTRACTOR_ID}|STAFF#${STAFF_ID}`;
      put({ ...table.get(key), left: { on: '2026-06-30' }, version: 2 });
      throw canceled('None', 'None', 'None', 'ConditionalCheckFailed');
    });

    const p = problem(await dispatch(), 409);

    expect(p.rule).toBe('R-CON-3');
    expect(p.detail).toMatch(/left the roster on 2026-06-30/);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it("writes the person's item on the version read, keeping the other contractor's earlier period", async () => {
    put(theirs('2026-01-01', '2026-05-31'));

    const result = await dispatch();

    expect(result.statusCode, result.body).toBe(201);
    const person = transactItems(ddbMock)[2]?.Put;
    expect(person).toMatchObject({
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': 4 },
      Item: { version: 5 },
    });
    expect((person?.Item as { periods: unknown[] }).periods).toHaveLength(2);
  });

  it('refuses 409 R-CON-3 a person another contractor dispatched for an overlapping period', async () => {
    put(theirs('2026-08-31', '2026-09-30'));

    const p = problem(await dispatch(), 409);

    expect(p.rule).toBe('R-CON-3');
    expect(p.detail).toMatch(/another contractor from 2026-08-31 to 2026-09-30/);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('refuses 409 R-CON-3 a person without verified employment evidence, and one not on the roster', async () => {
    put({ ...table.get(`CONTRACTOR#${CONTRACTOR_ID}|STAFF#${STAFF_ID}`), evidence: undefined });
    const unverified = problem(await dispatch(), 409);
    expect(unverified.detail).toMatch(/no verified employment evidence/);
    expect(unverified.rule).toBe('R-CON-3');

    const stranger = problem(
      await dispatch({ body: { place, period, staffId: 'stf_01jzzzzzzz9876543210' } }),
      409,
    );
    expect(stranger.detail).toMatch(/not on this contractor's roster/);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it("judges again when the person's item changed under it: the other contractor's dispatch that landed first wins", async () => {
    ddbMock.on(TransactWriteCommand).callsFakeOnce(() => {
      // Another contractor's dispatch landed between the read and this write.
      put(theirs('2026-07-01', '2026-07-31'));
      throw canceled('None', 'None', 'ConditionalCheckFailed');
    });

    const p = problem(await dispatch(), 409);

    expect(p.detail).toMatch(/another contractor from 2026-07-01/);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('refuses a period outside the term (400 naming the field) and a contract that is not signed (409)', async () => {
    const outside = problem(
      await dispatch({
        body: { staffId: STAFF_ID, place, period: { start: '2026-06-01', end: '2027-01-31' } },
      }),
      400,
    );
    expect(JSON.stringify(outside)).toContain('period.end');
    put(contract({ status: 'draft' }));
    expect(problem(await dispatch(), 409).detail).toMatch(/signed/);
  });

  it('lists the contract’s dispatches with the staffing share, and the town its dispatched staff, masked', async () => {
    const created = json<Record<string, unknown>>(await dispatch());
    ddbMock.on(QueryCommand).resolves({ Items: [{ ...keys.dispatch(CONTRACT_ID, 'x'), ...created }] });

    const list = await call(listDispatchesHandler, staffRoutes.listDispatches, {
      claims: claims.town,
      params: { id: CONTRACT_ID },
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(json(list).staffing).toEqual({
      dispatched: 1,
      qualified: 0,
      shareBp: 0,
      minimumBp: 5000,
      met: false,
    });

    const town = await call(listDispatchedStaffHandler, staffRoutes.listDispatchedStaff, {
      claims: claims.town,
      params: { id: 'pur-town-1' },
    });
    expect(town.statusCode, town.body).toBe(200);
    expect(JSON.stringify(json(town))).toContain(MASK);
    expect(JSON.stringify(json(town))).not.toContain(RESIDENT_ID);
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'GSI1',
      ExpressionAttributeValues: expect.objectContaining({ ':pk': 'DISPATCHED#pur-town-1' }),
    });

    const otherTown = await call(listDispatchedStaffHandler, staffRoutes.listDispatchedStaff, {
      claims: claims.town,
      params: { id: 'pur-town-2' },
    });
    problem(otherTown, 404);
  });
});
