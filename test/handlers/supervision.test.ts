/**
 * Issue 13 §2: the supervision routes (functions/supervision) against a mocked table: quarterly financial reports
 * (R-CON-4) and inspections with findings tracked to closed (R-SUP-1). Each change is one transaction holding the
 * record and its audit entry (R-SUP-2); a lost race on one record is a 412; every refusal is a problem+json.
 */
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
import { handler as submitReport } from '#functions/supervision/submit-financial-report';
import { handler as reviewReport } from '#functions/supervision/review-financial-report';
import { handler as listReports } from '#functions/supervision/list-financial-reports';
import { handler as recordInspection } from '#functions/supervision/record-inspection';
import { handler as getInspection } from '#functions/supervision/get-inspection';
import { handler as listInspections } from '#functions/supervision/list-inspections';
import { handler as respond } from '#functions/supervision/respond-to-finding';
import { handler as closeFinding } from '#functions/supervision/close-finding';
import { handler as reopenFinding } from '#functions/supervision/reopen-finding';
import { routes } from '#functions/routes';
import type { RouteDef } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Contract } from '#shared/domain/contract';
import { DEFAULT_PAYMENT_MILESTONES, STANDARD_TEMPLATE, draftContract } from '#shared/domain/contract';
import type { Delegation } from '#shared/domain/delegation';
import type { FinancialReport, Inspection } from '#shared/domain/supervision';
import { PORTAL_SCOPE } from '#shared/http/principal';
import { project } from './procurement-fixtures';
import type { RequestOptions, Result } from './support';
import {
  CONTRACTOR_ID,
  OTHER_CONTRACTOR_ID,
  apiEvent,
  canceled,
  claims,
  head,
  json,
  lambdaContext,
  problem,
  putItem,
  transactItems,
} from './support';

const ddbMock = mockClient(DynamoDBDocumentClient);
// 2025-07-03 10:00 in Shanghai: Q3 of a contract over 2025-05-01 … 2025-12-31.
const NOW = new Date('2025-07-03T02:00:00.000Z');
const AT = '2025-07-03T10:00:00.000+08:00';
const CONTRACT_ID = 'con_01jcontract000000001';
const INSPECTION_ID = 'ins_01jinspection00000001';
const PORTAL = 'portal-a';
const TOWN = { sub: 'u-town', role: 'town' };
const CONTRACTOR_USER = { sub: 'u-c', role: 'contractor' };
const own = claims.contractor(CONTRACTOR_ID);
const otherTown = { sub: 'u-town-2', 'cognito:groups': '[town]', purchaserId: 'pur-town-2' };
const finance = { sub: 'u-finance', 'cognito:groups': '[finance]' };

function contract(status: Contract['status'] = 'signed'): Contract {
  const p = project({ status: 'awarded' });
  const drafted = draftContract(
    p,
    {
      projectId: p.id,
      bidId: 'bid_01jabcdefg0123456789',
      contractorId: CONTRACTOR_ID,
      price: 28_000_000,
      awardedAt: '2025-04-12T15:00:00.000+08:00',
    },
    STANDARD_TEMPLATE,
    { paymentMilestones: DEFAULT_PAYMENT_MILESTONES },
    { id: CONTRACT_ID, now: '2025-04-21T09:00:00.000+08:00' },
  );
  return { ...drafted, status, version: 3 };
}
const contractItem = (c: Contract) => ({
  ...keys.contract(c.id),
  recordType: 'contract',
  ...c,
  ...head(c.version),
});

const report = (overrides: Partial<FinancialReport> = {}): FinancialReport => ({
  contractId: CONTRACT_ID,
  period: '2025-Q2',
  contractorId: CONTRACTOR_ID,
  purchaserId: 'pur-town-1',
  income: 7_000_000,
  expenditure: { staff: 5_000_000, materials: 600_000, administration: 400_000 },
  documents: [],
  status: 'under_review',
  submissions: 1,
  submittedBy: CONTRACTOR_USER,
  submittedAt: AT,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  ...overrides,
});
const reportItem = (r: FinancialReport) => ({
  ...keys.financialReport(r.contractId, r.period),
  recordType: 'financial-report',
  ...r,
  ...head(r.version),
});

const inspection = (overrides: Partial<Inspection> = {}): Inspection => ({
  id: INSPECTION_ID,
  contractId: CONTRACT_ID,
  contractorId: CONTRACTOR_ID,
  purchaserId: 'pur-town-1',
  date: '2025-06-20',
  place: '东溪村',
  checked: '入户记录',
  findings: [
    {
      n: 1,
      description: '排查表缺签字',
      severity: 'minor',
      responseDueBy: '2025-07-10',
      status: 'awaiting_response',
      responses: [],
      reopenings: [],
    },
    {
      n: 2,
      description: '在岗人员与派遣不符',
      severity: 'major',
      responseDueBy: '2025-07-02',
      status: 'awaiting_response',
      responses: [],
      reopenings: [],
    },
  ],
  status: 'open',
  inspectedBy: TOWN,
  version: 1,
  createdAt: '2025-06-20T17:00:00.000+08:00',
  updatedAt: '2025-06-20T17:00:00.000+08:00',
  ...overrides,
});
const inspectionItem = (i: Inspection) => ({
  ...keys.inspection(i.contractId, i.id),
  recordType: 'inspection',
  ...i,
  ...head(i.version),
});
const delegationItem = (scopes: Delegation['scopes']) => ({
  ...keys.delegation(CONTRACTOR_ID, PORTAL),
  recordType: 'delegation',
  contractorId: CONTRACTOR_ID,
  portalId: PORTAL,
  scopes,
  validUntil: '2025-12-31T00:00:00.000+08:00',
  grantedBy: CONTRACTOR_USER,
  grantedAt: AT,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  ...head(1),
});

/** The table as GetItem sees it: items by `PK|SK`. */
function arrange(items: Record<string, unknown>[]): void {
  const byKey = new Map(items.map((item) => [`${String(item.PK)}|${String(item.SK)}`, item]));
  ddbMock.on(GetCommand).callsFake((input: GetCommandInput) => {
    const key = input.Key as { PK: string; SK: string };
    return { Item: byKey.get(`${key.PK}|${key.SK}`) };
  });
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(UpdateCommand).resolves({});
}

type Handler = typeof submitReport;
const call = (handler: Handler, route: RouteDef, options: RequestOptions) =>
  handler(apiEvent(route, options), lambdaContext()) as Promise<Result>;

const reportBody = {
  income: 7_000_000,
  expenditure: { staff: 5_000_000, materials: 600_000, administration: 400_000 },
  notes: '二季度',
  documents: [{ title: '工资表', reference: '凭证 2025-06-01' }],
};
const submit = (options: Partial<RequestOptions> = {}, period = '2025-Q2') =>
  call(submitReport, routes.submitFinancialReport, {
    claims: own,
    params: { id: CONTRACT_ID, period },
    headers: { 'if-none-match': '*' },
    body: reportBody,
    ...options,
  });
const review = (options: Partial<RequestOptions>) =>
  call(reviewReport, routes.reviewFinancialReport, {
    claims: claims.town,
    params: { id: CONTRACT_ID, period: '2025-Q2' },
    headers: { 'if-match': '"1"' },
    ...options,
  });
const findingParams = (n: number) => ({ id: CONTRACT_ID, inspectionId: INSPECTION_ID, n: String(n) });

beforeEach(() => {
  ddbMock.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PUT /v1/contracts/{id}/financial-reports/{period} (R-CON-4)', () => {
  it('submits with If-None-Match: *: the report and its audit entry in one transaction, 201 with where to read it', async () => {
    arrange([contractItem(contract())]);

    const result = await submit();

    expect(result.statusCode).toBe(201);
    expect(result.headers?.etag).toBe('"1"');
    expect(result.headers?.location).toBe(`/v1/contracts/${CONTRACT_ID}/financial-reports`);
    expect(json(result)).toMatchObject({ status: 'under_review', totalExpenditure: 6_000_000, version: 1 });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(putItem(items, 0)).toMatchObject({
      ...keys.financialReport(CONTRACT_ID, '2025-Q2'),
      recordType: 'financial-report',
      contractorId: CONTRACTOR_ID,
    });
    expect(items[0]?.Put?.ConditionExpression).toBe('attribute_not_exists(PK)');
    // The audit trail finds the record again from the entry's contractId and period (shared/use-cases/audit.ts).
    expect(putItem(items, 1)).toMatchObject({
      PK: `AUDIT#financial-report#${CONTRACT_ID}.2025-Q2`,
      action: 'financial-report.submitted',
      data: { contractId: CONTRACT_ID, period: '2025-Q2' },
    });
  });

  it('lets a portal with the deliveries scope submit for the contractor, and refuses one with documents only', async () => {
    arrange([contractItem(contract()), delegationItem(['deliveries'])]);
    const portal = { sub: PORTAL, client_id: PORTAL, scope: PORTAL_SCOPE };
    const result = await submit({
      claims: portal,
      headers: { 'if-none-match': '*', 'on-behalf-of': CONTRACTOR_ID },
    });
    expect(result.statusCode).toBe(201);
    expect(json(result).submittedBy).toEqual({
      sub: PORTAL,
      role: 'portal',
      onBehalfOf: { contractorId: CONTRACTOR_ID, scope: 'deliveries' },
    });

    ddbMock.reset();
    arrange([contractItem(contract()), delegationItem(['documents'])]);
    problem(
      await submit({ claims: portal, headers: { 'if-none-match': '*', 'on-behalf-of': CONTRACTOR_ID } }),
      403,
    );
  });

  it('answers 404 to another contractor, 409 to an unsigned contract, 400 naming period for a future quarter', async () => {
    arrange([contractItem(contract())]);
    problem(await submit({ claims: claims.contractor(OTHER_CONTRACTOR_ID) }), 404);
    const future = problem(await submit({}, '2025-Q4'), 400);
    expect(future.errors?.[0]).toMatchObject({ in: 'path', field: 'period' });
    const malformed = problem(await submit({}, '2025-Q5'), 400);
    expect(malformed.errors?.[0]).toMatchObject({ in: 'path', field: 'period' });

    ddbMock.reset();
    arrange([contractItem(contract('signed_by_one'))]);
    expect(problem(await submit(), 409).rule).toBe('R-CON-4');
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses to replace a report under review (409) and resubmits a returned one with If-Match (200)', async () => {
    arrange([contractItem(contract()), reportItem(report())]);
    expect(problem(await submit({ headers: { 'if-match': '"1"' } }), 409).rule).toBe('R-CON-4');

    ddbMock.reset();
    const returned = report({
      status: 'returned',
      version: 2,
      review: { decision: 'returned', reason: '合计不符', by: TOWN, at: AT },
    });
    arrange([contractItem(contract()), reportItem(returned)]);
    problem(await submit(), 412);
    problem(await submit({ headers: { 'if-match': '"1"' } }), 412);
    const result = await submit({ headers: { 'if-match': '"2"' } });
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({ status: 'under_review', submissions: 2, version: 3 });
    const items = transactItems(ddbMock);
    expect(items[0]?.Put?.ExpressionAttributeValues).toEqual({ ':expected': 2 });
    expect(putItem(items, 1)).toMatchObject({ action: 'financial-report.resubmitted' });
  });

  it('answers 412 when another submission of the same quarter landed first', async () => {
    arrange([contractItem(contract())]);
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));
    problem(await submit(), 412);
  });
});

describe('POST /v1/contracts/{id}/financial-reports/{period}/review', () => {
  it('returns with a reason; without one it is a 400 naming reason', async () => {
    arrange([reportItem(report())]);
    const missing = problem(await review({ body: { decision: 'returned' } }), 400);
    expect(missing.errors?.[0]).toMatchObject({ field: 'reason' });

    const result = await review({ body: { decision: 'returned', reason: '合计不符' } });
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({
      status: 'returned',
      review: { decision: 'returned', reason: '合计不符', by: TOWN },
      version: 2,
    });
    expect(putItem(transactItems(ddbMock), 1)).toMatchObject({ action: 'financial-report.returned' });
  });

  it('answers 404 to a town that is not the purchaser, 409 to an accepted report, 412 to a stale If-Match', async () => {
    arrange([reportItem(report())]);
    problem(await review({ claims: otherTown, body: { decision: 'accepted' } }), 404);
    problem(await review({ headers: { 'if-match': '"7"' }, body: { decision: 'accepted' } }), 412);
    ddbMock.reset();
    arrange([reportItem(report({ status: 'accepted', version: 2 }))]);
    problem(await review({ headers: { 'if-match': '"2"' }, body: { decision: 'accepted' } }), 409);
  });
});

describe('GET /v1/contracts/{id}/financial-reports', () => {
  it('lists the reports of a contract the caller sees, from the SUPERVISION partition; 404 to another contractor', async () => {
    arrange([contractItem(contract())]);
    ddbMock.on(QueryCommand).resolves({ Items: [reportItem(report())] });
    const result = await call(listReports, routes.listFinancialReports, {
      claims: finance,
      params: { id: CONTRACT_ID },
    });
    expect(result.statusCode).toBe(200);
    expect(json<{ items: { period: string }[] }>(result).items.map((r) => r.period)).toEqual(['2025-Q2']);
    expect(ddbMock.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':pk': keys.supervisionPartition(CONTRACT_ID),
    });
    problem(
      await call(listReports, routes.listFinancialReports, {
        claims: claims.contractor(OTHER_CONTRACTOR_ID),
        params: { id: CONTRACT_ID },
      }),
      404,
    );
  });
});

describe('POST /v1/contracts/{id}/inspections (R-SUP-1)', () => {
  const body = {
    date: '2025-07-02',
    place: '东溪村',
    checked: '入户记录',
    findings: [{ description: '排查表缺签字', severity: 'minor', responseDueBy: '2025-07-10' }],
  };
  const post = (options: Partial<RequestOptions> = {}) =>
    call(recordInspection, routes.recordInspection, {
      claims: claims.town,
      params: { id: CONTRACT_ID },
      headers: { 'idempotency-key': 'inspection-0001' },
      body,
      ...options,
    });

  it('records an open inspection with its audit entry and idempotency record in one transaction, 201 + Location', async () => {
    arrange([contractItem(contract())]);
    const result = await post();
    expect(result.statusCode).toBe(201);
    const created = json<{ id: string; status: string; findings: { status: string }[] }>(result);
    expect(created.status).toBe('open');
    expect(created.findings.map((f) => f.status)).toEqual(['awaiting_response']);
    expect(result.headers?.location).toBe(`/v1/contracts/${CONTRACT_ID}/inspections/${created.id}`);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(3);
    expect(putItem(items, 0)).toMatchObject(keys.inspection(CONTRACT_ID, created.id));
    expect(putItem(items, 1)).toMatchObject({
      PK: `AUDIT#inspection#${created.id}`,
      action: 'inspection.recorded',
      data: { contractId: CONTRACT_ID },
    });
    expect(String(putItem(items, 2).PK)).toMatch(/^IDEMPOTENCY#/);
  });

  it('answers 404 to a town that is not the purchaser, 409 to an unsigned contract, 400 naming a past due date', async () => {
    arrange([contractItem(contract())]);
    problem(await post({ claims: otherTown }), 404);
    const past = problem(
      await post({ body: { ...body, findings: [{ ...body.findings[0], responseDueBy: '2025-07-01' }] } }),
      400,
    );
    expect(past.errors?.[0]).toMatchObject({ field: 'findings.0.responseDueBy' });
    ddbMock.reset();
    arrange([contractItem(contract('draft'))]);
    expect(problem(await post(), 409).rule).toBe('R-SUP-1');
  });
});

describe('findings: response, close, reopen; overdue at read time', () => {
  const respondTo = (n: number, options: Partial<RequestOptions> = {}) =>
    call(respond, routes.respondToFinding, {
      claims: own,
      params: findingParams(n),
      headers: { 'if-match': '"1"' },
      body: { text: '已补签' },
      ...options,
    });

  it('shows finding 2 overdue (its due date was yesterday in Shanghai) and finding 1 awaiting a response', async () => {
    arrange([inspectionItem(inspection())]);
    const result = await call(getInspection, routes.getInspection, {
      claims: own,
      params: { id: CONTRACT_ID, inspectionId: INSPECTION_ID },
    });
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"1"');
    expect(json(result)).toMatchObject({
      status: 'open',
      overdueFindings: 1,
      findings: [
        { n: 1, status: 'awaiting_response' },
        { n: 2, status: 'overdue' },
      ],
    });
    problem(
      await call(getInspection, routes.getInspection, {
        claims: claims.contractor(OTHER_CONTRACTOR_ID),
        params: { id: CONTRACT_ID, inspectionId: INSPECTION_ID },
      }),
      404,
    );
  });

  it('reads "today" in Shanghai: at 00:30 on 3 July there (16:30 UTC on 2 July) a finding due 2 July is overdue', async () => {
    arrange([inspectionItem(inspection())]);
    const read = async (at: string) => {
      vi.setSystemTime(new Date(at));
      const result = await call(getInspection, routes.getInspection, {
        claims: own,
        params: { id: CONTRACT_ID, inspectionId: INSPECTION_ID },
      });
      return json<{ findings: { status: string }[] }>(result).findings[1]?.status;
    };
    expect(await read('2025-07-02T15:59:59.000Z')).toBe('awaiting_response');
    expect(await read('2025-07-02T16:30:00.000Z')).toBe('overdue');
  });

  it('lists the contract’s inspections with the same read-time status', async () => {
    arrange([contractItem(contract())]);
    ddbMock.on(QueryCommand).resolves({ Items: [inspectionItem(inspection())] });
    const result = await call(listInspections, routes.listInspections, {
      claims: claims.auditor,
      params: { id: CONTRACT_ID },
    });
    expect(json<{ items: { overdueFindings: number }[] }>(result).items[0]?.overdueFindings).toBe(1);
  });

  it('records the contractor’s late response on the version read, with its audit entry', async () => {
    arrange([inspectionItem(inspection())]);
    const result = await respondTo(2);
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({
      version: 2,
      overdueFindings: 0,
      findings: [{ status: 'awaiting_response' }, { status: 'responded', responses: [{ late: true }] }],
    });
    const items = transactItems(ddbMock);
    expect(items[0]?.Put?.ExpressionAttributeValues).toEqual({ ':expected': 1 });
    expect(putItem(items, 1)).toMatchObject({
      PK: `AUDIT#inspection#${INSPECTION_ID}`,
      action: 'inspection.finding-responded',
    });
  });

  it('answers 412 to a stale If-Match or a lost race, 404 to another contractor and to finding 3', async () => {
    arrange([inspectionItem(inspection())]);
    problem(await respondTo(1, { headers: { 'if-match': '"2"' } }), 412);
    problem(await respondTo(1, { claims: claims.contractor(OTHER_CONTRACTOR_ID) }), 404);
    problem(await respondTo(3), 404);
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));
    problem(await respondTo(1), 412);
  });

  it('answers 412, not 409, to a writer whose read is stale even when the winner already answered the finding', async () => {
    const answered = inspection({
      version: 2,
      findings: inspection().findings.map((f) =>
        f.n === 1
          ? {
              ...f,
              status: 'responded' as const,
              responses: [{ text: '已补签', documents: [], by: CONTRACTOR_USER, at: AT, late: false }],
            }
          : f,
      ),
    });
    arrange([inspectionItem(answered)]);
    problem(await respondTo(1), 412);
    expect(problem(await respondTo(1, { headers: { 'if-match': '"2"' } }), 409).rule).toBe('R-SUP-1');
  });

  it('resends a write cancelled only for a transaction in flight, so the race is settled by the version (412)', async () => {
    arrange([inspectionItem(inspection())]);
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(canceled('TransactionConflict', 'None'))
      .rejectsOnce(canceled('ConditionalCheckFailed', 'None'));
    problem(await respondTo(1), 412);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('closes a finding only after a response (409 before), and the inspection when all are closed', async () => {
    const close = (n: number, version: number) =>
      call(closeFinding, routes.closeFinding, {
        claims: claims.bureau,
        params: findingParams(n),
        headers: { 'if-match': `"${version}"` },
        body: { note: '复核无误' },
      });
    arrange([inspectionItem(inspection())]);
    expect(problem(await close(1, 1), 409).rule).toBe('R-SUP-1');

    ddbMock.reset();
    const answered = inspection({
      version: 3,
      findings: inspection().findings.map((f) => ({
        ...f,
        status: f.n === 1 ? ('responded' as const) : ('closed' as const),
        responses: [{ text: '已补签', documents: [], by: CONTRACTOR_USER, at: AT, late: false }],
      })),
    });
    arrange([inspectionItem(answered)]);
    problem(
      await call(closeFinding, routes.closeFinding, {
        claims: otherTown,
        params: findingParams(1),
        headers: { 'if-match': '"3"' },
        body: {},
      }),
      404,
    );
    const result = await close(1, 3);
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({
      status: 'closed',
      version: 4,
      findings: [{ status: 'closed', closed: { note: '复核无误' } }, { status: 'closed' }],
    });
    expect(putItem(transactItems(ddbMock), 1)).toMatchObject({ action: 'inspection.finding-closed' });
  });

  it('reopens an answered finding with a reason and a new due date; the contractor may not', async () => {
    const answered = inspection({
      version: 2,
      findings: inspection().findings.map((f) =>
        f.n === 1
          ? {
              ...f,
              status: 'responded' as const,
              responses: [{ text: '已补签', documents: [], by: CONTRACTOR_USER, at: AT, late: false }],
            }
          : f,
      ),
    });
    arrange([inspectionItem(answered)]);
    const reopen = (options: Partial<RequestOptions>) =>
      call(reopenFinding, routes.reopenFinding, {
        claims: claims.town,
        params: findingParams(1),
        headers: { 'if-match': '"2"' },
        body: { reason: '仍缺一户', responseDueBy: '2025-07-20' },
        ...options,
      });
    problem(await reopen({ claims: own }), 403);
    problem(await reopen({ body: { responseDueBy: '2025-07-20' } }), 400);
    const result = await reopen({});
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({
      findings: [
        { status: 'awaiting_response', responseDueBy: '2025-07-20', reopenings: [{ reason: '仍缺一户' }] },
        {},
      ],
    });
  });
});
