/**
 * Contracts (R-CON-1..4, R-FUND-2, R-SUP-3): reading them within scope, signing them, and the second
 * signature's single transaction (contract, budget commitment, project → contracted, contract release) followed
 * by the workflow's resumption. Also the DraftContract task's use case.
 */
import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as getContract } from '#functions/contracts/get-contract';
import { handler as listContracts } from '#functions/contracts/list-contracts';
import { handler as signContract } from '#functions/contracts/sign-contract';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { store } from '#shared/adapters/store';
import type { Contract } from '#shared/domain/contract';
import {
  CLAUSE_KEYS,
  DEFAULT_PAYMENT_MILESTONES,
  STANDARD_TEMPLATE,
  draftContract,
} from '#shared/domain/contract';
import type { Project } from '#shared/domain/project';
import { callbackDeps } from '#shared/adapters/workflow';
import { draftContractFor, signContract as signContractUseCase } from '#shared/use-cases/contracts';
import { captureEmf } from './emf-capture';
import type { RequestOptions, TransactItems } from './support';
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
import {
  LINE_ID,
  PROJECT_ID,
  budgetLine,
  budgetLineItem,
  caregiving,
  financeClaims,
  otherTownClaims,
  project,
  projectItem,
  purchaserItem,
} from './procurement-fixtures';
import { expectValidReleasePackage } from '../support/ocds-schema';

const ddbMock = mockClient(DynamoDBDocumentClient);
const sfnMock = mockClient(SFNClient);
const emf = captureEmf();
const NOW = new Date('2025-04-28T06:30:00.000Z');
const NOW_ISO = '2025-04-28T14:30:00.000+08:00';
const DRAFTED_AT = '2025-04-21T09:00:00.000+08:00';
const CONTRACT_ID = 'con_01jcontract000000001';
const TOKEN = 'task-token-signatures';
const PRICE = 28_000_000;
const EXECUTION = `arn:aws-cn:states:cn-north-1:123456789012:execution:procurement:${PROJECT_ID}-v3`;
const CONTRACTOR_USER = { sub: 'u-c', role: 'contractor' };

const awardedProject = (overrides: Partial<Project> = {}): Project =>
  project({
    status: 'awarded',
    version: 9,
    tender: {
      publishedAt: '2025-03-20T09:00:00.000+08:00',
      bidDeadline: '2025-04-10T09:00:00.000+08:00',
      minimumBids: 3,
    },
    award: {
      bidId: 'bid_01jabcdefg0123456789',
      contractorId: CONTRACTOR_ID,
      contractorName: '示范社会工作服务中心',
      contractorKind: 'social_organization',
      price: PRICE,
      awardedAt: '2025-04-12T15:00:00.000+08:00',
      standstill: {
        opensAt: '2025-04-12T15:00:00.000+08:00',
        lastDay: '2025-04-19',
        closesAt: '2025-04-20T00:00:00.000+08:00',
        movedToWorkingDay: false,
      },
    },
    contract: { id: CONTRACT_ID },
    workflow: {
      executionArn: EXECUTION,
      startedAt: '2025-03-20T09:00:00.000+08:00',
      waitingFor: 'signatures',
    },
    ...overrides,
  });

/** The drafted contract, as DraftContract wrote it, with the given signatures. */
function contract(signed: Partial<Record<'purchaser' | 'contractor', boolean>> = {}): Contract {
  const p = awardedProject();
  const drafted = draftContract(
    p,
    { projectId: p.id, ...p.award!, price: PRICE },
    STANDARD_TEMPLATE,
    { paymentMilestones: DEFAULT_PAYMENT_MILESTONES },
    { id: CONTRACT_ID, now: DRAFTED_AT },
  );
  const at = '2025-04-25T10:00:00.000+08:00';
  const signatures = {
    ...(signed.contractor ? { contractor: { by: CONTRACTOR_USER, at } } : {}),
    ...(signed.purchaser ? { purchaser: { by: { sub: 'u-bureau', role: 'bureau' }, at } } : {}),
  };
  const count = Object.keys(signatures).length;
  return {
    ...drafted,
    signatures,
    status: count === 0 ? 'draft' : count === 1 ? 'signed_by_one' : 'signed',
    version: 1 + count,
  };
}

const contractItem = (c: Contract, seq = c.version) => ({
  ...keys.contract(c.id),
  ...keys.contractIndex(c.contractorId, c.createdAt, c.id),
  recordType: 'contract',
  ...c,
  ...head(seq),
});

function arrange(stored: Contract | null = contract(), storedProject: Project = awardedProject()): void {
  ddbMock
    .on(GetCommand, { Key: keys.contract(CONTRACT_ID) })
    .resolves(stored ? { Item: contractItem(stored) } : {});
  ddbMock.on(GetCommand, { Key: keys.project(PROJECT_ID) }).resolves({ Item: projectItem(storedProject) });
}

const contractorClaims = claims.contractor(CONTRACTOR_ID);

const sign = (options: RequestOptions = {}) =>
  signContract(
    apiEvent(routes.signContract, {
      claims: contractorClaims,
      params: { id: CONTRACT_ID },
      headers: { 'If-Match': '"1"' },
      ...options,
    }),
    lambdaContext(),
  );
const get = (options: RequestOptions = {}) =>
  getContract(
    apiEvent(routes.getContract, { claims: contractorClaims, params: { id: CONTRACT_ID }, ...options }),
    lambdaContext(),
  );
const list = (options: RequestOptions = {}) =>
  listContracts(apiEvent(routes.listContracts, { claims: contractorClaims, ...options }), lambdaContext());

/** The index of the first transaction item that updates or checks `key`. */
const indexOf = (items: TransactItems, kind: 'Put' | 'Update' | 'ConditionCheck', pk: string, sk: string) =>
  items.findIndex((i) => {
    const op = i[kind] as { Key?: Record<string, unknown>; Item?: Record<string, unknown> } | undefined;
    const k = op?.Key ?? op?.Item;
    return k?.PK === pk && k?.SK === sk;
  });

beforeEach(() => {
  ddbMock.reset();
  sfnMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(TransactWriteCommand).resolves({});
  ddbMock.on(DeleteCommand).resolves({});
  // No challenge filed against the award (R-PROC-5).
  ddbMock
    .on(QueryCommand, {
      ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'CHALLENGE#' },
    })
    .resolves({ Items: [] });
  ddbMock.on(GetCommand, { Key: keys.budgetLine(LINE_ID) }).resolves({ Item: budgetLineItem(budgetLine()) });
  ddbMock
    .on(GetCommand, { Key: keys.purchaser('pur-town-1') })
    .resolves({ Item: purchaserItem('pur-town-1') });
  ddbMock
    .on(GetCommand, { Key: keys.catalogItem('C-CAREGIVING') })
    .resolves({ Item: { ...keys.catalogItem('C-CAREGIVING'), ...caregiving, ...head(1) } });
  ddbMock.on(GetCommand, { Key: keys.projectCallback(PROJECT_ID) }).resolves({
    Item: {
      ...keys.projectCallback(PROJECT_ID),
      recordType: 'callback',
      projectId: PROJECT_ID,
      waitingFor: 'signatures',
      taskToken: TOKEN,
      parkedAt: DRAFTED_AT,
    },
  });
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  arrange();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('GET /v1/contracts/{id}', () => {
  it('R-CON-1, R-CON-2: shows the contractor its contract with every clause, the milestones, signatures and template version', async () => {
    // Act
    const result = await get();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"1"');
    const body = json<Contract>(result);
    expect(body).toMatchObject({
      id: CONTRACT_ID,
      projectId: PROJECT_ID,
      contractorId: CONTRACTOR_ID,
      price: PRICE,
      status: 'draft',
      signatures: {},
      template: { templateId: STANDARD_TEMPLATE.templateId, version: STANDARD_TEMPLATE.version },
    });
    expect(body.clauses.map((c) => c.key)).toEqual([...CLAUSE_KEYS]);
    expect(body.clauses.find((c) => c.key === 'no_subcontracting')?.textZh).toContain('严禁服务转包');
    expect(body.paymentMilestones.map((m) => m.amount)).toEqual([8_400_000, 11_200_000, 8_400_000]);
  });

  it.each([
    ['the bureau', claims.bureau],
    ['finance', financeClaims],
    ['an auditor', claims.auditor],
    ["the purchaser's own town", claims.town],
  ])('R-BUY-1: %s reads it', async (_, who) => {
    expect((await get({ claims: who })).statusCode).toBe(200);
  });

  it.each([
    ['another contractor', claims.contractor(OTHER_CONTRACTOR_ID)],
    ['another town', otherTownClaims],
  ])('R-BUY-1: %s is told it does not exist (404)', async (_, who) => {
    problem(await get({ claims: who }), 404);
  });

  it('answers 403 to an evaluator and 404 for an unknown contract', async () => {
    problem(await get({ claims: claims.evaluator }), 403);
    arrange(null);
    expect(problem(await get({ claims: claims.bureau }), 404).detail).toBe('contract not found');
  });
});

describe('GET /v1/contracts', () => {
  it("lists a contractor's own contracts from the contract index, newest first", async () => {
    // Arrange
    ddbMock.on(QueryCommand).resolves({ Items: [contractItem(contract())] });

    // Act
    const result = await list({ query: { limit: '10' } });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json<{ items: Contract[] }>(result).items.map((c) => c.id)).toEqual([CONTRACT_ID]);
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'GSI1',
      ExpressionAttributeValues: { ':pk': keys.contractPartition(CONTRACTOR_ID) },
      ScanIndexForward: false,
      Limit: 10,
    });
  });

  it("R-BUY-1: a contractor cannot list another contractor's contracts; staff must name the contractor", async () => {
    problem(await list({ query: { contractorId: OTHER_CONTRACTOR_ID } }), 404);
    const missing = problem(await list({ claims: claims.bureau }), 400);
    expect(missing.errors?.[0]).toMatchObject({ in: 'query', field: 'contractorId' });
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
  });

  it("R-BUY-1: a town sees only its own purchaser's contracts of a contractor", async () => {
    // Arrange
    const elsewhere = { ...contract(), id: 'con_01jcontract000000002', purchaserId: 'pur-town-2' };
    ddbMock.on(QueryCommand).resolves({ Items: [contractItem(contract()), contractItem(elsewhere)] });

    // Act
    const result = await list({ claims: claims.town, query: { contractorId: CONTRACTOR_ID } });

    // Assert
    expect(json<{ items: Contract[] }>(result).items.map((c) => c.id)).toEqual([CONTRACT_ID]);
  });
});

describe('POST /v1/contracts/{id}/sign', () => {
  it('R-PROC-5: nobody signs while a challenge of the award is open (409, nothing written)', async () => {
    // Arrange
    ddbMock
      .on(QueryCommand, {
        ExpressionAttributeValues: { ':pk': `PROJECT#${PROJECT_ID}`, ':prefix': 'CHALLENGE#' },
      })
      .resolves({
        Items: [
          {
            ...keys.challenge(PROJECT_ID, 'chl_01jabcdefg0123456789'),
            id: 'chl_01jabcdefg0123456789',
            projectId: PROJECT_ID,
            status: 'open',
          },
        ],
      });

    // Act
    const result = await sign({ claims: claims.bureau });

    // Assert
    const body = problem(result, 409);
    expect(body.rule).toBe('R-PROC-5');
    expect(body.detail).toMatch(/challenge of this award is still open/);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-CON-1: the first signature (contractor) signs without committing funds, while the project still awaits it', async () => {
    // Act
    const result = await sign();

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe('"2"');
    expect(json<Contract>(result)).toMatchObject({
      status: 'signed_by_one',
      signatures: { contractor: { by: CONTRACTOR_USER, at: NOW_ISO } },
      version: 2,
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(3);
    expect(putItem(items, 0)).toMatchObject({ ...keys.contract(CONTRACT_ID), status: 'signed_by_one' });
    expect(items[0]?.Put?.ExpressionAttributeValues).toEqual({ ':expected': 1 });
    expect(putItem(items, 1)).toMatchObject({ action: 'contract.signed_by_contractor' });
    // The project must still be awarded with this very contract when the signature lands (not cancelled, not rescored).
    expect(items[2]?.ConditionCheck).toEqual({
      TableName: expect.any(String),
      Key: keys.project(PROJECT_ID),
      ConditionExpression: '#status = :awarded AND #contract.#id = :contract',
      ExpressionAttributeNames: { '#status': 'status', '#contract': 'contract', '#id': 'id' },
      ExpressionAttributeValues: { ':awarded': 'awarded', ':contract': CONTRACT_ID },
    });
    expect(indexOf(items, 'Update', `BUDGET#${LINE_ID}`, 'LINE')).toBe(-1);
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
    // Issue 9 §5: a contract is counted signed at its second signature only.
    expect(emf.metrics()).toEqual([]);
  });

  it('R-FUND-2, R-SUP-3: the second signature commits the line, contracts the project and publishes the contract in ONE transaction, then resumes the workflow', async () => {
    // Arrange
    arrange(contract({ contractor: true }));

    // Act
    const result = await sign({ claims: claims.bureau, headers: { 'If-Match': '"2"' } });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(json<Contract>(result)).toMatchObject({
      status: 'signed',
      signatures: { purchaser: { by: { sub: 'u-bureau', role: 'bureau' }, at: NOW_ISO } },
    });
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = transactItems(ddbMock);
    // The contract and the project, each conditional on the version read.
    expect(putItem(items, 0)).toMatchObject({ ...keys.contract(CONTRACT_ID), status: 'signed' });
    const projectAt = indexOf(items, 'Put', `PROJECT#${PROJECT_ID}`, 'PROJECT');
    expect(putItem(items, projectAt)).toMatchObject({
      status: 'contracted',
      contract: { id: CONTRACT_ID, signedAt: NOW_ISO },
      workflow: { executionArn: EXECUTION },
      version: 10,
    });
    expect(putItem(items, projectAt).workflow).not.toHaveProperty('waitingFor');
    expect(items[projectAt]?.Put?.ExpressionAttributeValues).toEqual({ ':expected': 9 });
    // R-SUP-2: the project's timeline and audit trail say which contract moved it to contracted.
    expect((putItem(items, projectAt).timeline as unknown[]).at(-1)).toMatchObject({
      at: NOW_ISO,
      status: 'contracted',
      event: 'contract',
      note: `contract ${CONTRACT_ID}`,
    });
    expect(putItem(items, 1)).toMatchObject({ action: 'contract.signed_by_purchaser' });
    expect(putItem(items, projectAt + 1)).toMatchObject({
      recordType: 'project',
      recordId: PROJECT_ID,
      action: 'project.contracted',
    });
    // The commitment: available must cover the price when the transaction lands.
    const line = items[indexOf(items, 'Update', `BUDGET#${LINE_ID}`, 'LINE')]?.Update;
    expect(line).toMatchObject({
      ConditionExpression: 'purchaserId = :purchaser AND available >= :x',
      ExpressionAttributeValues: { ':purchaser': 'pur-town-1', ':x': PRICE },
    });
    const movement = indexOf(items, 'Put', `BUDGET#${LINE_ID}`, `MOVE#COMMIT#contract#${CONTRACT_ID}`);
    expect(putItem(items, movement)).toMatchObject({ amount: PRICE, kind: 'commitment' });
    // The contract release (feed and record) and its 合同公告.
    const releases = items
      .map((i) => i.Put?.Item)
      .filter((i) => i?.recordType === 'ocds-release')
      .map((i) => i?.release as { tag: string[]; contracts: unknown[] });
    expect(releases).toHaveLength(2);
    expect(releases[0]).toMatchObject({
      tag: ['contract'],
      contracts: [{ id: CONTRACT_ID, status: 'active', value: { amount: 280_000 }, dateSigned: NOW_ISO }],
    });
    expectValidReleasePackage({
      uri: 'https://api.example.test/v1/public/ocds/releases',
      version: '1.1',
      publishedDate: NOW_ISO,
      publisher: { name: '示范区民政局' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      publicationPolicy: 'https://api.example.test/docs#public-disclosure',
      releases: [releases[0]],
    });
    const announcement = items.map((i) => i.Put?.Item).find((i) => i?.recordType === 'announcement');
    expect(announcement).toMatchObject({ kind: 'contract', projectId: PROJECT_ID });
    // Only after the commit: the workflow parked on the signatures ends.
    expect(sfnMock).toHaveReceivedCommandWith(SendTaskSuccessCommand, { taskToken: TOKEN });
    expect(ddbMock).toHaveReceivedCommandWith(DeleteCommand, { Key: keys.projectCallback(PROJECT_ID) });
    // Issue 9 §5: one EMF data point once the second signature committed.
    expect(emf.metrics()).toEqual([
      {
        namespace: 'AssistanceProcurement',
        service: 'assistance-procurement',
        name: 'ContractsSigned',
        value: 1,
      },
    ]);
  });

  it('R-ACC-3, R-SUP-1 (issue 13): the second signature writes each payment milestone as a record (the advance payable and due within the plan’s term) and the delivery counters, in the same transaction', async () => {
    // Arrange
    arrange(contract({ contractor: true }));

    // Act
    const result = await sign({ claims: claims.bureau, headers: { 'If-Match': '"2"' } });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = transactItems(ddbMock);
    const milestones = [1, 2, 3].map((seq) =>
      putItem(items, indexOf(items, 'Put', `MILESTONE#${CONTRACT_ID}`, `SEQ#0${seq}`)),
    );
    // 30 / 40 / 30 % of the price; the signing advance payable at once, due 30 days after the signature (Shanghai).
    expect(milestones[0]).toMatchObject({
      seq: 1,
      event: 'signing',
      amount: 8_400_000,
      status: 'payable',
      payable: 8_400_000,
      payableSince: NOW_ISO,
      dueBy: '2025-05-28',
      GSI1PK: 'PAYABLE#pur-town-1',
      GSI1SK: `2025-05-28#${CONTRACT_ID}#01`,
    });
    expect(milestones[1]).toMatchObject({
      seq: 2,
      event: 'mid_term_review',
      amount: 11_200_000,
      status: 'scheduled',
    });
    expect(milestones[2]).toMatchObject({
      seq: 3,
      event: 'acceptance_passed',
      amount: 8_400_000,
      status: 'scheduled',
    });
    // A scheduled milestone is on no due list.
    expect(milestones[1]).not.toHaveProperty('GSI1PK');
    // Each milestone's audit entry (R-SUP-2).
    const audited = items.map((i) => i.Put?.Item).filter((i) => i?.recordType === 'milestone' && i.action);
    expect(audited.map((i) => i?.recordId)).toEqual([1, 2, 3].map((seq) => `${CONTRACT_ID}.m${seq}`));
    // The counters start at zero, one line per planned delivery line, created only once.
    const progress = items[indexOf(items, 'Put', `DELIVERY#${CONTRACT_ID}`, 'PROGRESS')]?.Put;
    expect(progress?.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(progress?.Item).toMatchObject({
      contractId: CONTRACT_ID,
      lines: { service: { planned: 1200, delivered: 0, records: 0 } },
    });
  });

  it('R-CON-1: a town signs for its own purchaser as the second signature', async () => {
    arrange(contract({ contractor: true }));
    const result = await sign({ claims: claims.town, headers: { 'If-Match': '"2"' } });
    expect(json<Contract>(result).signatures.purchaser?.by).toEqual({ sub: 'u-town', role: 'town' });
  });

  it('R-CON-1: the same party signing twice is a 409 and writes nothing', async () => {
    // Arrange
    arrange(contract({ contractor: true }));

    // Act
    const result = await sign({ headers: { 'If-Match': '"2"' } });

    // Assert
    expect(problem(result, 409).rule).toBe('R-CON-1');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it.each([
    ['another contractor', claims.contractor(OTHER_CONTRACTOR_ID)],
    ['another town', otherTownClaims],
  ])('R-BUY-1: %s is told the contract does not exist (404) and nothing is written', async (_, who) => {
    problem(await sign({ claims: who }), 404);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 403 to finance: only the parties sign', async () => {
    problem(await sign({ claims: financeClaims }), 403);
  });

  it('a stale If-Match is a 412 and writes nothing; a missing one a 428', async () => {
    problem(await sign({ headers: { 'If-Match': '"7"' } }), 412);
    problem(await sign({ headers: {} }), 428);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-FUND-2: a line that cannot cover the price refuses the second signature with 409; the workflow is not resumed', async () => {
    // Arrange
    arrange(contract({ contractor: true }));
    const codes = Array.from({ length: 30 }, () => 'None');
    // The line's Update: contract, audit, project, audit, three payment milestones with their audit entries (issue
    // 13), then the line.
    codes[10] = 'ConditionalCheckFailed';
    ddbMock.on(TransactWriteCommand).rejects(canceled(...codes));

    // Act
    const result = await sign({ claims: claims.bureau, headers: { 'If-Match': '"2"' } });

    // Assert
    const body = problem(result, 409);
    expect(body).toMatchObject({ rule: 'R-FUND-2', errors: [expect.objectContaining({ field: 'price' })] });
    expect(body.detail).toContain(`${PRICE} fen would exceed the available funds`);
    expect(indexOf(transactItems(ddbMock), 'Update', `BUDGET#${LINE_ID}`, 'LINE')).toBe(10);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
    // Issue 9 §5: a refused second signature is not counted.
    expect(emf.metrics()).toEqual([]);
  });

  it('R-FUND-2: the second signature applies the domain rule to the line it reads: one fen short is a 409 naming price, nothing written', async () => {
    // Arrange: other contracts committed all but PRICE − 1 fen of the line
    arrange(contract({ contractor: true }));
    const short = budgetLine({
      committed: 50_000_000 - PRICE + 1,
      available: PRICE - 1,
      unpaid: 50_000_000 - PRICE + 1,
    });
    ddbMock.on(GetCommand, { Key: keys.budgetLine(LINE_ID) }).resolves({ Item: budgetLineItem(short) });

    // Act
    const result = await sign({ claims: claims.bureau, headers: { 'If-Match': '"2"' } });

    // Assert
    const body = problem(result, 409);
    expect(body).toMatchObject({ rule: 'R-FUND-2', errors: [expect.objectContaining({ field: 'price' })] });
    expect(body.detail).toContain(
      `committing ${PRICE} fen would exceed budget line ${LINE_ID} (${PRICE - 1} fen available)`,
    );
    expect(ddbMock).toHaveReceivedCommandWith(GetCommand, { Key: keys.budgetLine(LINE_ID) });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(sfnMock).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  it('R-FUND-2: exactly the price available still signs (the rule is "not beyond the line", not "below it")', async () => {
    arrange(contract({ contractor: true }));
    const exact = budgetLine({ committed: 50_000_000 - PRICE, available: PRICE, unpaid: 50_000_000 - PRICE });
    ddbMock.on(GetCommand, { Key: keys.budgetLine(LINE_ID) }).resolves({ Item: budgetLineItem(exact) });
    expect((await sign({ claims: claims.bureau, headers: { 'If-Match': '"2"' } })).statusCode).toBe(200);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('R-PROC-1: a contract of a project no longer awarded (cancelled) cannot be signed: 409', async () => {
    arrange(contract(), awardedProject({ status: 'cancelled' }));
    const body = problem(await sign(), 409);
    expect(body.rule).toBe('R-PROC-1');
    expect(body.detail).toContain(`cancelled project no longer awaits contract ${CONTRACT_ID}`);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('DraftContract task (draftContractFor)', () => {
  const clock = { now: () => NOW };
  const WORKFLOW = { sub: 'workflow:procurement', role: 'workflow' };

  it('R-CON-1..3: drafts the contract from the standard template at the awarded price, with the project naming it, in one transaction', async () => {
    // Arrange
    const { contract: _none, ...notYet } = awardedProject({
      workflow: { executionArn: EXECUTION, startedAt: DRAFTED_AT, waitingFor: 'standstill' },
      paymentMilestones: [
        { event: 'signing', percent: 50 },
        { event: 'acceptance_passed', percent: 50 },
      ],
    });
    arrange(null, notYet);

    // Act
    const drafted = await draftContractFor({ store, clock }, PROJECT_ID, WORKFLOW);

    // Assert
    expect(drafted).toMatchObject({
      projectId: PROJECT_ID,
      contractorId: CONTRACTOR_ID,
      budgetLineId: LINE_ID,
      price: PRICE,
      status: 'draft',
      template: { templateId: STANDARD_TEMPLATE.templateId, version: STANDARD_TEMPLATE.version },
      createdAt: NOW_ISO,
    });
    expect(drafted.id).toMatch(/^con_[0-9a-z]{20}$/);
    expect(drafted.paymentMilestones.map((m) => m.amount)).toEqual([PRICE / 2, PRICE / 2]);
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(4);
    expect(putItem(items, 0)).toMatchObject({
      ...keys.contract(drafted.id),
      ...keys.contractIndex(CONTRACTOR_ID, NOW_ISO, drafted.id),
      recordType: 'contract',
    });
    expect(items[0]?.Put?.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(putItem(items, 2)).toMatchObject({
      ...keys.project(PROJECT_ID),
      status: 'awarded',
      contract: { id: drafted.id },
      workflow: { waitingFor: 'signatures' },
      version: 10,
    });
    // R-SUP-2: each record's audit entry says what happened to it.
    expect(putItem(items, 1)).toMatchObject({ recordType: 'contract', action: 'contract.drafted' });
    expect(putItem(items, 3)).toMatchObject({ recordType: 'project', action: 'project.contract_drafted' });
  });

  it('is repeatable: a project that already names its contract answers that contract and writes nothing', async () => {
    const again = await draftContractFor({ store, clock }, PROJECT_ID, WORKFLOW);
    expect(again.id).toBe(CONTRACT_ID);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('a lost race (project changed meanwhile) is retried by the workflow (TransientTaskError)', async () => {
    const { contract: _none, ...notYet } = awardedProject();
    arrange(null, notYet);
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed', 'None'));
    await expect(draftContractFor({ store, clock }, PROJECT_ID, WORKFLOW)).rejects.toMatchObject({
      name: 'TransientTaskError',
    });
  });
});

describe('GET /v1/contracts: which contractor, and paging', () => {
  it("R-BUY-1: a staff token's contractorId claim does not choose the contractor: staff still name it (400)", async () => {
    const result = await list({ claims: { ...claims.bureau, contractorId: CONTRACTOR_ID } });
    const body = problem(result, 400);
    expect(body.errors?.[0]).toMatchObject({ in: 'query', field: 'contractorId' });
    expect(body.detail).toMatch(/name the contractor/);
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
  });

  it("R-BUY-1: another contractor's list is 404 naming the contractorId query parameter", async () => {
    const body = problem(await list({ query: { contractorId: OTHER_CONTRACTOR_ID } }), 404);
    expect(body.detail).toMatch(/no such contractor/);
    expect(body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'contractorId' })]);
  });

  it('gives a cursor when more follow, and the cursor continues the same query', async () => {
    // Arrange
    const item = contractItem(contract());
    const lastKey = { PK: item.PK, SK: item.SK, GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK };
    ddbMock.on(QueryCommand).resolves({ Items: [item], LastEvaluatedKey: lastKey });

    // Act
    const first = json<{ items: Contract[]; cursor?: string }>(await list({ query: { limit: '1' } }));
    ddbMock.resetHistory();
    const next = await list({ query: { limit: '1', cursor: first.cursor! } });

    // Assert
    expect(first.cursor).toEqual(expect.any(String));
    expect(next.statusCode).toBe(200);
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      ExpressionAttributeValues: { ':pk': keys.contractPartition(CONTRACTOR_ID) },
      ExclusiveStartKey: lastKey,
    });
  });
});

describe('POST /v1/contracts/{id}/sign: the project must still await this contract (R-PROC-1)', () => {
  it.each([
    ['names another contract (the award was rescored)', { contract: { id: 'con_01jcontract000000009' } }],
    ['names no contract any more', { contract: undefined }],
  ])('a project that %s refuses the signature with 409 and writes nothing', async (_, overrides) => {
    arrange(contract(), awardedProject(overrides));
    expect(problem(await sign(), 409).rule).toBe('R-PROC-1');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('the first signature is refused with 409 when the project changed before it landed (its condition failed)', async () => {
    // Arrange: contract, its audit entry, the project's condition check
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'ConditionalCheckFailed'));

    // Act
    const result = await sign();

    // Assert
    const body = problem(result, 409);
    expect(body.rule).toBe('R-PROC-1');
    expect(body.detail).toContain(`no longer awaits contract ${CONTRACT_ID}`);
  });

  it('R-FUND-2: a second signature that only collided with another signing on the line is sent again', async () => {
    // Arrange
    arrange(contract({ contractor: true }));
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(
        canceled(...Array.from({ length: 9 }, (_, i) => (i === 4 ? 'TransactionConflict' : 'None'))),
      )
      .resolves({});

    // Act
    const result = await sign({ claims: claims.bureau, headers: { 'If-Match': '"2"' } });

    // Assert
    expect(result.statusCode).toBe(200);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    expect(sfnMock).toHaveReceivedCommandWith(SendTaskSuccessCommand, { taskToken: TOKEN });
  });

  it('R-FUND-2: a second signature whose project the workflow moved meanwhile is committed on fresh reads, not 412 (If-Match names the contract)', async () => {
    // Arrange: the first transaction finds the project changed (items 0–1 the contract, 2–3 the project)
    arrange(contract({ contractor: true }));
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(
        canceled(...Array.from({ length: 9 }, (_, i) => (i === 2 ? 'ConditionalCheckFailed' : 'None'))),
      )
      .resolves({});

    // Act
    const result = await sign({ claims: claims.bureau, headers: { 'If-Match': '"2"' } });

    // Assert: read again and committed; the workflow resumed once
    expect(result.statusCode).toBe(200);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
    expect(sfnMock).toHaveReceivedCommandTimes(SendTaskSuccessCommand, 1);
  });

  it('the use case signs without a metrics port (it is optional)', async () => {
    arrange(contract({ contractor: true }));
    const signed = await signContractUseCase(
      { store, clock: { now: () => NOW }, ...callbackDeps },
      CONTRACT_ID,
      {
        viewer: { sub: 'u-bureau', role: 'bureau', purchaserId: 'pur-district' },
        actor: { sub: 'u-bureau', role: 'bureau' },
        ifMatch: 2,
      },
    );
    expect(signed.status).toBe('signed');
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });
});

describe('DraftContract task: what is retried and what is not', () => {
  const clock = { now: () => NOW };
  const WORKFLOW = { sub: 'workflow:procurement', role: 'workflow' };
  const { contract: _none, ...notYet } = awardedProject();

  it('a project naming a contract that is not readable yet is retried (TransientTaskError)', async () => {
    arrange(null);
    await expect(draftContractFor({ store, clock }, PROJECT_ID, WORKFLOW)).rejects.toMatchObject({
      name: 'TransientTaskError',
    });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-1: a project without an award has nothing to contract (conflict, nothing written)', async () => {
    const { award: _award, ...unawarded } = notYet;
    arrange(null, { ...unawarded, status: 'evaluated' });
    await expect(draftContractFor({ store, clock }, PROJECT_ID, WORKFLOW)).rejects.toMatchObject({
      name: 'DomainError',
      code: 'conflict',
      details: { rule: 'R-PROC-1' },
      message: expect.stringContaining('evaluated project has no award'),
    });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('a transaction that collided with another (TransactionConflict) is retried', async () => {
    arrange(null, notYet);
    ddbMock.on(TransactWriteCommand).rejects(canceled('None', 'None', 'TransactionConflict', 'None'));
    await expect(draftContractFor({ store, clock }, PROJECT_ID, WORKFLOW)).rejects.toMatchObject({
      name: 'TransientTaskError',
    });
  });

  it.each([
    [
      'a store fault that is no lost race',
      Object.assign(new Error('Item size too large'), { name: 'ValidationException' }),
    ],
    ['a contract id that exists already', canceled('ConditionalCheckFailed', 'None', 'None', 'None')],
  ])('%s is not retried: it goes to the state’s Catch as itself', async (_, failure) => {
    arrange(null, notYet);
    ddbMock.on(TransactWriteCommand).rejects(failure);
    const error = await draftContractFor({ store, clock }, PROJECT_ID, WORKFLOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).not.toBe('TransientTaskError');
  });
});
