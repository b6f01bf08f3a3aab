import { describe, expect, it } from 'vitest';
import { MAX_FEN } from '#shared/domain/budget';
import { DEMO_DISTRICT } from '#shared/domain/district-seed';
import type { DisclosureContext, Release } from '#shared/domain/ocds';
import {
  CANCELLATION_REASON_LABEL,
  NATURAL_PERSON_SUPPLIER,
  OCDS_METHOD,
  UNSUCCESSFUL_REASON_LABEL,
  awardIdFor,
  compileRecord,
  disclosureFor,
  fenToYuan,
  ocidFor,
  planningRelease,
  publicationFor,
} from '#shared/domain/ocds';
import type { ProcurementMethod } from '#shared/domain/procurement-rules';
import { METHOD_NAME_ZH, PROCUREMENT_METHODS } from '#shared/domain/procurement-rules';
import type { Project, ProjectAward, ProjectEvaluation, ProjectStatus } from '#shared/domain/project';
import { PROJECT_STATUSES, advance, approveProject, cancelProject } from '#shared/domain/project';
import { PROJECT_ID, budgetLine, caregiving, project } from '../handlers/procurement-fixtures';
import { codelist, expectValidRecordPackage, expectValidReleasePackage } from '../support/ocds-schema';

const TOWN = DEMO_DISTRICT.find((p) => p.id === 'pur-town-1');
if (!TOWN) throw new Error('seed changed: no pur-town-1');
const CTX: DisclosureContext = {
  ocidPrefix: 'ocds-xxxxxx',
  purchaser: TOWN,
  budgetLine: budgetLine(),
  catalogItem: caregiving,
};
const CHIEF = { sub: 'u-chief', role: 'bureau' };
const APPROVED_AT = '2025-03-10T10:00:00.000+08:00';
const CANCELLED_AT = '2025-03-12T16:30:00.000+08:00';

const submitted = (overrides: Partial<Project> = {}) =>
  project({
    status: 'submitted',
    version: 2,
    timeline: [
      ...project().timeline,
      {
        at: '2025-03-05T09:00:00.000+08:00',
        status: 'submitted',
        event: 'submit',
        by: { sub: 'u-town', role: 'town' },
      },
    ],
    ...overrides,
  });
const approved = (overrides: Partial<Project> = {}) =>
  approveProject(submitted(overrides), { actor: CHIEF, now: APPROVED_AT });

const envelope = (releases: Release[]) => ({
  uri: 'https://api.example.test/v1/public/ocds/releases',
  version: '1.1',
  publishedDate: APPROVED_AT,
  publisher: { name: '示范区民政局' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  publicationPolicy: 'https://api.example.test/docs#public-disclosure',
  releases,
});

describe('OCDS mapping (R-SUP-3, R-PROC-5)', () => {
  it.each(Object.entries(OCDS_METHOD) as [ProcurementMethod, string][])(
    'R-PROC-5: %s maps to procurementMethod %s with the Chinese method in procurementMethodDetails',
    (method, expected) => {
      const release = planningRelease(approved({ procurementMethod: method }), CTX);
      expect(release.tender.procurementMethod).toBe(expected);
      expect(release.tender.procurementMethodDetails).toContain(METHOD_NAME_ZH[method]);
      expect(codelist('method')).toContain(expected);
    },
  );

  it('R-PROC-5: maps every procurement method this system offers, as the issue fixes them', () => {
    expect(Object.keys(OCDS_METHOD).sort()).toEqual([...PROCUREMENT_METHODS].sort());
    expect(OCDS_METHOD).toEqual({
      open_tender: 'open',
      invited_tender: 'selective',
      competitive_negotiation: 'limited',
      competitive_consultation: 'limited',
      single_source: 'direct',
    });
  });

  it('R-SUP-3: converts integer fen to decimal yuan exactly (value and budget, CNY)', () => {
    const release = planningRelease(approved({ estimatedAmount: 30_012_345 }), CTX);
    expect(release.tender.value).toEqual({ amount: 300_123.45, currency: 'CNY' });
    expect(release.planning.budget.amount).toEqual({ amount: 300_123.45, currency: 'CNY' });
    expect(JSON.stringify(release.tender.value)).toBe('{"amount":300123.45,"currency":"CNY"}');
    // Across the whole range: the JSON number is exactly the two-decimal yuan amount, computed in integers.
    const samples = [1, 5, 10, 99, 101, 12_345, 999_999_999_999, MAX_FEN, MAX_FEN - 1, MAX_FEN - 7];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor(Math.random() * MAX_FEN) + 1);
    for (const fen of samples) {
      const exact = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`.replace(/\.?0+$/, '');
      expect(JSON.stringify(fenToYuan(fen))).toBe(exact.includes('.') ? exact : exact || '0');
    }
  });

  it('R-PROC-3: always rated criteria, with every weight and the price formula in awardCriteriaDetails', () => {
    const { tender } = planningRelease(approved(), CTX);
    expect(tender.awardCriteria).toBe('ratedCriteria');
    expect(codelist('awardCriteria')).toContain(tender.awardCriteria);
    expect(tender.awardCriteriaDetails).toContain('服务方案 50%');
    expect(tender.awardCriteriaDetails).toContain('团队与资质 25%');
    expect(tender.awardCriteriaDetails).toContain('价格 25%');
  });

  it('R-SUP-3: the planning release names the purchaser as buyer and procuring entity, the item by catalog code', () => {
    const release = planningRelease(approved(), CTX);
    expect(release).toMatchObject({
      ocid: 'ocds-xxxxxx-prj_01jabcdefg0123456789',
      date: APPROVED_AT,
      tag: ['planning'],
      initiationType: 'tender',
      buyer: { id: 'pur-town-1', name: '东山镇人民政府' },
      parties: [{ id: 'pur-town-1', roles: ['buyer', 'procuringEntity'] }],
      planning: { budget: { id: budgetLine().id, amount: { amount: 300_000, currency: 'CNY' } } },
      tender: {
        id: project().id,
        status: 'planned',
        mainProcurementCategory: 'services',
        items: [{ classification: { id: 'C-CAREGIVING', description: caregiving.nameZh }, quantity: 1200 }],
        contractPeriod: { startDate: '2025-05-01T00:00:00+08:00', endDate: '2025-12-31T23:59:59+08:00' },
      },
    });
    expect(release.tender).not.toHaveProperty('procurementMethodRationale');
    expect(release.tender).not.toHaveProperty('tenderPeriod');
    expect(codelist('partyRole')).toEqual(expect.arrayContaining(release.parties.flatMap((p) => p.roles)));
  });

  it('R-PROC-2: a single-source release carries its public rationale', () => {
    const rationale =
      '该项目为原有服务的延续，只能从原供应商处采购，以保证服务对象照护的连续性与一致性。'.repeat(2);
    const single = approved({ procurementMethod: 'single_source', singleSourceRationale: rationale });
    expect(planningRelease(single, CTX).tender.procurementMethodRationale).toBe(rationale);
    expectValidReleasePackage(envelope([planningRelease(single, CTX)]));
  });
});

describe('what each transition publishes (R-SUP-3, R-PROC-5)', () => {
  it('R-SUP-3: approval publishes a planning release and a 采购意向 announcement, ids unique per release', () => {
    const before = submitted();
    const after = approved();
    const { releases, announcements } = disclosureFor(before, after, CTX);
    expect(releases.map((r) => r.tag)).toEqual([['planning']]);
    expect(releases[0]?.id).toBe(`${project().id}-v3-planning`);
    expect(announcements).toEqual([
      expect.objectContaining({
        kind: 'procurement_intention',
        releaseId: releases[0]?.id,
        ocid: releases[0]?.ocid,
        publishedAt: APPROVED_AT,
        purchaser: { id: 'pur-town-1', nameZh: '东山镇人民政府', nameEn: 'Dongshan Town Government' },
      }),
    ]);
    expect(announcements[0]?.summary.zh).toContain('300000.00 元');
    expectValidReleasePackage(envelope(releases));
  });

  it('R-PROC-5: cancelling an approved project publishes tenderCancellation with tender.status cancelled and the public reason', () => {
    const before = approved();
    const after = cancelProject(
      before,
      { reason: 'budget_withdrawn', note: '年度预算调减' },
      { actor: CHIEF, now: CANCELLED_AT },
    );
    const { releases, announcements } = disclosureFor(before, after, CTX);
    const [release] = releases;
    expect(release?.tag).toEqual(['tenderCancellation']);
    expect(release?.tender.status).toBe('cancelled');
    expect(release?.tender.documents).toEqual([
      expect.objectContaining({
        documentType: 'cancellationDetails',
        description: expect.stringContaining('budget_withdrawn'),
      }),
    ]);
    expect(release?.tender.documents?.[0]?.description).toContain(
      CANCELLATION_REASON_LABEL.budget_withdrawn.zh,
    );
    expect(announcements[0]).toMatchObject({ kind: 'cancellation', releaseId: release?.id });
    expect(announcements[0]?.summary.en).toContain(CANCELLATION_REASON_LABEL.budget_withdrawn.en);
    expect(codelist('tenderStatus')).toContain('cancelled');
    expect(codelist('releaseTag')).toContain('tenderCancellation');
  });

  it('R-SUP-3: publishes a public note (a sustained challenge’s public reason) but never the clerk’s own note', () => {
    const before = approved();
    const clerks = cancelProject(
      before,
      { reason: 'other', note: '张三家属投诉' },
      { actor: CHIEF, now: CANCELLED_AT },
    );
    const answered = cancelProject(
      before,
      { reason: 'challenge_sustained', note: '内部备注', publicNote: '采购文件存在歧视性条款' },
      { actor: CHIEF, now: CANCELLED_AT },
    );
    expect(JSON.stringify(disclosureFor(before, clerks, CTX))).not.toContain('张三');
    const published = disclosureFor(before, answered, CTX);
    expect(published.releases[0]?.tender.documents?.[0]?.description).toContain('采购文件存在歧视性条款');
    expect(published.announcements[0]?.summary.zh).toContain('采购文件存在歧视性条款');
    expect(JSON.stringify(published)).not.toContain('内部备注');
  });

  it.each(['draft', 'submitted'] as const)(
    'R-SUP-3: a %s project publishes nothing, not even when cancelled',
    (status: ProjectStatus) => {
      const before = project({ status });
      const after = cancelProject(
        before,
        { reason: 'duplicate', note: '重复' },
        { actor: CHIEF, now: CANCELLED_AT },
      );
      expect(disclosureFor(before, after, CTX)).toEqual({ releases: [], announcements: [] });
    },
  );

  it('R-SUP-3: submission publishes nothing; every status a workflow step leaves is either published or empty', () => {
    expect(disclosureFor(project(), submitted(), CTX).releases).toEqual([]);
    const published = { ...approved(), status: 'published' as const, version: 4 };
    expect(disclosureFor(approved(), published, CTX).releases.map((r) => r.tag)).toEqual([['tender']]);
    for (const status of PROJECT_STATUSES) {
      const after = { ...approved(), status, version: 9 };
      // Only transitions out of a published state publish a cancellation.
      const tags = disclosureFor(after, { ...after, status: 'cancelled' }, CTX).releases.map((r) => r.tag[0]);
      expect(tags).toEqual(status === 'draft' || status === 'submitted' ? [] : ['tenderCancellation']);
    }
  });

  it('R-SUP-3: no personal data of individuals in releases or announcements (guard)', () => {
    // A natural-person invitee, a note naming a service recipient, and clerk user ids: none may leak.
    const invited = approved({
      procurementMethod: 'invited_tender',
      invitedContractorIds: ['ctr_naturalperson0001', 'ctr_org000000000002', 'ctr_org000000000003'],
      allowNaturalPersons: true,
    });
    const after = cancelProject(
      invited,
      { reason: 'other', note: '服务对象张三（身份证 110101199003077777，电话 13800138000）已去世' },
      { actor: { sub: 'u-clerk-wang.fang', role: 'town' }, now: CANCELLED_AT },
    );
    const published = JSON.stringify([
      disclosureFor(submitted(), approved(), CTX),
      disclosureFor(invited, after, CTX),
    ]);
    for (const secret of [
      'ctr_naturalperson0001',
      '张三',
      '110101199003077777',
      '13800138000',
      'u-clerk',
      'u-chief',
      'u-town',
    ]) {
      expect(published).not.toContain(secret);
    }
    expect(published).not.toMatch(/"(contact|phone|email|idNumber|createdBy|by|invitedContractorIds)"/);
    const parties = disclosureFor(invited, after, CTX).releases.flatMap((r) => r.parties);
    expect(parties.map((p) => p.id)).toEqual(['pur-town-1']);
    expect(DEMO_DISTRICT.map((p) => p.id)).toContain(parties[0]?.id);
  });
});

describe('records (OCDS merge)', () => {
  const before = approved();
  const cancelled = cancelProject(
    before,
    { reason: 'requirement_changed', note: '需求调整' },
    { actor: CHIEF, now: CANCELLED_AT },
  );
  const planning = disclosureFor(submitted(), before, CTX).releases;
  const cancellation = disclosureFor(before, cancelled, CTX).releases;

  it('R-SUP-3: compiles planning then cancellation: latest values win, releases oldest first, tag compiled', () => {
    // Given newest first, as a careless caller might.
    const record = compileRecord([...cancellation, ...planning]);
    expect(record.ocid).toBe(ocidFor('ocds-xxxxxx', project().id));
    expect(record.releases.map((r) => r.tag[0])).toEqual(['planning', 'tenderCancellation']);
    expect(record.compiledRelease).toMatchObject({
      tag: ['compiled'],
      date: CANCELLED_AT,
      tender: { status: 'cancelled', documents: [{ documentType: 'cancellationDetails' }] },
      parties: [{ id: 'pur-town-1', roles: ['buyer', 'procuringEntity'] }],
    });
    const { releases: _none, ...meta } = envelope([]);
    expectValidRecordPackage({ ...meta, records: [record] });
  });

  it('the schema check is real: a release without ocid, or with an amount as a string, fails it', () => {
    const [release] = planning;
    if (!release) throw new Error('no planning release');
    const { ocid: _dropped, ...withoutOcid } = release;
    const stringAmount = structuredClone(release) as unknown as { tender: { value: { amount: unknown } } };
    stringAmount.tender.value.amount = '300000.00';
    for (const bad of [withoutOcid, stringAmount]) {
      expect(() => expectValidReleasePackage(envelope([bad as Release]))).toThrow(/not valid OCDS/);
    }
  });

  it('merges arrays of objects by id and drops fields a later release sets to null', () => {
    const [first] = planning;
    if (!first) throw new Error('no planning release');
    const later = structuredClone(first);
    later.id = 'later';
    later.date = CANCELLED_AT;
    later.parties = [{ id: 'pur-district', name: '示范区民政局', roles: ['procuringEntity'] }];
    (later.tender as unknown as Record<string, unknown>).contractPeriod = null;
    const { compiledRelease } = compileRecord([first, later]);
    expect(compiledRelease.parties.map((p) => p.id)).toEqual(['pur-town-1', 'pur-district']);
    expect(compiledRelease.tender).not.toHaveProperty('contractPeriod');
  });
});

// ---- the procurement workflow's releases ----

const WORKFLOW = { sub: 'workflow:procurement', role: 'workflow' };
const PUBLISHED_AT = '2025-03-20T09:00:00.000+08:00';
const DEADLINE = '2025-04-10T09:00:00.000+08:00';
const CLOSED_AT = '2025-04-10T09:00:05.000+08:00';
const EVALUATED_AT = '2025-04-12T15:00:00.000+08:00';
const AWARDED_AT = '2025-04-12T15:00:01.000+08:00';
const WITHDRAWN_AT = '2025-04-16T10:00:00.000+08:00';
const REAWARDED_AT = '2025-04-20T11:00:00.000+08:00';
const SIGNED_AT = '2025-04-28T14:30:00.000+08:00';
const ORG_CONTRACTOR = 'ctr_01jorganization00001';
const PERSON_CONTRACTOR = 'ctr_01jnaturalperson0001';
const PERSON_NAME = '李四';

const ranked = (rank: number, bidId: string, contractorId: string, price: number, drawRequired = false) => ({
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

/** Two valid bids tied on total (the non-profit placed first), two more drawn, one disqualified. */
const EVALUATION: ProjectEvaluation = {
  round: 1,
  evaluatedAt: EVALUATED_AT,
  ranked: [
    ranked(1, 'bid_org', ORG_CONTRACTOR, 28_000_000),
    ranked(2, 'bid_person', PERSON_CONTRACTOR, 27_500_000),
    ranked(3, 'bid_c', 'ctr_c', 29_000_000),
    ranked(4, 'bid_d', 'ctr_d', 29_500_000),
  ],
  disqualified: [{ bidId: 'bid_e', contractorId: 'ctr_e', reason: '资质不符' }],
  tieBreaks: [
    {
      above: 'bid_org',
      below: 'bid_person',
      reason: 'non_profit_preference',
      rule: 'R-QUAL-4',
      statement:
        'bid_org 与 bid_person 综合得分相同（85.00），同等条件下优先选择非营利性社会组织，bid_org 排名在前。',
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
};

type Winner = 'org' | 'person';
const awardOf = (winner: Winner, awardedAt: string): ProjectAward => ({
  bidId: winner === 'org' ? 'bid_org' : 'bid_person',
  contractorId: winner === 'org' ? ORG_CONTRACTOR : PERSON_CONTRACTOR,
  contractorName: winner === 'org' ? '示范社会工作服务中心' : PERSON_NAME,
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

/** The project at each status of the workflow, built with the life-cycle moves the workflow uses. */
function journey(winner: Winner = 'org') {
  const published = advance(approved(), 'publish', step(PUBLISHED_AT), {
    tender: { publishedAt: PUBLISHED_AT, bidDeadline: DEADLINE, minimumBids: 3 },
  });
  const closed = advance(published, 'close_bidding', step(CLOSED_AT), { scoringRound: 1 });
  const evaluated = advance(closed, 'evaluate', step(EVALUATED_AT), { evaluation: EVALUATION });
  const awarded = advance(evaluated, 'award', step(AWARDED_AT), { award: awardOf(winner, AWARDED_AT) });
  const contracted = advance(awarded, 'contract', step(SIGNED_AT), {
    contract: { id: 'con_01jcontract000000001', signedAt: SIGNED_AT },
  });
  return { published, closed, evaluated, awarded, contracted };
}

/** A sustained challenge (remedy rescore) withdraws the award: awarded → bidding_closed, round 2. */
function withdrawn(awarded: Project): Project {
  const { award, ...rest } = awarded;
  if (!award) throw new Error('not awarded');
  return advance(rest, 'rescore', step(WITHDRAWN_AT), {
    scoringRound: 2,
    withdrawnAwards: [{ ...award, withdrawnAt: WITHDRAWN_AT, challengeId: 'chl_1' }],
  });
}

const only = <T>(list: readonly T[]): T => {
  expect(list).toHaveLength(1);
  return list[0] as T;
};

describe('the workflow releases (R-PROC-5, R-SUP-3)', () => {
  it('R-PROC-5: publication publishes the tender release with tenderPeriod from the notice and a 采购公告', () => {
    const { published } = journey();
    const { releases, announcements } = disclosureFor(approved(), published, CTX);
    const release = only(releases);
    expect(release.tag).toEqual(['tender']);
    expect(release.tender).toMatchObject({
      status: 'active',
      tenderPeriod: { startDate: PUBLISHED_AT, endDate: DEADLINE },
    });
    expect(release.tender).not.toHaveProperty('numberOfTenderers');
    expect(only(announcements)).toMatchObject({ kind: 'procurement_notice', releaseId: release.id });
    expect(announcements[0]?.summary.zh).toContain(DEADLINE);
    expectValidReleasePackage(envelope(releases));
  });

  it.each(['published', 'bidding_closed', 'evaluated'] as const)(
    'R-PROC-5: %s → unsuccessful publishes tenderUpdate with tender.status unsuccessful and a 废标公告 with the reason',
    (from) => {
      const stages = journey();
      const before = {
        published: stages.published,
        bidding_closed: stages.closed,
        evaluated: stages.evaluated,
      }[from];
      const reason = from === 'published' ? 'too_few_bids' : 'no_valid_bid';
      const after = advance(before, 'declare_unsuccessful', step(CLOSED_AT), {
        unsuccessful: { reason, detail: '2 bid(s) received, 3 required', at: CLOSED_AT },
      });
      const { releases, announcements } = disclosureFor(before, after, CTX);
      const release = only(releases);
      expect(release.tag).toEqual(['tenderUpdate']);
      expect(release.id).toBe(`${PROJECT_ID}-v${after.version}-tenderUpdate`);
      expect(release.tender.status).toBe('unsuccessful');
      expect(release.tender.documents).toEqual([
        expect.objectContaining({ description: expect.stringContaining(`reason code: ${reason}`) }),
      ]);
      const announcement = only(announcements);
      expect(announcement).toMatchObject({ kind: 'unsuccessful', releaseId: release.id });
      expect(announcement.title.zh).toContain('废标公告');
      expect(announcement.summary.zh).toContain(UNSUCCESSFUL_REASON_LABEL[reason].zh);
      expect(announcement.summary.en).toContain(UNSUCCESSFUL_REASON_LABEL[reason].en);
      expect(codelist('releaseTag')).toContain('tenderUpdate');
      expect(codelist('tenderStatus')).toContain('unsuccessful');
      expectValidReleasePackage(envelope(releases));
    },
  );

  it('R-PROC-5: the award publishes the award, its supplier and the number of tenderers, and a 中标（成交）结果公告 with price and tie-breaks', () => {
    const { evaluated, awarded } = journey('org');
    const { releases, announcements } = disclosureFor(evaluated, awarded, CTX);
    const release = only(releases);
    expect(release.tag).toEqual(['award']);
    expect(release.tender).toMatchObject({ status: 'complete', numberOfTenderers: 5 });
    const supplier = { id: ORG_CONTRACTOR, name: '示范社会工作服务中心' };
    expect(release.parties).toEqual([
      expect.objectContaining({ id: 'pur-town-1', roles: ['buyer', 'procuringEntity'] }),
      { ...supplier, roles: ['supplier'] },
    ]);
    expect(release.awards).toEqual([
      {
        id: awardIdFor(PROJECT_ID, 1),
        title: expect.stringContaining('中标（成交）结果'),
        status: 'active',
        date: AWARDED_AT,
        value: { amount: 280_000, currency: 'CNY' },
        suppliers: [supplier],
        documents: [expect.objectContaining({ documentType: 'awardNotice' })],
      },
    ]);
    const announcement = only(announcements);
    expect(announcement).toMatchObject({ kind: 'award_result', releaseId: release.id });
    expect(announcement.summary.zh).toContain('示范社会工作服务中心');
    expect(announcement.summary.zh).toContain('280000.00 元');
    expect(announcement.summary.en).toContain('CNY 280000.00');
    // The non-profit preference verbatim; the draw by its outcome, without who held or witnessed it.
    expect(announcement.statements).toEqual([
      EVALUATION.tieBreaks[0]?.statement,
      expect.stringContaining('经公开抽签，bid_c 排名在前'),
    ]);
    expect(JSON.stringify([releases, announcements])).not.toMatch(/王科长|赵监督员/);
    expect(codelist('partyRole')).toContain('supplier');
    expectValidReleasePackage(envelope(releases));
  });

  it('R-SUP-3: a natural-person supplier is published as 自然人供应商 under an id that is not personal data, in award and contract', () => {
    const { evaluated, awarded, contracted } = journey('person');
    const published = [disclosureFor(evaluated, awarded, CTX), disclosureFor(awarded, contracted, CTX)];
    const expected = { id: 'natural-person-bid_person', name: NATURAL_PERSON_SUPPLIER.zh };
    for (const { releases, announcements } of published) {
      const release = only(releases);
      expect(release.parties.find((p) => p.roles.includes('supplier'))).toEqual({
        ...expected,
        roles: ['supplier'],
      });
      expect(release.awards?.[0]?.suppliers).toEqual([expected]);
      expect(only(announcements).summary.zh).toContain(NATURAL_PERSON_SUPPLIER.zh);
      expect(announcements[0]?.summary.en).toContain(NATURAL_PERSON_SUPPLIER.en);
      expectValidReleasePackage(envelope(releases));
    }
    const text = JSON.stringify(published);
    expect(text).not.toContain(PERSON_NAME);
    expect(text).not.toContain(PERSON_CONTRACTOR);
    // The withdrawal of such an award, too.
    const { awarded: personAwarded } = journey('person');
    const withdrawal = JSON.stringify(disclosureFor(personAwarded, withdrawn(personAwarded), CTX));
    expect(withdrawal).toContain(NATURAL_PERSON_SUPPLIER.zh);
    expect(withdrawal).not.toContain(PERSON_NAME);
    expect(withdrawal).not.toContain(PERSON_CONTRACTOR);
  });

  it('R-PROC-5: a withdrawn award publishes awardUpdate cancelling that award; the next award counts on', () => {
    const { awarded } = journey('org');
    const rescoring = withdrawn(awarded);
    const { releases, announcements } = disclosureFor(awarded, rescoring, CTX);
    const release = only(releases);
    expect(release.tag).toEqual(['awardUpdate']);
    expect(release.tender.status).toBe('active');
    expect(release.awards).toEqual([
      expect.objectContaining({
        id: awardIdFor(PROJECT_ID, 1),
        status: 'cancelled',
        documents: [expect.objectContaining({ documentType: 'cancellationDetails' })],
      }),
    ]);
    expect(release.parties.at(-1)).toEqual({
      id: ORG_CONTRACTOR,
      name: '示范社会工作服务中心',
      roles: ['tenderer'],
    });
    expect(only(announcements)).toMatchObject({ kind: 'award_withdrawn', releaseId: release.id });
    expect(announcements[0]?.summary.zh).toContain('bid_org');
    // Round 2 awards the other bid: award 2, not a reuse of award 1's id.
    const reevaluated = advance(rescoring, 'evaluate', step(REAWARDED_AT), { evaluation: EVALUATION });
    const reawarded = advance(reevaluated, 'award', step(REAWARDED_AT), {
      award: awardOf('person', REAWARDED_AT),
    });
    const second = only(disclosureFor(reevaluated, reawarded, CTX).releases);
    expect(second.awards?.map((a) => [a.id, a.status])).toEqual([[awardIdFor(PROJECT_ID, 2), 'active']]);
    expect(codelist('releaseTag')).toContain('awardUpdate');
    expectValidReleasePackage(envelope([release, second]));
  });

  it('R-PROC-5: cancelling an awarded project cancels the tender and the award, with the public reason', () => {
    const { awarded } = journey('org');
    const cancelled = cancelProject(
      awarded,
      { reason: 'challenge_sustained', note: '质疑成立' },
      { actor: CHIEF, now: WITHDRAWN_AT },
    );
    const { releases, announcements } = disclosureFor(awarded, cancelled, CTX);
    const release = only(releases);
    expect(release.tag).toEqual(['tenderCancellation', 'awardCancellation']);
    expect(release.tender.status).toBe('cancelled');
    expect(release.awards).toEqual([
      expect.objectContaining({ id: awardIdFor(PROJECT_ID, 1), status: 'cancelled' }),
    ]);
    expect(only(announcements)).toMatchObject({ kind: 'cancellation', releaseId: release.id });
    expect(announcements[0]?.summary.zh).toContain(CANCELLATION_REASON_LABEL.challenge_sustained.zh);
    expect(codelist('releaseTag')).toContain('awardCancellation');
    expectValidReleasePackage(envelope(releases));
  });

  it('R-SUP-3: signing publishes the contract release under the award in force and a 合同公告', () => {
    const { awarded, contracted } = journey('org');
    const { releases, announcements } = disclosureFor(awarded, contracted, CTX);
    const release = only(releases);
    expect(release.tag).toEqual(['contract']);
    expect(release.id).toBe(`${PROJECT_ID}-v${contracted.version}-contract`);
    expect(release.contracts).toEqual([
      {
        id: 'con_01jcontract000000001',
        awardID: awardIdFor(PROJECT_ID, 1),
        title: expect.stringContaining('服务合同'),
        status: 'active',
        value: { amount: 280_000, currency: 'CNY' },
        period: { startDate: '2025-05-01T00:00:00+08:00', endDate: '2025-12-31T23:59:59+08:00' },
        dateSigned: SIGNED_AT,
      },
    ]);
    expect(release.awards?.map((a) => a.id)).toEqual([release.contracts?.[0]?.awardID]);
    const announcement = only(announcements);
    expect(announcement).toMatchObject({ kind: 'contract', releaseId: release.id, publishedAt: SIGNED_AT });
    expect(announcement.title.zh).toContain('合同公告');
    expect(announcement.summary.zh).toContain('280000.00 元');
    expectValidReleasePackage(envelope(releases));
  });

  it('R-SUP-3: the other workflow moves publish nothing (closing bidding, evaluating)', () => {
    const { published, closed, evaluated } = journey();
    expect(publicationFor(published, closed)).toBeUndefined();
    expect(publicationFor(closed, evaluated)).toBeUndefined();
    expect(disclosureFor(closed, evaluated, CTX)).toEqual({ releases: [], announcements: [] });
  });
});

describe('the record of a whole procurement (OCDS merge)', () => {
  const releasesOf = (...steps: [Project, Project][]) =>
    steps.flatMap(([before, after]) => disclosureFor(before, after, CTX).releases);

  it('R-SUP-3: planning → tender → award → contract compiles into one record with the award and the contract', () => {
    const { published, evaluated, awarded, contracted } = journey('org');
    const releases = releasesOf(
      [submitted(), approved()],
      [approved(), published],
      [evaluated, awarded],
      [awarded, contracted],
    );
    const record = compileRecord(releases);
    expect(record.releases.map((r) => r.tag[0])).toEqual(['planning', 'tender', 'award', 'contract']);
    expect(new Set(record.releases.map((r) => r.id)).size).toBe(4);
    expect(record.compiledRelease).toMatchObject({
      tag: ['compiled'],
      date: SIGNED_AT,
      tender: {
        status: 'complete',
        numberOfTenderers: 5,
        tenderPeriod: { startDate: PUBLISHED_AT, endDate: DEADLINE },
      },
      awards: [{ id: awardIdFor(PROJECT_ID, 1), status: 'active' }],
      contracts: [{ id: 'con_01jcontract000000001', status: 'active', dateSigned: SIGNED_AT }],
    });
    expect(record.compiledRelease.parties.map((p) => [p.id, p.roles])).toEqual([
      ['pur-town-1', ['buyer', 'procuringEntity']],
      [ORG_CONTRACTOR, ['supplier']],
    ]);
    const { releases: _none, ...meta } = envelope([]);
    expectValidRecordPackage({ ...meta, records: [record] });
    expectValidReleasePackage(envelope(releases));
  });

  it('R-SUP-3: after a withdrawn award the record keeps it cancelled beside the award in force, its supplier a tenderer', () => {
    const { published, evaluated, awarded } = journey('org');
    const rescoring = withdrawn(awarded);
    const reevaluated = advance(rescoring, 'evaluate', step(REAWARDED_AT), { evaluation: EVALUATION });
    const reawarded = advance(reevaluated, 'award', step(REAWARDED_AT), {
      award: awardOf('person', REAWARDED_AT),
    });
    const contracted = advance(reawarded, 'contract', step(SIGNED_AT), {
      contract: { id: 'con_01jcontract000000002', signedAt: SIGNED_AT },
    });
    const record = compileRecord(
      releasesOf(
        [approved(), published],
        [evaluated, awarded],
        [awarded, rescoring],
        [reevaluated, reawarded],
        [reawarded, contracted],
      ),
    );
    const compiled = record.compiledRelease;
    expect(compiled.awards?.map((a) => [a.id, a.status])).toEqual([
      [awardIdFor(PROJECT_ID, 1), 'cancelled'],
      [awardIdFor(PROJECT_ID, 2), 'active'],
    ]);
    expect(compiled.contracts).toEqual([
      expect.objectContaining({ awardID: awardIdFor(PROJECT_ID, 2), status: 'active' }),
    ]);
    expect(compiled.parties.map((p) => [p.id, p.roles])).toEqual([
      ['pur-town-1', ['buyer', 'procuringEntity']],
      [ORG_CONTRACTOR, ['tenderer']],
      ['natural-person-bid_person', ['supplier']],
    ]);
    expect(JSON.stringify(record)).not.toContain(PERSON_NAME);
    const { releases: _none, ...meta } = envelope([]);
    expectValidRecordPackage({ ...meta, records: [record] });
  });
});
