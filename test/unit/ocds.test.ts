import { describe, expect, it } from 'vitest';
import { MAX_FEN } from '#shared/domain/budget';
import { DEMO_DISTRICT } from '#shared/domain/district-seed';
import type { DisclosureContext, Release } from '#shared/domain/ocds';
import {
  CANCELLATION_REASON_LABEL,
  OCDS_METHOD,
  compileRecord,
  disclosureFor,
  fenToYuan,
  ocidFor,
  planningRelease,
  tenderRelease,
} from '#shared/domain/ocds';
import type { ProcurementMethod } from '#shared/domain/procurement-rules';
import { METHOD_NAME_ZH, PROCUREMENT_METHODS } from '#shared/domain/procurement-rules';
import type { Project, ProjectStatus } from '#shared/domain/project';
import { PROJECT_STATUSES, approveProject, cancelProject } from '#shared/domain/project';
import { budgetLine, caregiving, project } from '../handlers/procurement-fixtures';
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

  it('R-PROC-2: a single-source release carries its public rationale; a tender release its period when known', () => {
    const rationale =
      '该项目为原有服务的延续，只能从原供应商处采购，以保证服务对象照护的连续性与一致性。'.repeat(2);
    const single = approved({ procurementMethod: 'single_source', singleSourceRationale: rationale });
    expect(planningRelease(single, CTX).tender.procurementMethodRationale).toBe(rationale);
    const period = { startDate: '2025-03-20T09:00:00+08:00', endDate: '2025-04-10T09:00:00+08:00' };
    const tender = tenderRelease(approved(), { ...CTX, tenderPeriod: period });
    expect(tender.tender).toMatchObject({ status: 'active', tenderPeriod: period });
    expect(tender.tag).toEqual(['tender']);
    expectValidReleasePackage(envelope([planningRelease(single, CTX), tender]));
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
