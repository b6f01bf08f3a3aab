/**
 * The evaluator pool and the panel after the bids (issue 11 §1; R-PROC-3, R-PROC-5): registering and retiring
 * evaluators, a panel of pool members only, frozen at the bid deadline (after it only the bureau, with a reason),
 * and the system draw whose seed and pool are published on the project. Handlers against a mocked table.
 */
import { createHash } from 'node:crypto';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as assignEvaluators } from '#functions/scoring/assign-evaluators';
import { handler as drawPanel } from '#functions/scoring/draw-panel';
import { handler as listEvaluators } from '#functions/scoring/list-evaluators';
import { handler as registerEvaluator } from '#functions/scoring/register-evaluator';
import { handler as retireEvaluator } from '#functions/scoring/retire-evaluator';
import {
  assignEvaluatorsRoute,
  drawPanelRoute,
  listEvaluatorsRoute,
  registerEvaluatorRoute,
  retireEvaluatorRoute,
} from '#functions/scoring/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { PanelDraw, PoolMember } from '#shared/domain/evaluator-pool';
import { replayDraw } from '#shared/domain/evaluator-pool';
import type { Project } from '#shared/domain/project';
import type { RequestOptions } from './support';
import {
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
import { PROJECT_ID, otherTownClaims, project, projectItem } from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const DEADLINE = '2025-03-25T10:00:00.000+08:00';
/** The deadline + 1 s: CloseBidding has not run, the project is still published. */
const JUST_AFTER = new Date('2025-03-25T02:00:01.000Z');
const JUST_BEFORE = new Date('2025-03-25T01:59:59.999Z');
const REGISTERED = '2025-01-02T09:00:00.000+08:00';
const SUBS = ['ev-1', 'ev-2', 'ev-3', 'ev-4', 'ev-5', 'ev-6', 'ev-7'];

function member(sub: string, overrides: Partial<PoolMember> = {}): PoolMember {
  return {
    sub,
    name: `专家 ${sub}`,
    expertise: ['社会救助'],
    status: 'active',
    registeredAt: REGISTERED,
    registeredBy: { sub: 'u-bureau', role: 'bureau' },
    version: 1,
    updatedAt: REGISTERED,
    ...overrides,
  };
}
const memberItem = (m: PoolMember) => ({
  ...keys.evaluatorPoolMember(m.sub),
  recordType: 'evaluator',
  ...m,
  ...head(m.version),
});

/** The pool holds these members (a Get each, and the whole partition for a draw). */
function pool(...members: PoolMember[]) {
  for (const m of members) {
    ddbMock.on(GetCommand, { Key: keys.evaluatorPoolMember(m.sub) }).resolves({ Item: memberItem(m) });
  }
  ddbMock
    .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'EVALUATORPOOL', ':prefix': 'MEMBER#' } })
    .resolves({ Items: members.map(memberItem) });
}

const published = (overrides: Partial<Project> = {}) =>
  project({
    status: 'published',
    evaluatorIds: ['ev-1', 'ev-2', 'ev-3'],
    tender: { publishedAt: '2025-03-12T10:00:00.000+08:00', bidDeadline: DEADLINE, minimumBids: 2 },
    version: 6,
    ...overrides,
  });
const stored = (p: Project) =>
  ddbMock.on(GetCommand, { Key: keys.project(PROJECT_ID) }).resolves({ Item: projectItem(p) });

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: JUST_BEFORE, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

// ---- the pool ----

describe('PUT /v1/evaluators/{sub}', () => {
  /** A registration unless `headers` say otherwise (If-None-Match: *, issue 12 §3). */
  const register = (options: RequestOptions = {}) =>
    registerEvaluator(
      apiEvent(registerEvaluatorRoute, {
        claims: claims.bureau,
        params: { sub: 'ev-9' },
        headers: { 'If-None-Match': '*' },
        body: { name: '张敏', expertise: ['社会工作', '财务'] },
        ...options,
      }),
      lambdaContext(),
    );

  it('R-PROC-3: registers an active member with its audit entry in one transaction (201)', async () => {
    const result = await register();
    expect(result.statusCode).toBe(201);
    expect(result.headers?.etag).toBe('"1"');
    expect(json(result)).toEqual({
      sub: 'ev-9',
      name: '张敏',
      expertise: ['社会工作', '财务'],
      status: 'active',
      registeredAt: '2025-03-25T09:59:59.999+08:00',
      registeredBy: { sub: 'u-bureau', role: 'bureau' },
      version: 1,
      updatedAt: '2025-03-25T09:59:59.999+08:00',
    });
    const items = transactItems(ddbMock);
    expect(items).toHaveLength(2);
    expect(items[0]?.Put).toMatchObject({
      Item: { PK: 'EVALUATORPOOL', SK: 'MEMBER#ev-9', recordType: 'evaluator', status: 'active' },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expect(putItem(items, 1)).toMatchObject({
      PK: 'AUDIT#evaluator#ev-9',
      action: 'evaluator.registered',
      actor: { sub: 'u-bureau', role: 'bureau' },
    });
  });

  it('R-PROC-3: the same entry again writes nothing (200); a change is conditional on the version (200)', async () => {
    pool(member('ev-9', { name: '张敏', expertise: ['社会工作', '财务'] }));
    const same = await register({ headers: { 'If-Match': '"1"' } });
    expect(same.statusCode).toBe(200);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);

    const changed = await register({
      headers: { 'If-Match': '"1"' },
      body: { name: '张敏', expertise: ['社会工作'] },
    });
    expect(changed.statusCode).toBe(200);
    expect(json(changed)).toMatchObject({ expertise: ['社会工作'], version: 2 });
    expect(transactItems(ddbMock)[0]?.Put).toMatchObject({ ExpressionAttributeValues: { ':expected': 1 } });
    expect(putItem(transactItems(ddbMock), 1)).toMatchObject({ action: 'evaluator.updated' });
  });

  it('R-PROC-3: a retired member is not registered again (409, whatever the precondition: the state comes first)', async () => {
    pool(
      member('ev-9', {
        status: 'retired',
        retired: { at: REGISTERED, by: claimsActor, reason: '调离' },
        version: 2,
      }),
    );
    expect(problem(await register(), 409).rule).toBe('R-PROC-3');
    expect(problem(await register({ headers: { 'If-Match': '"1"' } }), 409).rule).toBe('R-PROC-3');
    // With the version it has, still refused on the state.
    expect(problem(await register({ headers: { 'If-Match': '"2"' } }), 409).rule).toBe('R-PROC-3');
  });

  it('R-PROC-3: two registrations of one new sub at once: the one that loses the write is 412 (issue 12 §3)', async () => {
    // Arrange: the read finds nothing, the create loses to an entry created meanwhile
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));

    // Act
    const p = problem(await register(), 412);

    // Assert: decided once, on the caller's precondition; nothing written over the entry that landed
    expect(p.detail).toContain('created meanwhile');
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('R-PROC-3: two updates of one entry from the same read: the one that loses the write is 412 (issue 12 §3)', async () => {
    pool(member('ev-9'));
    ddbMock.on(TransactWriteCommand).rejects(canceled('ConditionalCheckFailed', 'None'));
    const p = problem(await register({ headers: { 'If-Match': '"1"' } }), 412);
    expect(p.detail).toContain('changed meanwhile');
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('If-None-Match: * on a registered sub: 412 naming its version, even with the same entry; nothing written', async () => {
    pool(member('ev-9', { name: '张敏', expertise: ['社会工作', '财务'], version: 3 }));
    const p = problem(await register(), 412);
    expect(p.detail).toContain('"3"');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('If-Match that is not the entry’s version (the same entry too), or with no entry to update: 412', async () => {
    pool(member('ev-9', { name: '张敏', expertise: ['社会工作', '财务'], version: 3 }));
    expect(problem(await register({ headers: { 'If-Match': '"2"' } }), 412).detail).toContain('"3"');
    const absent = await register({ params: { sub: 'ev-10' }, headers: { 'If-Match': '"1"' } });
    expect(problem(absent, 412).detail).toContain('If-None-Match: *');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('428 without either header, before anything is read', async () => {
    problem(await register({ headers: {} }), 428);
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it.each([
    [{ params: { sub: 'has space' } }, 'sub'],
    [{ params: { sub: '..' } }, 'sub'],
    [{ params: { sub: '.hidden' } }, 'sub'],
    [{ params: { sub: 'x'.repeat(129) } }, 'sub'],
    [{ body: { expertise: ['财务'] } }, 'name'],
    [{ body: { name: '   ', expertise: ['财务'] } }, 'name'],
    [{ body: { name: '张敏', expertise: [] } }, 'expertise'],
    [{ body: { name: '张敏', expertise: ['财务', '财务'] } }, 'expertise'],
    [{ body: { name: '张敏', expertise: ['x'.repeat(41)] } }, 'expertise.0'],
  ] as const)('answers 400 to %j naming %s', async (options, field) => {
    const p = problem(await register(options as RequestOptions), 400);
    expect(p.errors?.map((e) => e.field) ?? []).toContain(field);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('only the bureau registers evaluators (403 to a town and an evaluator)', async () => {
    problem(await register({ claims: claims.town }), 403);
    problem(await register({ claims: claims.evaluator }), 403);
  });
});

const claimsActor = { sub: 'u-bureau', role: 'bureau' };

describe('POST /v1/evaluators/{sub}/retire', () => {
  const retire = (options: RequestOptions = {}) =>
    retireEvaluator(
      apiEvent(retireEvaluatorRoute, {
        claims: claims.bureau,
        params: { sub: 'ev-1' },
        headers: { 'If-Match': '"1"' },
        body: { reason: '调离本区' },
        ...options,
      }),
      lambdaContext(),
    );

  it('R-PROC-3: retires the member, dated and with its reason; the entry stays (an update, no delete)', async () => {
    pool(member('ev-1'));
    const result = await retire();
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({
      sub: 'ev-1',
      status: 'retired',
      retired: { at: '2025-03-25T09:59:59.999+08:00', by: claimsActor, reason: '调离本区' },
      version: 2,
    });
    const items = transactItems(ddbMock);
    expect(items.map((i) => Object.keys(i)[0])).toEqual(['Put', 'Put']);
    expect(putItem(items, 1)).toMatchObject({ PK: 'AUDIT#evaluator#ev-1', action: 'evaluator.retired' });
  });

  it('answers 404 for a sub the pool does not hold, 412 to a stale If-Match, 428 without one', async () => {
    expect(problem(await retire(), 404).detail).toBe('evaluator not found');
    pool(member('ev-1', { version: 3 }));
    problem(await retire(), 412);
    problem(await retire({ headers: {} }), 428);
  });

  it('R-PROC-3: retiring a retired member is 409', async () => {
    pool(member('ev-1', { status: 'retired', retired: { at: REGISTERED, by: claimsActor, reason: 'x' } }));
    expect(problem(await retire(), 409).rule).toBe('R-PROC-3');
  });

  it.each([
    [{ body: {} }, 'reason'],
    [{ body: { reason: '' } }, 'reason'],
    [{ body: { reason: 'x'.repeat(501) } }, 'reason'],
  ])('answers 400 to %j naming %s', async (options, field) => {
    pool(member('ev-1'));
    expect(problem(await retire(options), 400).errors?.map((e) => e.field)).toEqual([field]);
  });

  it('only the bureau retires evaluators', async () => {
    problem(await retire({ claims: claims.town }), 403);
  });
});

describe('GET /v1/evaluators', () => {
  const list = (options: RequestOptions = {}) =>
    listEvaluators(apiEvent(listEvaluatorsRoute, { claims: claims.town, ...options }), lambdaContext());

  it('R-PROC-3: the bureau and the towns read the pool, active and retired', async () => {
    pool(
      member('ev-1'),
      member('ev-2', { status: 'retired', retired: { at: REGISTERED, by: claimsActor, reason: 'x' } }),
    );
    const result = await list();
    expect(result.statusCode).toBe(200);
    expect(json<{ items: PoolMember[] }>(result).items.map((m) => [m.sub, m.status])).toEqual([
      ['ev-1', 'active'],
      ['ev-2', 'retired'],
    ]);
    expect((await list({ claims: claims.bureau })).statusCode).toBe(200);
  });

  it('answers 403 to evaluators, contractors and auditors, 400 to a bad limit', async () => {
    problem(await list({ claims: claims.evaluator }), 403);
    problem(await list({ claims: claims.auditor }), 403);
    expect(problem(await list({ query: { limit: '0' } }), 400).errors?.map((e) => e.field)).toEqual([
      'limit',
    ]);
  });
});

// ---- the panel: pool members only, frozen at the deadline ----

describe('PUT /v1/projects/{id}/evaluators (issue 11 §1)', () => {
  const assign = (options: RequestOptions = {}) =>
    assignEvaluators(
      apiEvent(assignEvaluatorsRoute, {
        claims: claims.town,
        params: { id: PROJECT_ID },
        headers: { 'If-Match': '"6"' },
        body: { evaluatorIds: ['ev-3', 'ev-4', 'ev-5'] },
        ...options,
      }),
      lambdaContext(),
    );

  it('R-PROC-3: ids that are not active pool members are 400 naming evaluatorIds with those ids; nothing is written', async () => {
    stored(published());
    pool(
      member('ev-3'),
      member('ev-4', { status: 'retired', retired: { at: REGISTERED, by: claimsActor, reason: 'x' } }),
    );
    const p = problem(await assign(), 400);
    expect(p.rule).toBe('R-PROC-3');
    expect(p.errors?.map((e) => e.field)).toEqual(['evaluatorIds']);
    expect(p.detail).toContain('not in the evaluator pool: ev-5');
    expect(p.detail).toContain('retired from the pool: ev-4');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-3: every new member must still be active when the write lands; a retirement meanwhile is 409', async () => {
    stored(published());
    pool(...SUBS.map((s) => member(s)));
    ddbMock
      .on(TransactWriteCommand)
      .rejects(
        canceled('None', 'None', 'None', 'None', 'None', 'None', 'None', 'ConditionalCheckFailed', 'None'),
      );
    const p = problem(await assign(), 409);
    expect(p.detail).toContain('evaluator ev-4 was retired from the pool meanwhile');
  });

  it('R-PROC-5: a millisecond before the deadline the town changes the panel', async () => {
    stored(published());
    pool(...SUBS.map((s) => member(s)));
    const result = await assign();
    expect(result.statusCode).toBe(200);
    expect(json<Project>(result).panel).toEqual({
      at: '2025-03-25T09:59:59.999+08:00',
      by: { sub: 'u-town', role: 'town' },
      method: 'named',
      evaluatorIds: ['ev-3', 'ev-4', 'ev-5'],
      afterDeadline: false,
    });
  });

  it('R-PROC-5: at the deadline + 1 s, before CloseBidding ran, the town gets 409 naming the rule', async () => {
    vi.setSystemTime(JUST_AFTER);
    stored(published());
    pool(...SUBS.map((s) => member(s)));
    const p = problem(await assign(), 409);
    expect(p.rule).toBe('R-PROC-5');
    expect(p.detail).toContain('only the bureau');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: once bidding closed, the town gets 409 whatever its clock', async () => {
    stored(published({ status: 'bidding_closed', scoringRound: 1 }));
    pool(...SUBS.map((s) => member(s)));
    expect(problem(await assign(), 409).rule).toBe('R-PROC-5');
  });

  it('R-PROC-5: after the deadline the bureau without a reason gets 400 naming reason', async () => {
    vi.setSystemTime(JUST_AFTER);
    stored(published());
    pool(...SUBS.map((s) => member(s)));
    const p = problem(await assign({ claims: claims.bureau }), 400);
    expect(p).toMatchObject({ rule: 'R-PROC-5' });
    expect(p.errors?.map((e) => e.field)).toEqual(['reason']);
  });

  it('R-PROC-5: the bureau’s reason is on the panel record, the history and in the audit entry', async () => {
    vi.setSystemTime(JUST_AFTER);
    stored(published());
    pool(...SUBS.map((s) => member(s)));
    const reason = '专家 ev-1 与投标人存在利害关系，依法回避';
    const result = await assign({
      claims: claims.bureau,
      body: { evaluatorIds: ['ev-3', 'ev-4', 'ev-5'], reason },
    });
    expect(result.statusCode).toBe(200);
    const body = json<Project>(result);
    expect(body.panel).toMatchObject({ afterDeadline: true, reason, by: claimsActor });
    expect(body.panelHistory?.at(-1)).toMatchObject({ afterDeadline: true, reason });
    const audit = putItem(transactItems(ddbMock), 1);
    expect(audit).toMatchObject({
      PK: `AUDIT#project#${PROJECT_ID}`,
      action: 'project.evaluators_assigned',
      data: { panel: { reason, afterDeadline: true } },
    });
  });

  it.each([
    [{ reason: '' }, 'reason'],
    [{ reason: 'x'.repeat(501) }, 'reason'],
    [{ evaluatorIds: Array.from({ length: 23 }, (_, i) => `ev-${i}`) }, 'evaluatorIds'],
  ])('answers 400 to %j naming %s', async (extra, field) => {
    stored(published());
    const p = problem(await assign({ body: { evaluatorIds: ['ev-3', 'ev-4', 'ev-5'], ...extra } }), 400);
    expect(p.errors?.map((e) => e.field)).toEqual([field]);
  });
});

// ---- the system draw ----

describe('POST /v1/projects/{id}/evaluators/draw', () => {
  const draw = (options: RequestOptions = {}) =>
    drawPanel(
      apiEvent(drawPanelRoute, {
        claims: claims.town,
        params: { id: PROJECT_ID },
        headers: { 'If-Match': '"6"' },
        body: { size: 3 },
        ...options,
      }),
      lambdaContext(),
    );
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');

  it('R-PROC-5: draws from the active pool with a seed published on the panel record; anyone draws it again from it', async () => {
    stored(published({ evaluatorIds: ['ev-old-1', 'ev-old-2', 'ev-old-3'] }));
    pool(
      ...SUBS.map((s) => member(s)),
      member('ev-0', { status: 'retired', retired: { at: REGISTERED, by: claimsActor, reason: 'x' } }),
    );
    const result = await draw();
    expect(result.statusCode).toBe(200);
    const body = json<Project>(result);
    const record = body.panel?.draw as PanelDraw;
    expect(body.panel).toMatchObject({
      method: 'drawn',
      by: { sub: 'u-town', role: 'town' },
      afterDeadline: false,
    });
    expect(record.pool).toEqual(SUBS);
    expect(record.seedInputs).toMatchObject({
      projectId: PROJECT_ID,
      bidDeadline: DEADLINE,
      drawnAt: '2025-03-25T09:59:59.999+08:00',
      // The project's audit head before the draw (the stored head of version 6).
      auditHead: head(6).auditHash,
      poolDigest: sha(SUBS.join('\n')),
    });
    expect(record.seedInputs.nonce).toMatch(/^[0-9a-f]{32}$/);
    // An auditor's recomputation, from the published record alone.
    const { seedInputs: i } = record;
    const seed = sha(
      ['sha256-rank/v1', i.projectId, i.bidDeadline, i.drawnAt, i.nonce, i.auditHead, i.poolDigest].join(
        '\n',
      ),
    );
    expect(record.seed).toBe(seed);
    const again = [...record.pool]
      .sort((a, b) => (sha(`${seed}\n${a}`) < sha(`${seed}\n${b}`) ? -1 : 1))
      .slice(0, 3);
    expect(body.evaluatorIds).toEqual(again);
    expect(replayDraw(record)).toEqual({ evaluatorIds: body.evaluatorIds });
    expect(body.panelHistory?.at(-1)).toMatchObject({ method: 'drawn', seed });
    // One transaction: project, audit, assignments, the old panel's dropped rows, and every new member still active.
    const items = transactItems(ddbMock);
    expect(putItem(items, 1)).toMatchObject({
      action: 'project.panel_drawn',
      data: { panel: { draw: { seed } } },
    });
    // The old panel (ev-old-*) is dropped; every drawn member is new and checked.
    expect(items.filter((x) => x.Delete).map((x) => x.Delete?.Key)).toEqual(
      ['ev-old-1', 'ev-old-2', 'ev-old-3'].map((e) => keys.evaluatorAssignment(e, PROJECT_ID)),
    );
    expect(
      items.filter((x) => x.ConditionCheck?.Key?.PK === 'EVALUATORPOOL').map((x) => x.ConditionCheck?.Key),
    ).toEqual((body.evaluatorIds ?? []).map((e) => keys.evaluatorPoolMember(e)));
    // The pool was read consistently, whole.
    expect(ddbMock).toHaveReceivedCommandWith(QueryCommand, {
      ExpressionAttributeValues: { ':pk': 'EVALUATORPOOL', ':prefix': 'MEMBER#' },
      ConsistentRead: true,
    });
  });

  it('R-PROC-5: a draw narrowed by expertise draws among those members only', async () => {
    stored(published());
    pool(
      ...SUBS.map((s) => member(s, { expertise: ['财务'] })),
      ...['x1', 'x2', 'x3'].map((s) => member(s, { expertise: ['心理'] })),
    );
    const body = json<Project>(await draw({ body: { size: 3, expertise: '心理' } }));
    expect([...(body.evaluatorIds ?? [])].sort()).toEqual(['x1', 'x2', 'x3']);
    expect(body.panel?.draw).toMatchObject({ expertise: '心理', pool: ['x1', 'x2', 'x3'] });
  });

  it('R-PROC-3: a pool smaller than the panel is 422 naming size; an even or too small size is 422 naming size', async () => {
    stored(published());
    pool(member('ev-1'), member('ev-2'), member('ev-3'));
    const small = problem(await draw({ body: { size: 5 } }), 422);
    expect(small.errors?.map((e) => e.field)).toEqual(['size']);
    expect(small.detail).toContain('holds 3 active members');
    const even = problem(await draw({ body: { size: 4 } }), 422);
    expect(even.errors?.map((e) => e.field)).toEqual(['size']);
    expect(even.detail).toContain('odd');
    stored(published({ procurementMethod: 'open_tender' }));
    expect(problem(await draw({ body: { size: 3 } }), 422).detail).toContain('at least 5');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('R-PROC-5: after the deadline a town may not draw (409) and the pool is not read; the bureau draws with a reason', async () => {
    vi.setSystemTime(JUST_AFTER);
    stored(published());
    pool(...SUBS.map((s) => member(s)));
    expect(problem(await draw(), 409).rule).toBe('R-PROC-5');
    expect(ddbMock).not.toHaveReceivedCommand(QueryCommand);
    expect(problem(await draw({ claims: claims.bureau }), 400).errors?.map((e) => e.field)).toEqual([
      'reason',
    ]);
    const ok = await draw({ claims: claims.bureau, body: { size: 3, reason: '原专家组两人回避' } });
    expect(ok.statusCode).toBe(200);
    expect(json<Project>(ok).panel).toMatchObject({
      method: 'drawn',
      afterDeadline: true,
      reason: '原专家组两人回避',
    });
  });

  it.each([
    [{ size: 3.5 }, 'size'],
    [{ size: 1 }, 'size'],
    [{ size: 23 }, 'size'],
    [{}, 'size'],
    [{ size: 3, expertise: '' }, 'expertise'],
  ])('answers 400 to %j naming %s', async (body, field) => {
    stored(published());
    const p = problem(await draw({ body }), 400);
    expect(p.errors?.map((e) => e.field) ?? []).toContain(field);
  });

  it('R-PROC-5: the caller cannot choose the seed or the nonce: each is a field the schema refuses (400, issue 12 §3), and nothing is drawn', async () => {
    stored(published());
    pool(...SUBS.map((s) => member(s)));
    const body = { size: 3, seed: 'a'.repeat(64), nonce: '0'.repeat(32) };
    const p = problem(await draw({ body }), 400);
    expect(p.errors?.map((e) => e.field).sort()).toEqual(['nonce', 'seed']);
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers 412 to a stale If-Match, 404 to another town, 403 to an evaluator', async () => {
    stored(published());
    problem(await draw({ headers: { 'If-Match': '"5"' } }), 412);
    problem(await draw({ claims: otherTownClaims }), 404);
    problem(await draw({ claims: claims.evaluator }), 403);
  });
});
