/**
 * Every OCDS release kind, asserted WHOLE (issue 10 §2): for each transition that publishes (R-SUP-3, R-PROC-5)
 * the complete release and its announcement are compared with `toStrictEqual` against a literal written from the
 * policy, and every release, package and record is validated against the official OCDS 1.1.5 schema.
 *
 * The mappers are imported afresh inside each test (`vi.resetModules()` + dynamic import): their tables (reason
 * labels, method names, the publication list) are module constants, and a module loaded once at file import
 * would never see a changed constant, so a test could not tell a wrong label from the right one.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEMO_DISTRICT } from '#shared/domain/district-seed';
import type { DisclosureContext, Release } from '#shared/domain/ocds';
import type { ProcurementMethod } from '#shared/domain/procurement-rules';
import type {
  CancellationReason,
  Project,
  ProjectAward,
  ProjectEvaluation,
  UnsuccessfulReason,
} from '#shared/domain/project';
import { PROJECT_STATUSES, advance, approveProject, cancelProject } from '#shared/domain/project';
import * as projectModule from '#shared/domain/project';
import * as rulesModule from '#shared/domain/procurement-rules';
import { LINE_ID, PROJECT_ID, budgetLine, caregiving, project } from '../handlers/procurement-fixtures';
import { expectValidRecordPackage, expectValidReleasePackage } from '../support/ocds-schema';

/**
 * The OCDS modules, loaded afresh (see the file comment). Only they: the domain modules they import at run time
 * (project, procurement-rules) are handed back as the instances already loaded, so a reload does not re-run
 * their constants (and those of their own imports) inside these tests, where nothing checks them; a mutation run
 * would otherwise count their static mutants as covered here.
 */
async function load() {
  vi.resetModules();
  vi.doMock('#shared/domain/project', () => projectModule);
  vi.doMock('#shared/domain/procurement-rules', () => rulesModule);
  const [ocds, planning, tender, unsuccessful, award, awardWithdrawal, contract, cancellation] =
    await Promise.all([
      import('#shared/domain/ocds'),
      import('#shared/domain/ocds/planning'),
      import('#shared/domain/ocds/tender'),
      import('#shared/domain/ocds/unsuccessful'),
      import('#shared/domain/ocds/award'),
      import('#shared/domain/ocds/award-withdrawal'),
      import('#shared/domain/ocds/contract'),
      import('#shared/domain/ocds/cancellation'),
    ]);
  return {
    ...ocds,
    kinds: {
      planning: planning.planning,
      tender: tender.tender,
      unsuccessful: unsuccessful.unsuccessful,
      award: award.award,
      awardWithdrawal: awardWithdrawal.awardWithdrawal,
      contract: contract.contract,
      cancellation: cancellation.cancellation,
    },
  };
}

// ---- the project at each step (as test/unit/ocds.test.ts builds it) ----

const TOWN = DEMO_DISTRICT.find((p) => p.id === 'pur-town-1');
if (!TOWN) throw new Error('seed changed: no pur-town-1');
const CTX: DisclosureContext = {
  ocidPrefix: 'ocds-xxxxxx',
  purchaser: TOWN,
  budgetLine: budgetLine(),
  catalogItem: caregiving,
};
const CHIEF = { sub: 'u-chief', role: 'bureau' };
const WORKFLOW = { sub: 'workflow:procurement', role: 'workflow' };
const SUBMITTED_AT = '2025-03-05T09:00:00.000+08:00';
const APPROVED_AT = '2025-03-10T10:00:00.000+08:00';
const CANCELLED_AT = '2025-03-12T16:30:00.000+08:00';
const PUBLISHED_AT = '2025-03-20T09:00:00.000+08:00';
const DEADLINE = '2025-04-10T09:00:00.000+08:00';
const CLOSED_AT = '2025-04-10T09:00:05.000+08:00';
const EVALUATED_AT = '2025-04-12T15:00:00.000+08:00';
const AWARDED_AT = '2025-04-12T15:00:01.000+08:00';
const WITHDRAWN_AT = '2025-04-16T10:00:00.000+08:00';
const REAWARDED_AT = '2025-04-20T11:00:00.000+08:00';
const SIGNED_AT = '2025-04-28T14:30:00.000+08:00';
const ORG_CONTRACTOR = 'ctr_01jorganization00001';
const ORG_NAME = '示范社会工作服务中心';
const PERSON_CONTRACTOR = 'ctr_01jnaturalperson0001';
const PERSON_NAME = '李四';
const TITLE = '东山镇特困人员照料护理服务';

const submitted = (overrides: Partial<Project> = {}) =>
  project({
    status: 'submitted',
    version: 2,
    timeline: [
      ...project().timeline,
      { at: SUBMITTED_AT, status: 'submitted', event: 'submit', by: { sub: 'u-town', role: 'town' } },
    ],
    ...overrides,
  });
const approved = (overrides: Partial<Project> = {}) =>
  approveProject(submitted(overrides), { actor: CHIEF, now: APPROVED_AT });

const rankedBid = (
  rank: number,
  bidId: string,
  contractorId: string,
  price: number,
  drawRequired = false,
) => ({
  rank,
  bidId,
  contractorId,
  price,
  nonProfitSocialOrganization: contractorId === ORG_CONTRACTOR,
  quality: '60.00',
  priceScore: '25.00',
  total: '85.00',
  criteria: [],
  drawRequired,
});

const NON_PROFIT_STATEMENT =
  'bid_org 与 bid_person 综合得分相同（85.00），同等条件下优先选择非营利性社会组织，bid_org 排名在前。';
/** Four valid bids (two tied on total, two drawn), one disqualified: five tenderers. */
const evaluationWith = (drawn: { c?: boolean; d?: boolean; a?: boolean } = {}): ProjectEvaluation => ({
  round: 1,
  evaluatedAt: EVALUATED_AT,
  ranked: [
    rankedBid(1, 'bid_org', ORG_CONTRACTOR, 28_000_000, drawn.a ?? false),
    rankedBid(2, 'bid_person', PERSON_CONTRACTOR, 27_500_000),
    rankedBid(3, 'bid_c', 'ctr_c', 29_000_000, drawn.c ?? false),
    rankedBid(4, 'bid_d', 'ctr_d', 29_500_000, drawn.d ?? false),
  ],
  disqualified: [{ bidId: 'bid_e', contractorId: 'ctr_e', reason: '资质不符' }],
  tieBreaks: [
    {
      above: 'bid_org',
      below: 'bid_person',
      reason: 'non_profit_preference',
      rule: 'R-QUAL-4',
      statement: NON_PROFIT_STATEMENT,
    },
    {
      above: 'bid_c',
      below: 'bid_d',
      reason: 'draw_required',
      rule: 'R-PROC-5',
      statement: 'bid_c 与 bid_d 须抽签。 抽签结果（2025-04-12，王科长 主持，赵监督员 见证）：bid_c > bid_d',
    },
  ],
  winner: 'bid_org',
  drawRequired: false,
});

type Winner = 'org' | 'person';
const awardOf = (winner: Winner, awardedAt: string): ProjectAward => ({
  bidId: winner === 'org' ? 'bid_org' : 'bid_person',
  contractorId: winner === 'org' ? ORG_CONTRACTOR : PERSON_CONTRACTOR,
  contractorName: winner === 'org' ? ORG_NAME : PERSON_NAME,
  contractorKind: winner === 'org' ? 'social_organization' : 'natural_person',
  price: winner === 'org' ? 28_000_000 : 27_500_000,
  awardedAt,
  standstill: {
    opensAt: awardedAt,
    lastDay: '2025-04-19',
    closesAt: '2025-04-20T00:00:00.000+08:00',
    movedToWorkingDay: false,
  },
});

const step = (at: string) => ({ actor: WORKFLOW, now: at });

/** v3 approved, v4 published, v5 bidding closed, v6 evaluated, v7 awarded, v8 contracted. */
function journey(winner: Winner = 'org', evaluation = evaluationWith()) {
  const published = advance(approved(), 'publish', step(PUBLISHED_AT), {
    tender: { publishedAt: PUBLISHED_AT, bidDeadline: DEADLINE, minimumBids: 3 },
  });
  const closed = advance(published, 'close_bidding', step(CLOSED_AT), { scoringRound: 1 });
  const evaluated = advance(closed, 'evaluate', step(EVALUATED_AT), { evaluation });
  const awarded = advance(evaluated, 'award', step(AWARDED_AT), { award: awardOf(winner, AWARDED_AT) });
  const contracted = advance(awarded, 'contract', step(SIGNED_AT), {
    contract: { id: 'con_01jcontract000000001', signedAt: SIGNED_AT },
  });
  return { published, closed, evaluated, awarded, contracted };
}

/** A sustained challenge (remedy rescore) withdraws the award in force: awarded → bidding_closed. */
function withdrawn(awarded: Project, at = WITHDRAWN_AT): Project {
  const { award, ...rest } = awarded;
  if (!award) throw new Error('not awarded');
  return advance(rest, 'rescore', step(at), {
    scoringRound: (awarded.scoringRound ?? 1) + 1,
    withdrawnAwards: [
      ...(awarded.withdrawnAwards ?? []),
      { ...award, withdrawnAt: at, challengeId: 'chl_1' },
    ],
  });
}

/** Round 2 after a withdrawal awards the natural person: v9 evaluated, v10 awarded, v11 contracted. */
function secondRound(rescoring: Project) {
  const reevaluated = advance(rescoring, 'evaluate', step(REAWARDED_AT), { evaluation: evaluationWith() });
  const reawarded = advance(reevaluated, 'award', step(REAWARDED_AT), {
    award: awardOf('person', REAWARDED_AT),
  });
  const recontracted = advance(reawarded, 'contract', step(SIGNED_AT), {
    contract: { id: 'con_01jcontract000000002', signedAt: SIGNED_AT },
  });
  return { reevaluated, reawarded, recontracted };
}

const cancel = (before: Project, reason: CancellationReason, publicNote?: string, at = CANCELLED_AT) =>
  cancelProject(
    before,
    { reason, note: '内部备注：服务对象张三', ...(publicNote !== undefined ? { publicNote } : {}) },
    { actor: CHIEF, now: at },
  );

const META = {
  uri: 'https://api.example.test/v1/public/ocds/releases',
  version: '1.1',
  publishedDate: SIGNED_AT,
  publisher: { name: '示范区民政局' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  publicationPolicy: 'https://api.example.test/docs#public-disclosure',
};
const expectValidReleases = (releases: readonly unknown[]) =>
  expectValidReleasePackage({ ...META, releases });

// ---- what every release is expected to hold, written from the policy ----

const OCID = `ocds-xxxxxx-${PROJECT_ID}`;
const BUYER = { id: 'pur-town-1', name: '东山镇人民政府' };
const BUYER_PARTY = { ...BUYER, name_en: 'Dongshan Town Government', roles: ['buyer', 'procuringEntity'] };
const PURCHASER = { id: 'pur-town-1', nameZh: '东山镇人民政府', nameEn: 'Dongshan Town Government' };
const ORG_SUPPLIER = { id: ORG_CONTRACTOR, name: ORG_NAME };
const PERSON_SUPPLIER = { id: 'natural-person-bid_person', name: '自然人供应商' };
const CNY_300K = { amount: 300_000, currency: 'CNY' };
const CNY_280K = { amount: 280_000, currency: 'CNY' };
const CNY_275K = { amount: 275_000, currency: 'CNY' };
const TENDER_PERIOD = { startDate: PUBLISHED_AT, endDate: DEADLINE };
const CONTRACT_PERIOD = { startDate: '2025-05-01T00:00:00+08:00', endDate: '2025-12-31T23:59:59+08:00' };
const AWARD_1 = `${PROJECT_ID}-award-1`;
const AWARD_2 = `${PROJECT_ID}-award-2`;
const DRAW_STATEMENT =
  'bid_c 与 bid_d 综合得分、质量得分及非营利性社会组织条件均相同，经公开抽签，bid_c 排名在前。 / bid_c and bid_d are equal on every ranking criterion; a documented public draw placed bid_c first.';
const UNDRAWN_STATEMENT =
  'bid_c 与 bid_d 综合得分、质量得分及非营利性社会组织条件均相同，其排序不影响中标（成交）结果，未抽签。 / bid_c and bid_d are equal on every ranking criterion; their order does not affect the award and was not drawn.';

/** The base release (R-SUP-3): buyer and procuring entity, budget, tender with rated criteria (R-PROC-3). */
function expected(
  version: number,
  tag: string,
  date: string,
  tender: Record<string, unknown>,
  rest: Record<string, unknown> = {},
) {
  return {
    ocid: OCID,
    id: `${PROJECT_ID}-v${version}-${tag}`,
    date,
    tag: [tag],
    initiationType: 'tender',
    language: 'zh',
    parties: [BUYER_PARTY],
    buyer: BUYER,
    planning: {
      budget: { id: LINE_ID, description: '2025年度社会救助专项资金', amount: CNY_300K },
    },
    tender: {
      id: PROJECT_ID,
      title: TITLE,
      procuringEntity: BUYER,
      items: [
        {
          id: '1',
          description: '照料护理',
          classification: {
            scheme: 'X-SOCIAL-ASSISTANCE-CATALOG',
            id: 'C-CAREGIVING',
            description: '照料护理',
          },
          quantity: 1200,
          unit: { name: '小时' },
        },
      ],
      value: CNY_300K,
      procurementMethod: 'limited',
      procurementMethodDetails: '竞争性磋商（competitive consultation）',
      mainProcurementCategory: 'services',
      awardCriteria: 'ratedCriteria',
      awardCriteriaDetails:
        '综合评分法：服务方案 50%；团队与资质 25%；价格 25%（价格分 = 最低有效报价 ÷ 投标报价 × 25）',
      contractPeriod: CONTRACT_PERIOD,
      ...tender,
    },
    ...rest,
  };
}

/** The announcement of a release: same id, the purchaser, published at the release date. */
const announcement = (
  releaseId: string,
  kind: string,
  publishedAt: string,
  texts: { title: { zh: string; en: string }; summary: { zh: string; en: string }; statements?: string[] },
) => ({
  id: releaseId,
  kind,
  projectId: PROJECT_ID,
  ocid: OCID,
  releaseId,
  purchaser: PURCHASER,
  ...texts,
  publishedAt,
});

const doc = (
  releaseId: string,
  suffix: string,
  documentType: string,
  title: string,
  description: string,
  at: string,
) => ({
  id: `${releaseId}-${suffix}`,
  documentType,
  title,
  description,
  datePublished: at,
  language: 'zh',
});

// ---- planning and tender ----

describe('planning release and 采购意向 (R-SUP-3, R-PROC-5), whole', () => {
  it('R-SUP-3: approval publishes the planned tender, the buyer as buyer and procuring entity, and the 采购意向', async () => {
    const o = await load();
    const disclosure = o.disclosureFor(submitted(), approved(), CTX);
    const id = `${PROJECT_ID}-v3-planning`;
    expect(disclosure).toStrictEqual({
      releases: [expected(3, 'planning', APPROVED_AT, { status: 'planned' })],
      announcements: [
        announcement(id, 'procurement_intention', APPROVED_AT, {
          title: { zh: `${TITLE} 采购意向`, en: `Procurement intention: ${TITLE}` },
          summary: {
            zh: '东山镇人民政府拟以竞争性磋商方式采购，预算金额 300000.00 元，服务期 2025-05-01 至 2025-12-31。',
            en: 'Dongshan Town Government plans to procure by competitive consultation; budget CNY 300000.00; service term 2025-05-01 to 2025-12-31.',
          },
        }),
      ],
    });
    expect(o.planningRelease(approved(), CTX)).toStrictEqual(disclosure.releases[0]);
    expectValidReleases(disclosure.releases);
  });

  it.each([
    ['open_tender', 'open', '公开招标', 'open tender'],
    ['invited_tender', 'selective', '邀请招标', 'invited tender'],
    ['competitive_negotiation', 'limited', '竞争性谈判', 'competitive negotiation'],
    ['competitive_consultation', 'limited', '竞争性磋商', 'competitive consultation'],
    ['single_source', 'direct', '单一来源采购', 'single-source procurement'],
  ] as [ProcurementMethod, string, string, string][])(
    'R-PROC-5: %s is procurementMethod %s, named in Chinese and English in the release and the 采购意向',
    async (method, ocdsMethod, zh, en) => {
      const o = await load();
      const after = approved({ procurementMethod: method });
      const { releases, announcements } = o.disclosureFor(submitted(), after, CTX);
      expect(releases).toStrictEqual([
        expected(3, 'planning', APPROVED_AT, {
          status: 'planned',
          procurementMethod: ocdsMethod,
          procurementMethodDetails: `${zh}（${en}）`,
        }),
      ]);
      expect(announcements[0]?.summary).toStrictEqual({
        zh: `东山镇人民政府拟以${zh}方式采购，预算金额 300000.00 元，服务期 2025-05-01 至 2025-12-31。`,
        en: `Dongshan Town Government plans to procure by ${en}; budget CNY 300000.00; service term 2025-05-01 to 2025-12-31.`,
      });
      expectValidReleases(releases);
    },
  );

  it('R-PROC-2: a single-source rationale is published; another method never carries one, nor single source without one', async () => {
    const o = await load();
    const rationale = '该项目为原有服务的延续，只能从原供应商处采购，以保证服务对象照护的连续性与一致性。';
    const single = o.planningRelease(
      approved({ procurementMethod: 'single_source', singleSourceRationale: rationale }),
      CTX,
    );
    expect(single).toStrictEqual(
      expected(3, 'planning', APPROVED_AT, {
        status: 'planned',
        procurementMethod: 'direct',
        procurementMethodDetails: '单一来源采购（single-source procurement）',
        procurementMethodRationale: rationale,
      }),
    );
    // A stale rationale left on a project whose method changed is not published.
    expect(o.planningRelease(approved({ singleSourceRationale: rationale }), CTX)).toStrictEqual(
      expected(3, 'planning', APPROVED_AT, { status: 'planned' }),
    );
    expect(o.planningRelease(approved({ procurementMethod: 'single_source' }), CTX)).toStrictEqual(
      expected(3, 'planning', APPROVED_AT, {
        status: 'planned',
        procurementMethod: 'direct',
        procurementMethodDetails: '单一来源采购（single-source procurement）',
      }),
    );
    expectValidReleases([single]);
  });

  it('R-SUP-3: working funds of another year, no catalog item known, other weights and an odd amount', async () => {
    const o = await load();
    const ctx: DisclosureContext = {
      ocidPrefix: 'ocds-abc123',
      purchaser: TOWN,
      budgetLine: budgetLine({ source: 'working_funds', fiscalYear: 2026 }),
    };
    const after = approved({
      estimatedAmount: 12_345_678_901,
      quantity: { value: 3, unit: '批' },
      term: { start: '2026-01-01', end: '2026-06-30' },
      evaluationCriteria: {
        quality: [{ code: 'service_plan', description: '服务方案', weight: 70 }],
        priceWeight: 30,
      },
    });
    const base = expected(3, 'planning', APPROVED_AT, {});
    const value = { amount: 123_456_789.01, currency: 'CNY' };
    expect(o.planningRelease(after, ctx)).toStrictEqual({
      ...base,
      ocid: `ocds-abc123-${PROJECT_ID}`,
      planning: { budget: { id: LINE_ID, description: '2026年度社会救助工作经费', amount: value } },
      tender: {
        ...base.tender,
        status: 'planned',
        items: [
          {
            id: '1',
            description: TITLE,
            classification: {
              scheme: 'X-SOCIAL-ASSISTANCE-CATALOG',
              id: 'C-CAREGIVING',
              description: 'C-CAREGIVING',
            },
            quantity: 3,
            unit: { name: '批' },
          },
        ],
        value,
        awardCriteriaDetails: '综合评分法：服务方案 70%；价格 30%（价格分 = 最低有效报价 ÷ 投标报价 × 30）',
        contractPeriod: { startDate: '2026-01-01T00:00:00+08:00', endDate: '2026-06-30T23:59:59+08:00' },
      },
    });
    const { announcements } = o.disclosureFor(submitted(), after, ctx);
    expect(announcements[0]?.summary).toStrictEqual({
      zh: '东山镇人民政府拟以竞争性磋商方式采购，预算金额 123456789.01 元，服务期 2026-01-01 至 2026-06-30。',
      en: 'Dongshan Town Government plans to procure by competitive consultation; budget CNY 123456789.01; service term 2026-01-01 to 2026-06-30.',
    });
    expectValidReleases([o.planningRelease(after, ctx)]);
  });
});

describe('tender release and 采购公告 (R-PROC-5), whole', () => {
  it('R-PROC-5: publication opens the tender: active, tenderPeriod from the notice to the deadline, the deadline announced', async () => {
    const o = await load();
    const { published } = journey();
    const disclosure = o.disclosureFor(approved(), published, CTX);
    const id = `${PROJECT_ID}-v4-tender`;
    expect(disclosure).toStrictEqual({
      releases: [expected(4, 'tender', PUBLISHED_AT, { status: 'active', tenderPeriod: TENDER_PERIOD })],
      announcements: [
        announcement(id, 'procurement_notice', PUBLISHED_AT, {
          title: { zh: `${TITLE} 采购公告`, en: `Procurement notice: ${TITLE}` },
          summary: {
            zh: `东山镇人民政府以竞争性磋商方式采购，预算金额 300000.00 元。投标截止时间：${DEADLINE}。`,
            en: `Dongshan Town Government procures by competitive consultation; budget CNY 300000.00. Bids until ${DEADLINE}.`,
          },
        }),
      ],
    });
    expect(o.tenderRelease(published, CTX)).toStrictEqual(disclosure.releases[0]);
    expectValidReleases(disclosure.releases);
  });

  it('R-PROC-5: without the notice’s dates the release has no tenderPeriod and the 采购公告 names no deadline', async () => {
    const o = await load();
    const published = advance(approved(), 'publish', step(PUBLISHED_AT));
    const disclosure = o.disclosureFor(approved(), published, CTX);
    expect(disclosure.releases).toStrictEqual([expected(4, 'tender', PUBLISHED_AT, { status: 'active' })]);
    expect(disclosure.announcements[0]?.summary).toStrictEqual({
      zh: '东山镇人民政府以竞争性磋商方式采购，预算金额 300000.00 元。',
      en: 'Dongshan Town Government procures by competitive consultation; budget CNY 300000.00.',
    });
    expectValidReleases(disclosure.releases);
  });
});

// ---- 废标 ----

describe('unsuccessful (废标) release and 废标公告 (R-PROC-5), whole', () => {
  const LABELS: Record<UnsuccessfulReason, { zh: string; en: string }> = {
    too_few_bids: {
      zh: '截止时提交投标（响应）文件的供应商不足规定家数',
      en: 'fewer bids than the method requires arrived by the deadline',
    },
    no_valid_bid: { zh: '没有投标（响应）通过符合性审查', en: 'no bid passed the compliance review' },
  };

  it.each([
    ['published', 'too_few_bids', 5, {}],
    ['bidding_closed', 'too_few_bids', 6, {}],
    ['evaluated', 'no_valid_bid', 7, { numberOfTenderers: 5 }],
  ] as const)(
    'R-PROC-5: %s → unsuccessful (%s) publishes tenderUpdate, tender unsuccessful, the public reason as cancellationDetails',
    async (from, reason, version, counted) => {
      const o = await load();
      const stages = journey();
      const before = {
        published: stages.published,
        bidding_closed: stages.closed,
        evaluated: stages.evaluated,
      }[from];
      const after = advance(before, 'declare_unsuccessful', step(CLOSED_AT), {
        unsuccessful: { reason, detail: '2 bid(s) received, 3 required', at: CLOSED_AT },
      });
      const id = `${PROJECT_ID}-v${version}-tenderUpdate`;
      const label = LABELS[reason];
      const release = expected(version, 'tenderUpdate', CLOSED_AT, {
        status: 'unsuccessful',
        tenderPeriod: TENDER_PERIOD,
        ...counted,
        documents: [
          doc(
            id,
            'notice',
            'cancellationDetails',
            `${TITLE} 废标公告`,
            `${label.zh}（${label.en}；reason code: ${reason}）`,
            CLOSED_AT,
          ),
        ],
      });
      const disclosure = o.disclosureFor(before, after, CTX);
      expect(disclosure).toStrictEqual({
        releases: [release],
        announcements: [
          announcement(id, 'unsuccessful', CLOSED_AT, {
            title: { zh: `${TITLE} 废标公告`, en: `Unsuccessful procurement: ${TITLE}` },
            summary: {
              zh: `东山镇人民政府本项目采购失败（废标）。原因：${label.zh}。`,
              en: `Dongshan Town Government's procurement was unsuccessful. Reason: ${label.en}.`,
            },
          }),
        ],
      });
      expect(o.unsuccessfulRelease(after, CTX)).toStrictEqual(release);
      expect(o.UNSUCCESSFUL_REASON_LABEL).toStrictEqual(LABELS);
      expectValidReleases(disclosure.releases);
    },
  );

  it('an unsuccessful project without its reason is a broken invariant, not a release', async () => {
    const o = await load();
    const { published } = journey();
    const after = advance(published, 'declare_unsuccessful', step(CLOSED_AT));
    const message = `project ${PROJECT_ID} is unsuccessful without a reason`;
    expect(() => o.unsuccessfulRelease(after, CTX)).toThrow(message);
    expect(() => o.disclosureFor(published, after, CTX)).toThrow(message);
  });
});

// ---- award, withdrawal, contract ----

describe('award release and 中标（成交）结果公告 (R-PROC-5, R-SUP-3, R-QUAL-4), whole', () => {
  const awardText = (who: string, bid: string, price: string, statements: string[]) =>
    [`中标（成交）供应商：${who}（投标 ${bid}），中标（成交）金额：${price} 元。`, ...statements].join('\n');

  it('R-PROC-5: the award in force, its supplier, five tenderers, the notice with the tie-breaks (the draw by its outcome)', async () => {
    const o = await load();
    const { evaluated, awarded } = journey('org');
    const id = `${PROJECT_ID}-v7-award`;
    const statements = [NON_PROFIT_STATEMENT, DRAW_STATEMENT];
    const release = expected(
      7,
      'award',
      AWARDED_AT,
      { status: 'complete', tenderPeriod: TENDER_PERIOD, numberOfTenderers: 5 },
      {
        parties: [BUYER_PARTY, { ...ORG_SUPPLIER, roles: ['supplier'] }],
        awards: [
          {
            id: AWARD_1,
            title: `${TITLE} 中标（成交）结果`,
            status: 'active',
            date: AWARDED_AT,
            value: CNY_280K,
            suppliers: [ORG_SUPPLIER],
            documents: [
              doc(
                id,
                'notice',
                'awardNotice',
                `${TITLE} 中标（成交）结果公告`,
                awardText(ORG_NAME, 'bid_org', '280000.00', statements),
                AWARDED_AT,
              ),
            ],
          },
        ],
      },
    );
    const disclosure = o.disclosureFor(evaluated, awarded, CTX);
    expect(disclosure).toStrictEqual({
      releases: [release],
      announcements: [
        announcement(id, 'award_result', AWARDED_AT, {
          title: { zh: `${TITLE} 中标（成交）结果公告`, en: `Award: ${TITLE}` },
          summary: {
            zh: `中标（成交）供应商：${ORG_NAME}（投标 bid_org），中标（成交）金额 280000.00 元。供应商可于 2025-04-19（含当日）前提出质疑。`,
            en: `Awarded to ${ORG_NAME} (bid bid_org) at CNY 280000.00. Bidders may challenge the award until 2025-04-19.`,
          },
          statements,
        }),
      ],
    });
    expect(o.awardRelease(awarded, CTX)).toStrictEqual(release);
    expect(JSON.stringify(disclosure)).not.toMatch(/王科长|赵监督员/);
    expectValidReleases(disclosure.releases);
  });

  it('R-SUP-3: a natural-person supplier is 自然人供应商 under an id from the bid, never named or identified', async () => {
    const o = await load();
    const { evaluated, awarded } = journey('person');
    const id = `${PROJECT_ID}-v7-award`;
    const statements = [NON_PROFIT_STATEMENT, DRAW_STATEMENT];
    const disclosure = o.disclosureFor(evaluated, awarded, CTX);
    expect(disclosure).toStrictEqual({
      releases: [
        expected(
          7,
          'award',
          AWARDED_AT,
          { status: 'complete', tenderPeriod: TENDER_PERIOD, numberOfTenderers: 5 },
          {
            parties: [BUYER_PARTY, { ...PERSON_SUPPLIER, roles: ['supplier'] }],
            awards: [
              {
                id: AWARD_1,
                title: `${TITLE} 中标（成交）结果`,
                status: 'active',
                date: AWARDED_AT,
                value: CNY_275K,
                suppliers: [PERSON_SUPPLIER],
                documents: [
                  doc(
                    id,
                    'notice',
                    'awardNotice',
                    `${TITLE} 中标（成交）结果公告`,
                    awardText('自然人供应商', 'bid_person', '275000.00', statements),
                    AWARDED_AT,
                  ),
                ],
              },
            ],
          },
        ),
      ],
      announcements: [
        announcement(id, 'award_result', AWARDED_AT, {
          title: { zh: `${TITLE} 中标（成交）结果公告`, en: `Award: ${TITLE}` },
          summary: {
            zh: '中标（成交）供应商：自然人供应商（投标 bid_person），中标（成交）金额 275000.00 元。供应商可于 2025-04-19（含当日）前提出质疑。',
            en: 'Awarded to a natural-person supplier (bid bid_person) at CNY 275000.00. Bidders may challenge the award until 2025-04-19.',
          },
          statements,
        }),
      ],
    });
    const text = JSON.stringify(disclosure);
    expect(text).not.toContain(PERSON_NAME);
    expect(text).not.toContain(PERSON_CONTRACTOR);
    expectValidReleases(disclosure.releases);
  });

  it.each([
    ['neither drawn bid still needs its draw', {}, DRAW_STATEMENT],
    ['the upper bid of the pair is marked undrawn', { c: true }, UNDRAWN_STATEMENT],
    ['the lower bid of the pair is marked undrawn', { d: true }, UNDRAWN_STATEMENT],
    ['only a bid outside the pair is marked undrawn', { a: true }, DRAW_STATEMENT],
  ])('R-PROC-5: a draw_required tie-break when %s', async (_, drawn, statement) => {
    const o = await load();
    const evaluation = evaluationWith(drawn);
    expect(o.publicTieBreakStatements(evaluation)).toStrictEqual([NON_PROFIT_STATEMENT, statement]);
  });

  it('R-PROC-5: without an evaluation the award carries no tie-break and no number of tenderers', async () => {
    const o = await load();
    const { evaluated, awarded } = journey('org');
    const { evaluation: _e, ...before } = evaluated;
    const { evaluation: _a, ...after } = awarded;
    expect(o.publicTieBreakStatements(undefined)).toStrictEqual([]);
    const disclosure = o.disclosureFor(before, after, CTX);
    const id = `${PROJECT_ID}-v7-award`;
    expect(disclosure.releases).toStrictEqual([
      expected(
        7,
        'award',
        AWARDED_AT,
        { status: 'complete', tenderPeriod: TENDER_PERIOD },
        {
          parties: [BUYER_PARTY, { ...ORG_SUPPLIER, roles: ['supplier'] }],
          awards: [
            {
              id: AWARD_1,
              title: `${TITLE} 中标（成交）结果`,
              status: 'active',
              date: AWARDED_AT,
              value: CNY_280K,
              suppliers: [ORG_SUPPLIER],
              documents: [
                doc(
                  id,
                  'notice',
                  'awardNotice',
                  `${TITLE} 中标（成交）结果公告`,
                  awardText(ORG_NAME, 'bid_org', '280000.00', []),
                  AWARDED_AT,
                ),
              ],
            },
          ],
        },
      ),
    ]);
    expect(disclosure.announcements[0]?.statements).toStrictEqual([]);
    expectValidReleases(disclosure.releases);
  });

  it('an awarded project without its award is a broken invariant, not a release', async () => {
    const o = await load();
    const { evaluated, awarded } = journey('org');
    const { award: _dropped, ...broken } = awarded;
    const message = `project ${PROJECT_ID} is awarded without an award`;
    expect(() => o.awardRelease(broken, CTX)).toThrow(message);
    expect(() => o.disclosureFor(evaluated, broken, CTX)).toThrow(message);
    expect(() => o.contractRelease(broken, CTX)).toThrow(message);
  });
});

describe('award withdrawal (awardUpdate) and 撤销中标（成交）结果公告 (R-PROC-5, R-SUP-3), whole', () => {
  const WITHDRAWAL_TEXT =
    '质疑成立，原中标（成交）结果撤销，重新评审（a sustained challenge withdrew the award; the bids are scored again）';
  const withdrawalRelease = (
    version: number,
    at: string,
    awardId: string,
    supplier: object,
    value: object,
    awardedAt: string,
  ) => {
    const id = `${PROJECT_ID}-v${version}-awardUpdate`;
    return expected(
      version,
      'awardUpdate',
      at,
      { status: 'active', tenderPeriod: TENDER_PERIOD, numberOfTenderers: 5 },
      {
        parties: [BUYER_PARTY, { ...supplier, roles: ['tenderer'] }],
        awards: [
          {
            id: awardId,
            title: `${TITLE} 中标（成交）结果`,
            status: 'cancelled',
            date: awardedAt,
            value,
            suppliers: [supplier],
            documents: [
              doc(
                id,
                'withdrawal',
                'cancellationDetails',
                `${TITLE} 撤销中标（成交）结果公告`,
                WITHDRAWAL_TEXT,
                at,
              ),
            ],
          },
        ],
      },
    );
  };

  it('R-PROC-5: a sustained challenge cancels award 1, its supplier a tenderer again, the tender active for rescoring', async () => {
    const o = await load();
    const { awarded } = journey('org');
    const rescoring = withdrawn(awarded);
    const release = withdrawalRelease(8, WITHDRAWN_AT, AWARD_1, ORG_SUPPLIER, CNY_280K, AWARDED_AT);
    const disclosure = o.disclosureFor(awarded, rescoring, CTX);
    expect(disclosure).toStrictEqual({
      releases: [release],
      announcements: [
        announcement(release.id, 'award_withdrawn', WITHDRAWN_AT, {
          title: { zh: `${TITLE} 撤销中标（成交）结果公告`, en: `Award withdrawn: ${TITLE}` },
          summary: {
            zh: `质疑成立，原中标（成交）结果撤销，重新评审。原中标（成交）供应商：${ORG_NAME}（投标 bid_org），金额 280000.00 元。`,
            en: `A sustained challenge withdrew the award; the bids are scored again. Withdrawn award: ${ORG_NAME} (bid bid_org), CNY 280000.00.`,
          },
        }),
      ],
    });
    expect(o.awardWithdrawalRelease(awarded, rescoring, CTX)).toStrictEqual(release);
    expectValidReleases(disclosure.releases);
  });

  it('R-PROC-5: the second withdrawal cancels award 2 (a natural person, still anonymous), not award 1', async () => {
    const o = await load();
    const { awarded } = journey('org');
    const { reawarded } = secondRound(withdrawn(awarded));
    const again = withdrawn(reawarded, REAWARDED_AT);
    const release = withdrawalRelease(11, REAWARDED_AT, AWARD_2, PERSON_SUPPLIER, CNY_275K, REAWARDED_AT);
    const disclosure = o.disclosureFor(reawarded, again, CTX);
    expect(disclosure.releases).toStrictEqual([release]);
    expect(disclosure.announcements[0]?.summary).toStrictEqual({
      zh: '质疑成立，原中标（成交）结果撤销，重新评审。原中标（成交）供应商：自然人供应商（投标 bid_person），金额 275000.00 元。',
      en: 'A sustained challenge withdrew the award; the bids are scored again. Withdrawn award: a natural-person supplier (bid bid_person), CNY 275000.00.',
    });
    expect(JSON.stringify(disclosure)).not.toMatch(new RegExp(`${PERSON_NAME}|${PERSON_CONTRACTOR}`));
    expectValidReleases(disclosure.releases);
  });

  it('R-PROC-5: the third withdrawal cancels award 3, the last one the move recorded', async () => {
    const o = await load();
    const { awarded } = journey('org');
    const { reawarded } = secondRound(withdrawn(awarded));
    const secondWithdrawn = withdrawn(reawarded, REAWARDED_AT);
    const third = advance(secondWithdrawn, 'evaluate', step(SIGNED_AT), { evaluation: evaluationWith() });
    const thirdAwarded = advance(third, 'award', step(SIGNED_AT), { award: awardOf('org', SIGNED_AT) });
    const thirdWithdrawn = withdrawn(thirdAwarded, SIGNED_AT);
    expect(thirdWithdrawn.withdrawnAwards).toHaveLength(3);
    const release = withdrawalRelease(
      14,
      SIGNED_AT,
      `${PROJECT_ID}-award-3`,
      ORG_SUPPLIER,
      CNY_280K,
      SIGNED_AT,
    );
    expect(o.awardWithdrawalRelease(thirdAwarded, thirdWithdrawn, CTX)).toStrictEqual(release);
    // The award the move recorded is the source: `before` need not carry it.
    const { award: _a, ...bare } = thirdAwarded;
    expect(o.awardWithdrawalRelease(bare, thirdWithdrawn, CTX)).toStrictEqual(release);
    expectValidReleases([release]);
  });

  it('R-PROC-5: when the move did not record the withdrawn award, the award in force before it is the one cancelled', async () => {
    const o = await load();
    const { awarded } = journey('org');
    const { reawarded } = secondRound(withdrawn(awarded));
    // First round: no earlier withdrawal, award 1; second round: one withdrawal before, award 2.
    for (const [before, version, awardId, supplier, value, awardedAt] of [
      [awarded, 8, AWARD_1, ORG_SUPPLIER, CNY_280K, AWARDED_AT],
      [reawarded, 11, AWARD_2, PERSON_SUPPLIER, CNY_275K, REAWARDED_AT],
    ] as const) {
      const { withdrawnAwards: _w, ...after } = advance(before, 'rescore', step(WITHDRAWN_AT));
      expect(o.awardWithdrawalRelease(before, after, CTX)).toStrictEqual(
        withdrawalRelease(version, WITHDRAWN_AT, awardId, supplier, value, awardedAt),
      );
    }
  });
});

describe('contract release and 合同公告 (R-SUP-3), whole', () => {
  const contractRelease = (
    version: number,
    awardId: string,
    contractId: string,
    supplier: object,
    value: object,
    awardedAt: string,
  ) =>
    expected(
      version,
      'contract',
      SIGNED_AT,
      { status: 'complete', tenderPeriod: TENDER_PERIOD, numberOfTenderers: 5 },
      {
        parties: [BUYER_PARTY, { ...supplier, roles: ['supplier'] }],
        awards: [
          {
            id: awardId,
            title: `${TITLE} 中标（成交）结果`,
            status: 'active',
            date: awardedAt,
            value,
            suppliers: [supplier],
          },
        ],
        contracts: [
          {
            id: contractId,
            awardID: awardId,
            title: `${TITLE} 服务合同`,
            status: 'active',
            value,
            period: CONTRACT_PERIOD,
            dateSigned: SIGNED_AT,
          },
        ],
      },
    );

  it('R-SUP-3: signing publishes the active contract under award 1 with its value, term and signing date', async () => {
    const o = await load();
    const { awarded, contracted } = journey('org');
    const release = contractRelease(
      8,
      AWARD_1,
      'con_01jcontract000000001',
      ORG_SUPPLIER,
      CNY_280K,
      AWARDED_AT,
    );
    const disclosure = o.disclosureFor(awarded, contracted, CTX);
    expect(disclosure).toStrictEqual({
      releases: [release],
      announcements: [
        announcement(release.id, 'contract', SIGNED_AT, {
          title: { zh: `${TITLE} 合同公告`, en: `Contract: ${TITLE}` },
          summary: {
            zh: `东山镇人民政府与${ORG_NAME}签订服务合同，合同金额 280000.00 元，服务期 2025-05-01 至 2025-12-31。`,
            en: `Dongshan Town Government signed the service contract with ${ORG_NAME}: CNY 280000.00, service term 2025-05-01 to 2025-12-31.`,
          },
        }),
      ],
    });
    expect(o.contractRelease(contracted, CTX)).toStrictEqual(release);
    expectValidReleases(disclosure.releases);
  });

  it('R-SUP-3: after a withdrawal the contract names award 2 and the anonymous natural person', async () => {
    const o = await load();
    const { awarded } = journey('org');
    const { reawarded, recontracted } = secondRound(withdrawn(awarded));
    const disclosure = o.disclosureFor(reawarded, recontracted, CTX);
    expect(disclosure.releases).toStrictEqual([
      contractRelease(11, AWARD_2, 'con_01jcontract000000002', PERSON_SUPPLIER, CNY_275K, REAWARDED_AT),
    ]);
    expect(disclosure.announcements[0]?.summary).toStrictEqual({
      zh: '东山镇人民政府与自然人供应商签订服务合同，合同金额 275000.00 元，服务期 2025-05-01 至 2025-12-31。',
      en: 'Dongshan Town Government signed the service contract with a natural-person supplier: CNY 275000.00, service term 2025-05-01 to 2025-12-31.',
    });
    expectValidReleases(disclosure.releases);
  });

  it('a contracted project without a signed contract is a broken invariant, not a release', async () => {
    const o = await load();
    const { awarded, contracted } = journey('org');
    const message = `project ${PROJECT_ID} is contracted without a signed contract`;
    const { contract: _c, ...unsigned } = contracted;
    expect(() => o.contractRelease(unsigned, CTX)).toThrow(message);
    expect(() => o.contractRelease({ ...contracted, contract: { id: 'con_1' } }, CTX)).toThrow(message);
    expect(() => o.disclosureFor(awarded, unsigned, CTX)).toThrow(message);
  });
});

// ---- cancellation ----

describe('cancellation (tenderCancellation, awardCancellation) and 终止公告 (R-PROC-5, R-SUP-3), whole', () => {
  const LABELS: Record<CancellationReason, { zh: string; en: string }> = {
    task_cancelled: { zh: '因重大变故，采购任务取消', en: 'the purchase is no longer needed' },
    requirement_changed: { zh: '采购需求发生重大变化', en: 'the requirement changed substantially' },
    budget_withdrawn: { zh: '预算调整或资金未落实', en: 'the budget was withdrawn or not secured' },
    irregularity: {
      zh: '出现影响采购公正的违法、违规行为',
      en: 'an irregularity affecting the fairness of the procurement',
    },
    challenge_sustained: { zh: '质疑成立，无法继续', en: 'a sustained challenge prevents continuing' },
    duplicate: { zh: '重复立项', en: 'duplicate project' },
    other: { zh: '其他原因', en: 'other reason' },
  };

  it.each(Object.keys(LABELS) as CancellationReason[])(
    'R-PROC-5: cancelling an approved project (%s) withdraws the tender with the public reason, never the clerk’s note',
    async (reason) => {
      const o = await load();
      const before = approved();
      const after = cancel(before, reason);
      const id = `${PROJECT_ID}-v4-tenderCancellation`;
      const label = LABELS[reason];
      const release = expected(4, 'tenderCancellation', CANCELLED_AT, {
        status: 'cancelled',
        documents: [
          doc(
            id,
            'notice',
            'cancellationDetails',
            `${TITLE} 终止公告`,
            `${label.zh}（${label.en}；reason code: ${reason}）`,
            CANCELLED_AT,
          ),
        ],
      });
      const disclosure = o.disclosureFor(before, after, CTX);
      expect(disclosure).toStrictEqual({
        releases: [release],
        announcements: [
          announcement(id, 'cancellation', CANCELLED_AT, {
            title: { zh: `${TITLE} 终止公告`, en: `Cancellation: ${TITLE}` },
            summary: {
              zh: `东山镇人民政府终止本项目采购。原因：${label.zh}。`,
              en: `Dongshan Town Government cancelled this procurement. Reason: ${label.en}.`,
            },
          }),
        ],
      });
      expect(o.CANCELLATION_REASON_LABEL[reason]).toStrictEqual(label);
      expect(JSON.stringify(disclosure)).not.toContain('张三');
      expectValidReleases(disclosure.releases);
    },
  );

  it('R-PROC-5: cancelling an awarded project also cancels award 1 (awardCancellation), its supplier a tenderer, with the public note', async () => {
    const o = await load();
    const { awarded } = journey('org');
    const after = cancel(awarded, 'challenge_sustained', '采购文件存在歧视性条款');
    const id = `${PROJECT_ID}-v8-tenderCancellation`;
    const label = LABELS.challenge_sustained;
    const release = {
      ...expected(
        8,
        'tenderCancellation',
        CANCELLED_AT,
        {
          status: 'cancelled',
          tenderPeriod: TENDER_PERIOD,
          numberOfTenderers: 5,
          documents: [
            doc(
              id,
              'notice',
              'cancellationDetails',
              `${TITLE} 终止公告`,
              `${label.zh}（${label.en}；reason code: challenge_sustained）：采购文件存在歧视性条款`,
              CANCELLED_AT,
            ),
          ],
        },
        {
          parties: [BUYER_PARTY, { ...ORG_SUPPLIER, roles: ['tenderer'] }],
          awards: [
            {
              id: AWARD_1,
              title: `${TITLE} 中标（成交）结果`,
              status: 'cancelled',
              date: AWARDED_AT,
              value: CNY_280K,
              suppliers: [ORG_SUPPLIER],
            },
          ],
        },
      ),
      tag: ['tenderCancellation', 'awardCancellation'],
    };
    const disclosure = o.disclosureFor(awarded, after, CTX);
    expect(disclosure).toStrictEqual({
      releases: [release],
      announcements: [
        announcement(id, 'cancellation', CANCELLED_AT, {
          title: { zh: `${TITLE} 终止公告`, en: `Cancellation: ${TITLE}` },
          summary: {
            zh: `东山镇人民政府终止本项目采购。原因：${label.zh}：采购文件存在歧视性条款。原中标（成交）结果（投标 bid_org）一并撤销。`,
            en: `Dongshan Town Government cancelled this procurement. Reason: ${label.en}. The award (bid bid_org) is cancelled with it.`,
          },
        }),
      ],
    });
    expect(o.tenderCancellationRelease(awarded, after, CTX)).toStrictEqual(release);
    expect(JSON.stringify(disclosure)).not.toContain('张三');
    expectValidReleases(disclosure.releases);
  });

  it('R-PROC-5: cancelling in round 2 cancels award 2, the natural person a tenderer, still anonymous', async () => {
    const o = await load();
    const { awarded } = journey('org');
    const { reawarded } = secondRound(withdrawn(awarded));
    const after = cancel(reawarded, 'irregularity');
    const { releases } = o.disclosureFor(reawarded, after, CTX);
    expect(releases[0]?.tag).toStrictEqual(['tenderCancellation', 'awardCancellation']);
    expect(releases[0]?.parties).toStrictEqual([BUYER_PARTY, { ...PERSON_SUPPLIER, roles: ['tenderer'] }]);
    expect(releases[0]?.awards).toStrictEqual([
      {
        id: AWARD_2,
        title: `${TITLE} 中标（成交）结果`,
        status: 'cancelled',
        date: REAWARDED_AT,
        value: CNY_275K,
        suppliers: [PERSON_SUPPLIER],
      },
    ]);
    expectValidReleases(releases);
  });

  it.each(['published', 'closed', 'evaluated'] as const)(
    'R-PROC-5: cancelling a %s project (no award in force) cancels the tender only',
    async (stage) => {
      const o = await load();
      const before = journey('org')[stage];
      const after = cancel(before, 'duplicate');
      const { releases, announcements } = o.disclosureFor(before, after, CTX);
      expect(releases[0]?.tag).toStrictEqual(['tenderCancellation']);
      expect(releases[0]?.parties).toStrictEqual([BUYER_PARTY]);
      expect(releases[0]).not.toHaveProperty('awards');
      expect(announcements[0]?.summary.zh).toBe('东山镇人民政府终止本项目采购。原因：重复立项。');
      expectValidReleases(releases);
    },
  );

  it('R-PROC-5: a project whose award is left over from before (not awarded) cancels no award', async () => {
    const o = await load();
    const { awarded } = journey('org');
    // bidding_closed with a stale award field: only an award in force is cancelled.
    const before = { ...awarded, status: 'bidding_closed' as const };
    const after = cancel(before, 'other');
    const release = o.tenderCancellationRelease(before, after, CTX);
    expect(release.tag).toStrictEqual(['tenderCancellation']);
    expect(release).not.toHaveProperty('awards');
    expect(o.disclosureFor(before, after, CTX).announcements[0]?.summary.en).toBe(
      'Dongshan Town Government cancelled this procurement. Reason: other reason.',
    );
  });

  it('R-SUP-3: a cancelled project without its reason is published as reason other', async () => {
    const o = await load();
    const before = approved();
    const { cancellation: _c, ...after } = cancel(before, 'duplicate', '公开说明');
    const { releases, announcements } = o.disclosureFor(before, after, CTX);
    expect(releases[0]?.tender.documents?.[0]?.description).toBe(
      '其他原因（other reason；reason code: other）',
    );
    expect(announcements[0]?.summary).toStrictEqual({
      zh: '东山镇人民政府终止本项目采购。原因：其他原因。',
      en: 'Dongshan Town Government cancelled this procurement. Reason: other reason.',
    });
  });
});

// ---- which transition publishes what ----

describe('which transition publishes what (R-SUP-3, R-PROC-5)', () => {
  const PUBLISHING: Record<string, { tag: string; kind: string }> = {
    'submitted→approved': { tag: 'planning', kind: 'procurement_intention' },
    'approved→published': { tag: 'tender', kind: 'procurement_notice' },
    'published→unsuccessful': { tag: 'tenderUpdate', kind: 'unsuccessful' },
    'bidding_closed→unsuccessful': { tag: 'tenderUpdate', kind: 'unsuccessful' },
    'evaluated→unsuccessful': { tag: 'tenderUpdate', kind: 'unsuccessful' },
    'evaluated→awarded': { tag: 'award', kind: 'award_result' },
    'awarded→bidding_closed': { tag: 'awardUpdate', kind: 'award_withdrawn' },
    'awarded→contracted': { tag: 'contract', kind: 'contract' },
    ...Object.fromEntries(
      PROJECT_STATUSES.filter((s) => s !== 'draft' && s !== 'submitted').map((s) => [
        `${s}→cancelled`,
        { tag: 'tenderCancellation', kind: 'cancellation' },
      ]),
    ),
  };

  it('R-SUP-3: every pair of statuses publishes exactly the kind the policy names, or nothing', async () => {
    const o = await load();
    // The reload is limited to the OCDS modules (see load()).
    expect((await import('#shared/domain/project')).PROJECT_STATUSES).toBe(PROJECT_STATUSES);
    for (const from of PROJECT_STATUSES) {
      for (const to of PROJECT_STATUSES) {
        const found = o.publicationFor({ status: from }, { status: to });
        expect(found, `${from}→${to}`).toStrictEqual(PUBLISHING[`${from}→${to}`]);
      }
    }
  });

  it('R-SUP-3: the kinds, their moves, and the narrowed lists each use case passes (issue 9 §3)', async () => {
    const o = await load();
    const { kinds } = o;
    const meta = (p: (typeof o.PUBLICATIONS)[number]) => ({
      from: p.from,
      to: p.to,
      tag: p.tag,
      kind: p.kind,
    });
    expect(o.PUBLICATIONS.map(meta)).toStrictEqual([
      { from: ['submitted'], to: 'approved', tag: 'planning', kind: 'procurement_intention' },
      { from: ['approved'], to: 'published', tag: 'tender', kind: 'procurement_notice' },
      {
        from: ['published', 'bidding_closed', 'evaluated'],
        to: 'unsuccessful',
        tag: 'tenderUpdate',
        kind: 'unsuccessful',
      },
      { from: ['evaluated'], to: 'awarded', tag: 'award', kind: 'award_result' },
      { from: ['awarded'], to: 'bidding_closed', tag: 'awardUpdate', kind: 'award_withdrawn' },
      { from: ['awarded'], to: 'contracted', tag: 'contract', kind: 'contract' },
      {
        from: [
          'approved',
          'published',
          'bidding_closed',
          'evaluated',
          'awarded',
          'contracted',
          'unsuccessful',
          'cancelled',
        ],
        to: 'cancelled',
        tag: 'tenderCancellation',
        kind: 'cancellation',
      },
    ]);
    const all = [
      kinds.planning,
      kinds.tender,
      kinds.unsuccessful,
      kinds.award,
      kinds.awardWithdrawal,
      kinds.contract,
      kinds.cancellation,
    ];
    expect(o.PUBLICATIONS).toHaveLength(all.length);
    all.forEach((kind, i) => expect(o.PUBLICATIONS[i]).toBe(kind));
    const same = (list: readonly unknown[], expectedList: readonly unknown[]) => {
      expect(list).toHaveLength(expectedList.length);
      expectedList.forEach((kind, i) => expect(list[i]).toBe(kind));
    };
    same(o.ON_CANCEL, [kinds.cancellation]);
    same(o.ON_CHALLENGE_ANSWER, [kinds.awardWithdrawal, kinds.cancellation]);
    same(o.ON_CONTRACT, [kinds.contract]);
    // Each load is a fresh instance of the OCDS modules, so a changed constant is seen.
    expect((await load()).PUBLICATIONS).not.toBe(o.PUBLICATIONS);
  });

  it('R-SUP-3: a narrowed list publishes its own kinds and nothing else', async () => {
    const o = await load();
    const { awarded, contracted, published } = journey('org');
    const rescoring = withdrawn(awarded);
    const none = { releases: [], announcements: [] };
    expect(o.disclosureIn(o.ON_CONTRACT, awarded, contracted, CTX)).toStrictEqual(
      o.disclosureFor(awarded, contracted, CTX),
    );
    expect(o.disclosureIn(o.ON_CONTRACT, approved(), published, CTX)).toStrictEqual(none);
    expect(o.disclosureIn(o.ON_CANCEL, awarded, rescoring, CTX)).toStrictEqual(none);
    expect(o.disclosureIn(o.ON_CHALLENGE_ANSWER, awarded, rescoring, CTX).releases[0]?.tag).toStrictEqual([
      'awardUpdate',
    ]);
    expect(o.publicationIn(o.ON_CHALLENGE_ANSWER, awarded, rescoring)).toStrictEqual({
      tag: 'awardUpdate',
      kind: 'award_withdrawn',
    });
    expect(o.publicationIn(o.ON_CHALLENGE_ANSWER, awarded, contracted)).toBeUndefined();
    expect(o.disclosureFor(project(), submitted(), CTX)).toStrictEqual(none);
  });
});

// ---- the record and the package ----

describe('the record of a whole procurement (OCDS merge), whole', () => {
  const recordPackage = (records: unknown[]) => ({ ...META, records });

  it('R-SUP-3: planning → tender → award → contract compiles, whatever the order given, into the latest state', async () => {
    const o = await load();
    const { published, evaluated, awarded, contracted } = journey('org');
    const [planning, tender, award, contract] = (
      [
        [submitted(), approved()],
        [approved(), published],
        [evaluated, awarded],
        [awarded, contracted],
      ] as const
    ).map(([before, after]) => o.disclosureFor(before, after, CTX).releases[0] as Release);
    if (!planning || !tender || !award || !contract) throw new Error('a release is missing');
    const record = o.compileRecord([contract, tender, award, planning]);
    const awardNotice = award.awards?.[0]?.documents;
    const compiled = {
      ...expected(
        8,
        'contract',
        SIGNED_AT,
        { status: 'complete', tenderPeriod: TENDER_PERIOD, numberOfTenderers: 5 },
        {
          parties: [BUYER_PARTY, { ...ORG_SUPPLIER, roles: ['supplier'] }],
          awards: [
            {
              id: AWARD_1,
              title: `${TITLE} 中标（成交）结果`,
              status: 'active',
              date: AWARDED_AT,
              value: CNY_280K,
              suppliers: [ORG_SUPPLIER],
              // Kept from the award release: the contract release's award carries no documents.
              documents: awardNotice,
            },
          ],
          contracts: contract.contracts,
        },
      ),
      id: `${OCID}-compiled-${PROJECT_ID}-v8-contract`,
      tag: ['compiled'],
    };
    expect(awardNotice).toHaveLength(1);
    expect(record).toStrictEqual({
      ocid: OCID,
      releases: [planning, tender, award, contract],
      compiledRelease: compiled,
    });
    expectValidRecordPackage(recordPackage([record]));
    expectValidReleases(record.releases);
  });

  it('R-SUP-3: award, withdrawal, second award, cancellation: both awards cancelled, both suppliers tenderers', async () => {
    const o = await load();
    const { evaluated, awarded } = journey('org');
    const rescoring = withdrawn(awarded);
    const { reevaluated, reawarded } = secondRound(rescoring);
    const CLOSED_FOR_GOOD = '2025-04-25T09:00:00.000+08:00';
    const cancelled = cancel(reawarded, 'challenge_sustained', '评审程序违法', CLOSED_FOR_GOOD);
    const releases = (
      [
        [evaluated, awarded],
        [awarded, rescoring],
        [reevaluated, reawarded],
        [reawarded, cancelled],
      ] as const
    ).flatMap(([before, after]) => o.disclosureFor(before, after, CTX).releases);
    const record = o.compileRecord(releases);
    const last = releases[3];
    if (!last) throw new Error('no cancellation');
    expect(record.releases).toStrictEqual(releases);
    const c = record.compiledRelease;
    expect(c.id).toBe(`${OCID}-compiled-${last.id}`);
    expect(c.date).toBe(CLOSED_FOR_GOOD);
    expect(c.tag).toStrictEqual(['compiled']);
    expect(c.parties).toStrictEqual([
      BUYER_PARTY,
      { ...ORG_SUPPLIER, roles: ['tenderer'] },
      { ...PERSON_SUPPLIER, roles: ['tenderer'] },
    ]);
    expect(c.awards?.map((a) => [a.id, a.status, a.documents?.map((d) => d.documentType)])).toStrictEqual([
      [AWARD_1, 'cancelled', ['awardNotice', 'cancellationDetails']],
      [AWARD_2, 'cancelled', ['awardNotice']],
    ]);
    expect(c.tender.status).toBe('cancelled');
    expect(c.tender.documents?.map((d) => d.id)).toStrictEqual([`${last.id}-notice`]);
    expectValidRecordPackage(recordPackage([record]));
  });

  it('R-SUP-3: merge rules: null removes, id arrays merge, other arrays and empty arrays replace; time order, not text order', async () => {
    const o = await load();
    const planning = o.planningRelease(approved(), CTX);
    // 02:30Z is 10:30 in Beijing, after the 10:00+08:00 planning release, though it sorts first as text.
    const later = structuredClone(planning) as unknown as Record<string, unknown> & Release;
    later.id = 'later';
    later.date = '2025-03-10T02:30:00Z';
    later.parties = [{ id: 'pur-district', name: '示范区民政局', roles: ['procuringEntity'] }];
    const extra = later as unknown as Record<string, unknown>;
    (later.tender as unknown as Record<string, unknown>).contractPeriod = null;
    (later.tender as unknown as Record<string, unknown>).items = [];
    const earlier = structuredClone(planning) as unknown as Record<string, unknown>;
    earlier.notes = [{ text: 'a', n: 1 }];
    earlier.labels = ['x', 'y'];
    // Arrays whose items are not all objects with an id are replaced whole, never merged by id.
    earlier.partly = [{ id: 'a', v: 1 }];
    earlier.holes = [{ id: 'a', v: 1 }];
    extra.partly = [{ id: 'a', w: 2 }, { name: 'no id' }];
    extra.holes = [null, { id: 'a', w: 2 }];
    extra.notes = [{ text: 'b' }];
    extra.labels = ['z'];
    extra.nothing = null;
    const record = o.compileRecord([later, earlier as unknown as Release]);
    expect(record.releases.map((r) => r.id)).toStrictEqual([planning.id, 'later']);
    const { contractPeriod: _p, items: _i, ...tender } = planning.tender;
    expect(record.compiledRelease).toStrictEqual({
      ...planning,
      id: `${OCID}-compiled-later`,
      date: '2025-03-10T02:30:00Z',
      tag: ['compiled'],
      parties: [BUYER_PARTY, { id: 'pur-district', name: '示范区民政局', roles: ['procuringEntity'] }],
      tender: { ...tender, items: [] },
      notes: [{ text: 'b' }],
      partly: [{ id: 'a', w: 2 }, { name: 'no id' }],
      holes: [null, { id: 'a', w: 2 }],
      labels: ['z'],
    });
    expect(() => o.compileRecord([])).toThrow('compileRecord: a record needs at least one release');
  });

  it('R-SUP-3: a field first set to null and a merged party keep the later values', async () => {
    const o = await load();
    const planning = o.planningRelease(approved(), CTX);
    const later = structuredClone(planning);
    later.id = 'later';
    later.date = CANCELLED_AT;
    later.parties = [{ id: 'pur-town-1', name: '东山镇人民政府（新）', roles: ['buyer'] }];
    const { compiledRelease } = o.compileRecord([planning, later]);
    expect(compiledRelease.parties).toStrictEqual([
      {
        id: 'pur-town-1',
        name: '东山镇人民政府（新）',
        name_en: 'Dongshan Town Government',
        roles: ['buyer'],
      },
    ]);
    const single = o.compileRecord([planning]);
    expect(single).toStrictEqual({
      ocid: OCID,
      releases: [planning],
      compiledRelease: { ...planning, id: `${OCID}-compiled-${planning.id}`, tag: ['compiled'] },
    });
    expectValidRecordPackage(recordPackage([single]));
  });
});
