/**
 * OCDS implementation releases (issue 13 §5, R-ACC-4, R-ACC-3, R-SUP-3): what an acceptance decision, a payment and a
 * termination publish, through the use cases the acceptance workflow and payments call, over an in-memory store that
 * applies their writes as DynamoDB would (append-only: a key already there refuses the transaction). Every release
 * and announcement is asserted on what the policy asks, every package and record validated against the official
 * OCDS 1.1.5 schema.
 */
import { describe, expect, it } from 'vitest';
import { releasePackage, recordPackage } from '#functions/public/packages';
import type { ExtraWrite } from '#shared/adapters/dynamodb/record-store';
import type { ItemKey } from '#shared/adapters/dynamodb/keys';
import { keys, stripKeys } from '#shared/adapters/dynamodb/keys';
import type { Stored } from '#shared/adapters/dynamodb/records';
import type { Contract } from '#shared/domain/contract';
import { DEFAULT_PAYMENT_MILESTONES, STANDARD_TEMPLATE, draftContract } from '#shared/domain/contract';
import { DEMO_DISTRICT } from '#shared/domain/district-seed';
import { DomainError } from '#shared/domain/errors';
import type { ContractMilestone } from '#shared/domain/milestone';
import { milestonesAtSigning } from '#shared/domain/milestone';
import type {
  AcceptanceOutcome,
  Announcement,
  Implementation,
  OcdsRecord,
  Release,
} from '#shared/domain/ocds';
import {
  OCDS_EXTENSIONS,
  checkPaymentDisclosure,
  compileRecord,
  contractRelease,
  extensionsFor,
} from '#shared/domain/ocds';
import type { Project, ProjectAward } from '#shared/domain/project';
import type { Deps } from '#shared/use-cases/ports';
import {
  acceptanceDisclosure,
  paymentDisclosure,
  terminationDisclosure,
} from '#shared/use-cases/implementation-disclosure';
import { config } from '#shared/config';
import { budgetLine, caregiving, project } from '../handlers/procurement-fixtures';
import { expectValidRecordPackage, expectValidReleasePackage } from '../support/ocds-schema';

// ---- a signed contract of a contracted project ----

const TOWN = (() => {
  const town = DEMO_DISTRICT.find((p) => p.id === 'pur-town-1');
  if (!town) throw new Error('seed changed: no pur-town-1');
  return town;
})();
const CONTRACT_ID = 'con_01jcontract000000001';
const AWARDED_AT = '2025-04-12T15:00:01.000+08:00';
const SIGNED_AT = '2025-04-28T14:30:00.000+08:00';
const MID_DECIDED = '2025-08-20T10:00:00.000+08:00';
const MID_REDECIDED = '2025-09-25T10:00:00.000+08:00';
const PERSON_NAME = '李四';
const PERSON_CONTRACTOR = 'ctr_01jnaturalperson0001';

const awardOf = (kind: 'org' | 'person'): ProjectAward => ({
  bidId: kind === 'org' ? 'bid_org' : 'bid_person',
  contractorId: kind === 'org' ? 'ctr_01jorganization00001' : PERSON_CONTRACTOR,
  contractorName: kind === 'org' ? '示范社会工作服务中心' : PERSON_NAME,
  contractorKind: kind === 'org' ? 'social_organization' : 'natural_person',
  price: 28_000_000,
  awardedAt: AWARDED_AT,
  standstill: {
    opensAt: AWARDED_AT,
    lastDay: '2025-04-19',
    closesAt: '2025-04-20T00:00:00.000+08:00',
    movedToWorkingDay: false,
  },
});

function setting(kind: 'org' | 'person' = 'org') {
  const award = awardOf(kind);
  const awarded = project({ status: 'awarded', version: 7, award, updatedAt: AWARDED_AT });
  const contracted: Project = {
    ...awarded,
    status: 'contracted',
    version: 8,
    contract: { id: CONTRACT_ID, signedAt: SIGNED_AT },
    updatedAt: SIGNED_AT,
  };
  const draft = draftContract(
    awarded,
    {
      projectId: awarded.id,
      bidId: award.bidId,
      contractorId: award.contractorId,
      price: award.price,
      awardedAt: AWARDED_AT,
    },
    STANDARD_TEMPLATE,
    { paymentMilestones: DEFAULT_PAYMENT_MILESTONES },
    { id: CONTRACT_ID, now: AWARDED_AT },
  );
  const contract: Contract = { ...draft, status: 'signed', version: 3, updatedAt: SIGNED_AT };
  const milestones = milestonesAtSigning(contract, SIGNED_AT, 30);
  const ctx = {
    ocidPrefix: config.OCDS_OCID_PREFIX,
    purchaser: TOWN,
    budgetLine: budgetLine(),
    catalogItem: caregiving,
  };
  const signedRelease = contractRelease(contracted, ctx);
  return { project: contracted, contract, milestones, signedRelease, award };
}

// ---- an in-memory table that applies the writes as DynamoDB would ----

type Item = Record<string, unknown> & { PK: string; SK: string };

class MemoryTable {
  readonly items = new Map<string, Item>();
  private static id = (k: ItemKey) => `${k.PK}\u0000${k.SK}`;

  put(item: Item) {
    this.items.set(MemoryTable.id(item), item);
  }

  /** One transaction of extra writes: all land, or (a Put on a key already there) none does. */
  commit(extras: readonly ExtraWrite[]) {
    for (const extra of extras) {
      const put = extra.item.Put;
      if (!put) throw new Error('only Puts are expected');
      const item = put.Item as Item;
      if (put.ConditionExpression === 'attribute_not_exists(PK)' && this.items.has(MemoryTable.id(item))) {
        throw extra.onConditionFailed();
      }
    }
    for (const extra of extras) this.put(extra.item.Put?.Item as Item);
  }

  partition(pk: string, prefix = ''): Item[] {
    return [...this.items.values()]
      .filter((i) => i.PK === pk && i.SK.startsWith(prefix))
      .sort((a, b) => a.SK.localeCompare(b.SK));
  }

  deps(): Deps {
    const stored = <T>(item: Item): Stored<T> => ({
      value: stripKeys<T>(item),
      head: { auditSeq: 1, auditHash: 'x' } as unknown as Stored<T>['head'],
    });
    const store = {
      get: async <T>(key: ItemKey) => {
        const item = this.items.get(MemoryTable.id(key));
        return item ? stored<T>(item) : undefined;
      },
      queryAll: async <T>(pk: string, options?: { sortKeyPrefix?: string }) =>
        this.partition(pk, options?.sortKeyPrefix).map((i) => stored<T>(i)),
      queryPartition: () => Promise.reject(new Error('not used')),
      queryIndex: () => Promise.reject(new Error('not used')),
      auditTrail: () => Promise.reject(new Error('not used')),
      commit: () => Promise.reject(new Error('not used')),
    };
    return { store, clock: { now: () => new Date(MID_DECIDED) } } as unknown as Deps;
  }

  releases(): Release[] {
    return this.partition('PUBLIC#RELEASES').map((i) => i.release as Release);
  }

  announcements(): Announcement[] {
    return this.partition('PUBLIC#ANNOUNCEMENTS')
      .map((i) => stripKeys<Announcement & { recordType?: string }>(i))
      .map(({ recordType: _r, ...a }) => a as Announcement);
  }

  record(ocid: string): OcdsRecord {
    return compileRecord(this.partition(keys.ocidPartition(ocid)).map((i) => i.release as Release));
  }
}

/** The table of a contracted project: its records, its contract release already published (as signing did). */
function tableOf(s: ReturnType<typeof setting>): MemoryTable {
  const table = new MemoryTable();
  table.put({ ...keys.project(s.project.id), ...s.project });
  table.put({ ...keys.purchaser(TOWN.id), ...TOWN });
  table.put({ ...keys.budgetLine(s.project.budgetLineId), ...budgetLine() });
  table.put({ ...keys.catalogItem(caregiving.code), ...caregiving });
  for (const m of s.milestones) table.put({ ...keys.milestone(m.contractId, m.seq), ...m });
  const r = s.signedRelease;
  const at = new Date(r.date).toISOString();
  table.put({ ...keys.publicRelease(at, r.id), recordType: 'ocds-release', release: r });
  table.put({ ...keys.ocidRelease(r.ocid, at, r.id), recordType: 'ocds-release', release: r });
  return table;
}

// ---- decisions ----

function outcome(
  contract: Contract,
  overrides: Partial<AcceptanceOutcome> = {},
  measuredBelow = false,
): AcceptanceOutcome {
  return {
    acceptanceId: 'acc_01jmidterm00000000001',
    milestoneSeq: 2,
    round: 1,
    outcome: 'passed',
    decidedAt: MID_DECIDED,
    indicators: contract.acceptancePlan.indicators.map((i) => ({
      code: i.code,
      description: i.description,
      unit: i.unit,
      target: i.target,
      comparison: i.comparison,
      measured: measuredBelow && i.comparison === '>=' ? i.target - 1 : i.target,
      met: !(measuredBelow && i.comparison === '>='),
    })),
    opinions: { received: 6, minimum: 5, satisfiedShareBp: 8_333, thresholdBp: 8_000 },
    report: {
      id: 'acc_01jmidterm00000000001-r1-report',
      title: '第 2 期履约验收报告',
      sha256: 'a'.repeat(64),
    },
    ...overrides,
  };
}

const pkg = (releases: Release[]) => {
  const base = releasePackage(
    { releases },
    { base: 'https://example.test', path: '/v1/public/ocds/releases', limit: 50, now: new Date(SIGNED_AT) },
  );
  const extensions = extensionsFor(releases);
  return { ...base, ...(extensions.length > 0 ? { extensions } : {}) };
};
const recordPkg = (record: OcdsRecord) => {
  const extensions = extensionsFor(record.releases);
  return {
    ...recordPackage(record, {
      base: 'https://example.test',
      path: `/v1/public/ocds/records/${record.ocid}`,
      now: new Date(SIGNED_AT),
    }),
    ...(extensions.length > 0 ? { extensions } : {}),
  };
};

const implementationOf = (r: Pick<Release, 'contracts'>): Implementation => {
  const impl = r.contracts?.[0]?.implementation;
  if (!impl) throw new Error('no implementation');
  return impl;
};

const paid = (
  m: ContractMilestone,
  payment: ContractMilestone['payment'],
  acceptance?: ContractMilestone['acceptance'],
): ContractMilestone => ({
  ...m,
  status: 'paid',
  ...(acceptance ? { acceptance } : {}),
  ...(payment ? { payment } : {}),
});

// ---- tests ----

describe('an acceptance decision (R-ACC-4)', () => {
  it('passed: the first implementation release holds the met assessment milestone, its certificate and the measured metrics against the agreed ones', async () => {
    const s = setting();
    const table = tableOf(s);
    const a = outcome(s.contract);
    table.commit(
      await acceptanceDisclosure(table.deps(), { contract: s.contract, acceptance: a, at: MID_DECIDED }),
    );
    const [, release] = table.releases();
    if (!release) throw new Error('nothing published');
    expect(release.id).toBe(`${CONTRACT_ID}-acceptance-${a.acceptanceId}-r1`);
    expect(release.ocid).toBe(s.signedRelease.ocid);
    expect(release.date).toBe(MID_DECIDED);
    expect(release.tag).toStrictEqual(['implementation']);
    const contract = release.contracts?.[0];
    expect(contract?.id).toBe(CONTRACT_ID);
    expect(contract?.status).toBe('active');
    const impl = implementationOf(release);
    expect(impl.milestones).toStrictEqual([
      {
        id: 'acceptance-2',
        title: '第 2 期付款节点履约验收（中期评估）',
        type: 'assessment',
        code: 'acceptance',
        status: 'met',
        description: `第 1 轮验收：验收合格。服务标准指标 ${a.indicators.length}/${a.indicators.length} 项达标；服务对象意见 6 份（至少 5 份），满意率 83.33 %（不低于 80 %）。`,
        dateMet: MID_DECIDED,
        dateModified: MID_DECIDED,
      },
    ]);
    expect(impl.documents).toStrictEqual([
      {
        id: a.report.id,
        documentType: 'completionCertificate',
        title: a.report.title,
        description: `验收报告（第 1 轮，验收合格），对应实施里程碑 acceptance-2；报告规范化 JSON 的 SHA-256：${'a'.repeat(64)}`,
        datePublished: MID_DECIDED,
        language: 'zh',
      },
    ]);
    // Each indicator of the plan is agreed with its target, and observed once per round against the milestone.
    const plan = s.contract.acceptancePlan;
    expect(plan.indicators.length).toBeGreaterThan(0);
    expect(contract?.agreedMetrics?.map((m) => m.id)).toStrictEqual([
      ...plan.indicators.map((i) => i.code),
      'recipient-satisfied-share',
      'recipient-opinions',
    ]);
    const first = plan.indicators[0];
    if (!first) throw new Error('no indicator');
    expect(contract?.agreedMetrics?.[0]).toStrictEqual({
      id: first.code,
      title: first.description,
      description: `必达指标：${{ '>=': '不低于', '<=': '不高于', '=': '等于' }[first.comparison]} ${first.target} ${first.unit}`,
      observations: [
        {
          id: `${first.code}-target`,
          measure: first.target,
          unit: { name: first.unit },
          dimensions: { comparison: first.comparison, mandatory: 'true' },
        },
      ],
    });
    expect(contract?.agreedMetrics?.at(-2)?.observations).toStrictEqual([
      {
        id: 'recipient-satisfied-share-target',
        measure: 80,
        unit: { name: '%' },
        dimensions: { comparison: '>=' },
      },
    ]);
    const ref = { id: 'acceptance-2', title: '第 2 期付款节点履约验收（中期评估）' };
    expect(impl.metrics?.[0]).toStrictEqual({
      id: first.code,
      title: first.description,
      observations: [
        {
          id: `${a.acceptanceId}-r1`,
          measure: first.target,
          unit: { name: first.unit },
          dimensions: { round: '1', result: 'met' },
          relatedImplementationMilestone: ref,
        },
      ],
    });
    expect(impl.metrics?.at(-2)?.observations).toStrictEqual([
      {
        id: `${a.acceptanceId}-r1`,
        measure: 83.33,
        unit: { name: '%' },
        dimensions: { round: '1', result: 'met' },
        relatedImplementationMilestone: ref,
      },
    ]);
    expect(impl.metrics?.at(-1)?.observations[0]).toMatchObject({
      measure: 6,
      dimensions: { result: 'met' },
    });
    expect(impl).not.toHaveProperty('transactions');

    const [announcement] = table.announcements();
    expect(announcement).toMatchObject({
      id: release.id,
      kind: 'acceptance_result',
      projectId: s.project.id,
      ocid: release.ocid,
      releaseId: release.id,
      purchaser: { id: TOWN.id, nameZh: TOWN.nameZh, nameEn: TOWN.nameEn },
      publishedAt: MID_DECIDED,
    });
    expect(announcement?.title.zh).toBe(`${s.contract.title} 验收结果公告（第 2 期）`);
    expect(announcement?.summary.zh).toContain('示范社会工作服务中心');
    expect(announcement?.summary.zh).toContain('结论：验收合格');
    expect(announcement?.statements).toHaveLength(plan.indicators.length);
    expectValidReleasePackage(pkg(table.releases()));
    expect(pkg(table.releases()).extensions).toStrictEqual([
      OCDS_EXTENSIONS.metrics,
      OCDS_EXTENSIONS.transactionMilestones,
    ]);
  });

  it('rectification then passed: partiallyMet with its due date, then implementationUpdate met; the record keeps both rounds', async () => {
    const s = setting();
    const table = tableOf(s);
    const first = outcome(s.contract, { outcome: 'rectification', rectificationDueBy: '2025-09-19' }, true);
    table.commit(
      await acceptanceDisclosure(table.deps(), { contract: s.contract, acceptance: first, at: MID_DECIDED }),
    );
    const second = outcome(s.contract, {
      round: 2,
      decidedAt: MID_REDECIDED,
      report: {
        id: 'acc_01jmidterm00000000001-r2-report',
        title: '第 2 期履约验收报告（复验）',
        sha256: 'b'.repeat(64),
      },
    });
    table.commit(
      await acceptanceDisclosure(table.deps(), {
        contract: s.contract,
        acceptance: second,
        at: MID_REDECIDED,
      }),
    );

    const [, r1, r2] = table.releases();
    if (!r1 || !r2) throw new Error('not published');
    expect(r1.tag).toStrictEqual(['implementation']);
    expect(r2.tag).toStrictEqual(['implementationUpdate']);
    expect(r2.id).toBe(`${CONTRACT_ID}-acceptance-${first.acceptanceId}-r2`);
    const m1 = implementationOf(r1).milestones?.[0];
    expect(m1).toMatchObject({
      status: 'partiallyMet',
      dueDate: '2025-09-19T23:59:59+08:00',
      dateModified: MID_DECIDED,
    });
    expect(m1).not.toHaveProperty('dateMet');
    expect(implementationOf(r1).documents?.[0]?.documentType).toBe('physicalProgressReport');
    expect(implementationOf(r1).metrics?.[0]?.observations[0]?.dimensions?.result).toBe('notMet');
    expect(table.announcements()[0]?.summary.zh).toContain(
      '供应商须于 2025-09-19 前完成整改后再次验收，并再次征询服务对象意见',
    );

    const record = table.record(s.signedRelease.ocid);
    expectValidRecordPackage(recordPkg(record));
    const impl = implementationOf(record.compiledRelease);
    expect(impl.milestones).toHaveLength(1);
    expect(impl.milestones?.[0]).toMatchObject({ id: 'acceptance-2', status: 'met', dateMet: MID_REDECIDED });
    expect(impl.documents?.map((d) => [d.id, d.documentType])).toStrictEqual([
      [first.report.id, 'physicalProgressReport'],
      [second.report.id, 'completionCertificate'],
    ]);
    expect(impl.metrics?.[0]?.observations.map((o) => o.id)).toStrictEqual([
      `${first.acceptanceId}-r1`,
      `${first.acceptanceId}-r2`,
    ]);
    expectValidReleasePackage(pkg(table.releases()));
  });

  it('failed for good: notMet; with no opinion at all the satisfied share has no measure', async () => {
    const s = setting();
    const table = tableOf(s);
    const a = outcome(s.contract, {
      outcome: 'failed',
      opinions: { received: 0, minimum: 5, satisfiedShareBp: null, thresholdBp: 8_000 },
    });
    table.commit(
      await acceptanceDisclosure(table.deps(), { contract: s.contract, acceptance: a, at: MID_DECIDED }),
    );
    const impl = implementationOf(table.releases()[1] as Release);
    expect(impl.milestones?.[0]?.status).toBe('notMet');
    expect(impl.metrics?.at(-2)?.observations).toStrictEqual([
      {
        id: `${a.acceptanceId}-r1`,
        notes: '未收到服务对象意见',
        dimensions: { round: '1', result: 'notMet' },
        relatedImplementationMilestone: { id: 'acceptance-2', title: '第 2 期付款节点履约验收（中期评估）' },
      },
    ]);
    expect(table.announcements()[0]?.summary.zh).toContain('满意率 无（未收到意见）');
    expectValidReleasePackage(pkg(table.releases()));
  });

  it('a task that runs twice publishes once: the second run builds the same keys and is refused', async () => {
    const s = setting();
    const table = tableOf(s);
    const input = { contract: s.contract, acceptance: outcome(s.contract), at: MID_DECIDED };
    table.commit(await acceptanceDisclosure(table.deps(), input));
    const again = await acceptanceDisclosure(table.deps(), input);
    expect(() => table.commit(again)).toThrow(DomainError);
    expect(table.releases()).toHaveLength(2);
    expect(table.announcements()).toHaveLength(1);
  });

  it('an acceptance for a milestone the contract does not have is a broken invariant', async () => {
    const s = setting();
    const table = tableOf(s);
    await expect(
      acceptanceDisclosure(table.deps(), {
        contract: s.contract,
        acceptance: outcome(s.contract, { milestoneSeq: 9 }),
        at: MID_DECIDED,
      }),
    ).rejects.toThrow('has no payment milestone 9');
  });
});

describe('payments (R-ACC-3): a payment milestone met only with its transaction', () => {
  const ADVANCE_PAID = '2025-05-10T09:00:00.000+08:00';
  const MID_PAID = '2025-09-01T09:00:00.000+08:00';
  const FINAL_DECIDED = '2025-12-20T10:00:00.000+08:00';
  const FINAL_PAID = '2026-01-05T09:00:00.000+08:00';

  it('the signing advance: met with its transaction, no acceptance needed', async () => {
    const s = setting();
    const table = tableOf(s);
    const advance = s.milestones[0] as ContractMilestone;
    const payment = { id: 'pay_01jadvance0000000001', amount: advance.payable, paidAt: ADVANCE_PAID };
    table.commit(
      await paymentDisclosure(table.deps(), {
        contract: s.contract,
        milestone: advance,
        payment,
        at: ADVANCE_PAID,
      }),
    );
    const [, release] = table.releases();
    if (!release) throw new Error('not published');
    expect(release.id).toBe(`${CONTRACT_ID}-payment-1`);
    expect(release.tag).toStrictEqual(['implementation']);
    const ref = { id: 'payment-1', title: '第 1 期付款（合同签订）' };
    expect(implementationOf(release)).toStrictEqual({
      milestones: [
        {
          ...ref,
          type: 'payment',
          code: 'payment-1',
          status: 'met',
          description: '合同约定 84000.00 元，实付 84000.00 元',
          dateMet: ADVANCE_PAID,
          dateModified: ADVANCE_PAID,
        },
      ],
      transactions: [
        {
          id: payment.id,
          date: ADVANCE_PAID,
          value: { amount: 84_000, currency: 'CNY' },
          payer: { id: TOWN.id, name: TOWN.nameZh },
          payee: { id: s.award.contractorId, name: s.award.contractorName },
          relatedImplementationMilestone: ref,
        },
      ],
    });
    // A payment is no decision: it has no announcement.
    expect(table.announcements()).toStrictEqual([]);
    expectValidReleasePackage(pkg(table.releases()));
  });

  it('a milestone paid on an acceptance that never passed is refused (R-ACC-3), and nothing is written', async () => {
    const s = setting();
    const table = tableOf(s);
    const mid = s.milestones[1] as ContractMilestone;
    const payment = { id: 'pay_01jmid00000000000001', amount: mid.payable, paidAt: MID_PAID };
    const refused = paymentDisclosure(table.deps(), {
      contract: s.contract,
      milestone: mid,
      payment,
      at: MID_PAID,
    });
    await expect(refused).rejects.toThrow(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'conflict', details: { rule: 'R-ACC-3' } });
    expect(table.releases()).toHaveLength(1);
  });

  it('the whole contract: acceptance, payments, completion; the record shows met milestones and linked transactions and validates', async () => {
    const s = setting();
    const table = tableOf(s);
    const deps = table.deps();
    const [advance, mid, final] = s.milestones as [ContractMilestone, ContractMilestone, ContractMilestone];
    const advancePayment = { id: 'pay_01jadvance0000000001', amount: advance.payable, paidAt: ADVANCE_PAID };
    table.commit(
      await paymentDisclosure(deps, {
        contract: s.contract,
        milestone: advance,
        payment: advancePayment,
        at: ADVANCE_PAID,
      }),
    );
    table.put({ ...keys.milestone(CONTRACT_ID, 1), ...paid(advance, advancePayment) });

    const midAcceptance = outcome(s.contract);
    table.commit(
      await acceptanceDisclosure(deps, { contract: s.contract, acceptance: midAcceptance, at: MID_DECIDED }),
    );
    // Announced a few seconds after the decision: the milestone's passedAt is the announcement's instant.
    const midPassed = {
      id: midAcceptance.acceptanceId,
      passedAt: '2025-08-20T10:00:04.000+08:00',
      rectificationRounds: 0,
    };
    const midPayment = { id: 'pay_01jmid00000000000001', amount: mid.payable, paidAt: MID_PAID };
    table.commit(
      await paymentDisclosure(deps, {
        contract: s.contract,
        milestone: { ...mid, status: 'payable', acceptance: midPassed },
        payment: midPayment,
        at: MID_PAID,
      }),
    );
    table.put({ ...keys.milestone(CONTRACT_ID, 2), ...paid(mid, midPayment, midPassed) });

    // The final acceptance after one rectification round: 5 % deducted (the plan's liability clause).
    const finalAcceptance = outcome(s.contract, {
      acceptanceId: 'acc_01jfinal000000000001',
      milestoneSeq: 3,
      decidedAt: FINAL_DECIDED,
      report: { id: 'acc_01jfinal000000000001-r1-report', title: '终期履约验收报告', sha256: 'c'.repeat(64) },
    });
    table.commit(
      await acceptanceDisclosure(deps, {
        contract: s.contract,
        acceptance: finalAcceptance,
        at: FINAL_DECIDED,
      }),
    );
    const deduction = 420_000;
    const finalPassed = { id: finalAcceptance.acceptanceId, passedAt: FINAL_DECIDED, rectificationRounds: 1 };
    const finalPayment = {
      id: 'pay_01jfinal000000000001',
      amount: final.amount - deduction,
      paidAt: FINAL_PAID,
    };
    const completed: Contract = { ...s.contract, status: 'completed', completedAt: FINAL_PAID };
    table.commit(
      await paymentDisclosure(deps, {
        contract: completed,
        milestone: {
          ...final,
          status: 'payable',
          deduction,
          payable: final.amount - deduction,
          acceptance: finalPassed,
        },
        payment: finalPayment,
        at: FINAL_PAID,
      }),
    );

    const last = table.releases().at(-1) as Release;
    expect(last.tag).toStrictEqual(['implementationUpdate', 'contractTermination']);
    expect(last.contracts?.[0]?.status).toBe('terminated');
    const lastImpl = implementationOf(last);
    const paidFen = advancePayment.amount + midPayment.amount + finalPayment.amount;
    expect(paidFen).toBe(28_000_000 - deduction);
    expect(lastImpl.finalValue).toStrictEqual({ amount: paidFen / 100, currency: 'CNY' });
    expect(lastImpl.endDate).toBe(FINAL_PAID);
    expect(lastImpl.finalValueDetails).toBe(
      '合同金额 280000.00 元，实付 275800.00 元，未付 4200.00 元（验收整改扣减或合同解除后不再支付）',
    );
    expect(lastImpl.milestones?.find((m) => m.id === 'payment-3')?.description).toBe(
      '合同约定 84000.00 元，扣减 4200.00 元（整改违约责任），实付 79800.00 元',
    );
    expect(pkg(table.releases()).extensions).toStrictEqual(Object.values(OCDS_EXTENSIONS));
    expectValidReleasePackage(pkg(table.releases()));

    const record = table.record(s.signedRelease.ocid);
    expectValidRecordPackage(recordPkg(record));
    expect(record.releases.map((r) => r.tag)).toStrictEqual([
      ['contract'],
      ['implementation'],
      ['implementationUpdate'],
      ['implementationUpdate'],
      ['implementationUpdate'],
      ['implementationUpdate', 'contractTermination'],
    ]);
    const impl = implementationOf(record.compiledRelease);
    // The acceptance's own release dates it; the payments restating it beside them leave that date as it was.
    expect(impl.milestones?.find((m) => m.id === 'acceptance-2')).toMatchObject({
      dateMet: MID_DECIDED,
      description: expect.stringContaining('验收合格') as unknown,
    });
    expect(impl.milestones?.map((m) => [m.id, m.type, m.status])).toStrictEqual([
      ['payment-1', 'payment', 'met'],
      ['acceptance-2', 'assessment', 'met'],
      ['payment-2', 'payment', 'met'],
      ['acceptance-3', 'assessment', 'met'],
      ['payment-3', 'payment', 'met'],
    ]);
    expect(
      impl.transactions?.map((t) => [t.id, t.relatedImplementationMilestone.id, t.value.amount]),
    ).toStrictEqual([
      [advancePayment.id, 'payment-1', 84_000],
      [midPayment.id, 'payment-2', 112_000],
      [finalPayment.id, 'payment-3', 79_800],
    ]);
    // The merged record holds to the rule too, and its finalValue is the sum of its transactions.
    expect(() => checkPaymentDisclosure(impl, s.contract.paymentMilestones)).not.toThrow();
    const sum = impl.transactions?.reduce((total, t) => total + Math.round(t.value.amount * 100), 0);
    expect(Math.round((impl.finalValue?.amount ?? 0) * 100)).toBe(sum);
    expect(record.compiledRelease.contracts?.[0]?.status).toBe('terminated');
  });

  it('a natural-person supplier is paid as "自然人供应商" under its bid id, never its name or contractor id (R-SUP-3)', async () => {
    const s = setting('person');
    const table = tableOf(s);
    const advance = s.milestones[0] as ContractMilestone;
    const payment = { id: 'pay_01jadvance0000000001', amount: advance.payable, paidAt: ADVANCE_PAID };
    table.commit(
      await paymentDisclosure(table.deps(), {
        contract: s.contract,
        milestone: advance,
        payment,
        at: ADVANCE_PAID,
      }),
    );
    table.commit(
      await acceptanceDisclosure(table.deps(), {
        contract: s.contract,
        acceptance: outcome(s.contract),
        at: MID_DECIDED,
      }),
    );
    const transaction = implementationOf(table.releases()[1] as Release).transactions?.[0];
    expect(transaction?.payee).toStrictEqual({ id: 'natural-person-bid_person', name: '自然人供应商' });
    const published = JSON.stringify([table.releases(), table.announcements()]);
    expect(published).not.toContain(PERSON_NAME);
    expect(published).not.toContain(PERSON_CONTRACTOR);
    expect(table.announcements()[0]?.summary.en).toContain('a natural-person supplier');
  });
});

describe('termination for breach', () => {
  it('contractTermination: the contract terminated, paid milestones met with their transactions, the rest notMet, finalValue = Σ paid, and the 合同终止公告', async () => {
    const s = setting();
    const table = tableOf(s);
    const TERMINATED_AT = '2025-07-15T11:00:00.000+08:00';
    const [advance, mid, final] = s.milestones as [ContractMilestone, ContractMilestone, ContractMilestone];
    const advancePayment = {
      id: 'pay_01jadvance0000000001',
      amount: advance.payable,
      paidAt: '2025-05-10T09:00:00.000+08:00',
    };
    const milestones: ContractMilestone[] = [
      paid(advance, advancePayment),
      { ...mid, status: 'cancelled' },
      { ...final, status: 'cancelled' },
    ];
    const contract: Contract = {
      ...s.contract,
      status: 'terminated',
      termination: {
        reason: '将服务转交他人提供，服务对象赵六投诉',
        liability: '按合同第八条承担违约责任',
        by: { sub: 'u-chief', role: 'bureau' },
        at: TERMINATED_AT,
        released: mid.amount + final.amount,
      },
    };
    table.commit(await terminationDisclosure(table.deps(), { contract, milestones, at: TERMINATED_AT }));
    const release = table.releases().at(-1) as Release;
    expect(release.id).toBe(`${CONTRACT_ID}-termination`);
    expect(release.tag).toStrictEqual(['contractTermination']);
    expect(release.contracts?.[0]?.status).toBe('terminated');
    const impl = implementationOf(release);
    expect(impl.milestones?.map((m) => [m.id, m.status])).toStrictEqual([
      ['payment-1', 'met'],
      ['payment-2', 'notMet'],
      ['payment-3', 'notMet'],
    ]);
    expect(impl.transactions?.map((t) => t.id)).toStrictEqual([advancePayment.id]);
    expect(impl.finalValue).toStrictEqual({ amount: 84_000, currency: 'CNY' });
    expect(impl.endDate).toBe(TERMINATED_AT);
    expect(impl.endDateDetails).toBe('采购人因供应商违约解除合同');
    const [announcement] = table.announcements();
    expect(announcement).toMatchObject({
      id: release.id,
      kind: 'contract_termination',
      releaseId: release.id,
    });
    expect(announcement?.summary.zh).toBe(
      `${TOWN.nameZh}因示范社会工作服务中心违约，于 2025-07-15 解除"${s.contract.title}"服务合同。合同金额 280000.00 元，已支付 84000.00 元，其余 196000.00 元不再支付。`,
    );
    // The reason and liability are free text (they may name a person): kept in the contract, not published.
    const published = JSON.stringify([table.releases(), table.announcements()]);
    expect(published).not.toContain('赵六');
    expect(published).not.toContain('第八条');
    expectValidReleasePackage(pkg(table.releases()));
    const record = table.record(s.signedRelease.ocid);
    expectValidRecordPackage(recordPkg(record));
    expect(pkg(table.releases()).extensions).toContain(OCDS_EXTENSIONS.contractCompletion);
  });

  it('a contract that is not terminated is not published as one', async () => {
    const s = setting();
    const table = tableOf(s);
    await expect(
      terminationDisclosure(table.deps(), { contract: s.contract, milestones: s.milestones, at: SIGNED_AT }),
    ).rejects.toThrow('not terminated');
  });
});

describe('checkPaymentDisclosure: the codelist note made a rule (R-ACC-3)', () => {
  const schedule = [
    { seq: 1, event: 'signing' as const },
    { seq: 2, event: 'mid_term_review' as const },
  ];
  const payment = (seq: number, status: 'met' | 'scheduled' = 'met') => ({
    id: `payment-${seq}`,
    title: `p${seq}`,
    type: 'payment' as const,
    code: `payment-${seq}`,
    status,
  });
  const acceptance = (seq: number, status: 'met' | 'partiallyMet') => ({
    id: `acceptance-${seq}`,
    title: `a${seq}`,
    type: 'assessment' as const,
    code: 'acceptance',
    status,
  });
  const transaction = (seq: number) => ({
    id: `t${seq}`,
    date: SIGNED_AT,
    value: { amount: 1, currency: 'CNY' as const },
    payer: { id: 'b', name: 'b' },
    payee: { id: 's', name: 's' },
    relatedImplementationMilestone: { id: `payment-${seq}`, title: `p${seq}` },
  });
  const check = (impl: Implementation) => () => checkPaymentDisclosure(impl, schedule);

  it('a met payment milestone without its transaction is refused', () => {
    expect(check({ milestones: [payment(1)] })).toThrow(
      'payment milestone payment-1 is met without its transaction',
    );
    expect(check({ milestones: [payment(1)], transactions: [transaction(1)] })).not.toThrow();
  });

  it('a transaction needs a met payment milestone', () => {
    expect(check({ transactions: [transaction(1)] })).toThrow(
      'transaction t1 is not linked to a met payment milestone',
    );
    expect(check({ milestones: [payment(1, 'scheduled')], transactions: [transaction(1)] })).toThrow(
      'not linked to a met payment milestone',
    );
  });

  it('a milestone paid on an acceptance needs its acceptance met; the signing advance none', () => {
    const paidMid = { milestones: [payment(2)], transactions: [transaction(2)] };
    expect(check(paidMid)).toThrow('transaction t2 pays payment-2 without a met acceptance milestone');
    expect(check({ ...paidMid, milestones: [acceptance(2, 'partiallyMet'), payment(2)] })).toThrow(
      'without a met acceptance milestone',
    );
    expect(check({ ...paidMid, milestones: [acceptance(2, 'met'), payment(2)] })).not.toThrow();
  });

  it('a transaction for a milestone outside the schedule is refused', () => {
    expect(check({ milestones: [payment(7)], transactions: [transaction(7)] })).toThrow(
      'not in the schedule',
    );
  });

  it('the refusal is a 409 naming the rule', () => {
    try {
      check({ milestones: [payment(1)] })();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'conflict', details: { rule: 'R-ACC-3' } });
    }
  });
});

describe('extensionsFor: declared only where used', () => {
  it('a procurement-only package declares none', () => {
    expect(extensionsFor([setting().signedRelease])).toStrictEqual([]);
  });
});
