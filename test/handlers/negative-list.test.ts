/**
 * R-CAT-3 over HTTP: every route that writes a name, a title or a summary refuses a matter on the negative list with a
 * 422 problem+json naming the field and the category, and still accepts what the policy allows to be bought. The
 * phrasings are kept apart from the list, in test/fixtures/negative-list-phrasings.ts.
 */
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as addCatalogItem } from '#functions/catalog/add-catalog-item';
import { handler as refineStandard } from '#functions/catalog/refine-standard';
import { handler as createProject } from '#functions/projects/create-project';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { CatalogItem, NegativeListEntry } from '#shared/domain/catalog';
import { POLICY_CATALOG } from '#shared/domain/catalog-seed';
import { ACCEPT, REFUSE } from '../fixtures/negative-list-phrasings';
import { apiEvent, claims, head, lambdaContext, problem } from './support';
import {
  LINE_ID,
  budgetLine,
  budgetLineItem,
  catalogRows,
  projectBody,
  purchaserItem,
} from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const NOW = new Date('2025-03-10T02:00:00.000Z');

const han = (text: string) => /\p{Script=Han}/u.test(text);
/** A Chinese phrasing goes in as the Chinese name, an English one as the English name. */
const named = (text: string) =>
  han(text) ? { nameZh: text, nameEn: 'District service' } : { nameZh: '区级服务', nameEn: text };

const standard = {
  summary: 'Services delivered to recipients in their homes.',
  indicators: [
    { code: 'visits_pct', description: 'Planned visits made', unit: '%', target: 95, comparison: '>=' },
  ],
};
const add = (names: { nameZh: string; nameEn: string }, summary = standard.summary) =>
  addCatalogItem(
    apiEvent(routes.addCatalogItem, {
      claims: claims.bureau,
      body: { code: 'C-DISTRICT-SERVICE', group: 'C', ...names, standard: { ...standard, summary } },
    }),
    lambdaContext(),
  );

/** The negative list as a table seeded before the categories were modelled stored it: the old exact keywords. */
const seededLongAgo: NegativeListEntry[] = [
  {
    code: 'NEG-ELIGIBILITY-DECISION',
    nameZh: '救助对象审核确认',
    nameEn: 'Deciding who is eligible for assistance',
    reason:
      'Approving or refusing eligibility is an administrative decision the government must make itself.',
    keywords: ['审核确认', '审批', '资格认定', 'eligibility decision'],
  },
  {
    code: 'NEG-FUND-DISBURSEMENT',
    nameZh: '救助资金发放',
    nameEn: 'Paying out assistance funds',
    reason: 'Assistance money is paid by the government directly to recipients, never through a contractor.',
    keywords: ['资金发放', '救助金发放', '发放救助金', 'disbursement'],
  },
];
const negativeRow = (entry: NegativeListEntry) => ({
  ...keys.negativeListEntry(entry.code),
  recordType: 'negative-list',
  ...entry,
  kind: 'negative',
});

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock
    .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CATALOG' } })
    .resolves({ Items: catalogRows });
  ddbMock.on(GetCommand, { Key: keys.budgetLine(LINE_ID) }).resolves({ Item: budgetLineItem(budgetLine()) });
  ddbMock
    .on(GetCommand, { Key: keys.purchaser('pur-town-1') })
    .resolves({ Item: purchaserItem('pur-town-1') });
  ddbMock.on(TransactWriteCommand).resolves({});
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /v1/catalog/items (R-CAT-2, R-CAT-3)', () => {
  it.each(REFUSE.map((p) => [p.text, p.category] as const))(
    'answers 422 for “%s”, naming the field and %s, writing nothing',
    async (text, category) => {
      // Act
      const p = problem(await add(named(text)), 422);

      // Assert
      expect(p.rule).toBe('R-CAT-3');
      expect(p.errors?.map((e) => e.field)).toEqual([han(text) ? 'nameZh' : 'nameEn']);
      expect(p.detail).toContain(category);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    },
  );

  it.each(ACCEPT.map((p) => [p.text, p.source] as const))('adds “%s” (%s)', async (text) => {
    expect((await add(named(text))).statusCode).toBe(201);
    expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('answers 422 naming standard.summary when the description says it', async () => {
    const p = problem(await add(named('综合服务'), '负责发放临时救助资金并跟踪回访'), 422);
    expect(p.errors?.map((e) => e.field)).toEqual(['standard.summary']);
    expect(p.detail).toContain('NEG-FUND-DISBURSEMENT');
  });

  it.each([
    ['a table seeded with the old keywords', seededLongAgo.map(negativeRow)],
    ['a table with no negative list at all', []],
  ])('refuses the issue’s phrasings on %s', async (_, rows) => {
    // Arrange
    ddbMock.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CATALOG' } }).resolves({ Items: rows });

    // Act / Assert
    for (const [text, category] of [
      ['发放临时救助资金', 'NEG-FUND-DISBURSEMENT'],
      ['低保资格审定', 'NEG-ELIGIBILITY-DECISION'],
      ['eligibility determination', 'NEG-ELIGIBILITY-DECISION'],
    ] as const) {
      expect(problem(await add(named(text)), 422).detail).toContain(category);
    }
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });
});

describe('PUT /v1/catalog/items/{code}/standard (R-CAT-3, R-CAT-4)', () => {
  const item = POLICY_CATALOG[0] as CatalogItem;
  const refine = (summary: string) =>
    refineStandard(
      apiEvent(routes.refineStandard, {
        claims: claims.bureau,
        params: { code: item.code },
        headers: { 'If-Match': '"1"' },
        body: { ...item.standard, summary },
      }),
      lambdaContext(),
    );

  beforeEach(() => {
    ddbMock.on(GetCommand, { Key: keys.catalogItem(item.code) }).resolves({
      Item: { ...keys.catalogItem(item.code), recordType: 'catalog-item', ...item, kind: 'item', ...head(1) },
    });
  });

  it('answers 422 naming standard.summary and the category for a summary that turns the item into a listed matter', async () => {
    const p = problem(await refine('入户排查后由承接主体审定低保资格'), 422);
    expect(p).toMatchObject({
      rule: 'R-CAT-3',
      errors: [expect.objectContaining({ field: 'standard.summary' })],
    });
    expect(p.detail).toContain('NEG-ELIGIBILITY-DECISION');
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('refines a summary of allowed work', async () => {
    expect((await refine('入户排查困难家庭，协助开展家庭经济状况核对')).statusCode).toBe(200);
  });

  it.each([
    '为低保对象提供照料护理，每次服务后由服务对象签字确认',
    'Home care for dibao households; each visit confirmed by the recipient’s signature',
  ])(
    'refines a summary that names an action and an object apart: “%s” (issue 10 §3 review)',
    async (summary) => {
      expect((await refine(summary)).statusCode).toBe(200);
      expect(ddbMock).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    },
  );
});

describe('POST /v1/projects: the title (R-CAT-3)', () => {
  const create = (title: string) =>
    createProject(
      apiEvent(routes.createProject, { claims: claims.town, body: projectBody({ title }) }),
      lambdaContext(),
    );

  it.each(REFUSE.map((p) => [p.text, p.category] as const))(
    'answers 422 for the title “%s”, naming title and %s',
    async (text, category) => {
      const p = problem(await create(text), 422);
      expect(p.rule).toBe('R-CAT-3');
      expect(p.errors?.map((e) => e.field)).toEqual(['title']);
      expect(p.detail).toContain(category);
      expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
    },
  );

  it.each(ACCEPT.map((p) => [p.text] as const))('drafts a project titled “%s”', async (text) => {
    expect((await create(text)).statusCode).toBe(201);
  });
});
