import { describe, expect, it } from 'vitest';
import { commit, openBudgetLine } from '#shared/domain/budget';
import { NEGATIVE_LIST, POLICY_CATALOG } from '#shared/domain/catalog-seed';
import { defaultRules } from '#shared/domain/procurement-rules';
import type {
  Invitee,
  Project,
  ProjectAction,
  ProjectContext,
  ProjectInput,
  ProjectStatus,
} from '#shared/domain/project';
import {
  MAX_TIMELINE_ENTRIES,
  PROJECT_STATUSES,
  TRANSITIONS,
  approveProject,
  cancelProject,
  checkCriteria,
  draftProject,
  editProject,
  nextStatus,
  submitProject,
} from '#shared/domain/project';

const NOW = '2025-03-10T10:00:00.000+08:00';
const LATER = '2025-03-11T10:00:00.000+08:00';
const CLERK = { sub: 'u-clerk', role: 'town' };
const CHIEF = { sub: 'u-chief', role: 'bureau' };

const line = openBudgetLine(
  { purchaserId: 'pur-town-1', fiscalYear: 2025, source: 'special_funds', amount: 50_000_000 },
  { id: 'bl_1', actor: CLERK, now: NOW },
);

const context = (change: Partial<ProjectContext> = {}): ProjectContext => ({
  purchaserId: 'pur-town-1',
  catalog: { items: POLICY_CATALOG, negativeList: NEGATIVE_LIST },
  budgetLine: line,
  rules: defaultRules('pur-town-1'),
  ...change,
});

const input = (change: Partial<ProjectInput> = {}): ProjectInput => ({
  title: '东山镇特困人员照料护理服务',
  catalogCode: 'C-CAREGIVING',
  budgetLineId: 'bl_1',
  estimatedAmount: 30_000_000,
  quantity: { value: 1200, unit: '小时' },
  term: { start: '2025-05-01', end: '2025-12-31' },
  procurementMethod: 'competitive_consultation',
  evaluationCriteria: {
    quality: [
      { code: 'service_plan', description: '服务方案', weight: 50 },
      { code: 'team', description: '团队与资质', weight: 25 },
    ],
    priceWeight: 25,
  },
  ...change,
});

const draft = (change: Partial<ProjectInput> = {}, ctx = context()) =>
  draftProject(input(change), { ...ctx, id: 'prj_1', actor: CLERK, now: NOW });

const eligible = (
  id: string,
  kind: 'social_organization' | 'natural_person' = 'social_organization',
): Invitee => ({
  id,
  contractor: { id, kind },
  eligible: true,
});

const submit = (project: Project, invitees: Invitee[] = [], ctx = context()) =>
  submitProject(project, { ...ctx, invitees, actor: CLERK, now: LATER });

const failure = (field: string, rule?: string) =>
  expect.objectContaining({ details: expect.objectContaining({ field, ...(rule ? { rule } : {}) }) });

describe('project life cycle (R-PROC-1)', () => {
  const legal: [ProjectStatus, ProjectAction, ProjectStatus][] = [
    ['draft', 'submit', 'submitted'],
    ['submitted', 'approve', 'approved'],
    ['approved', 'publish', 'published'],
    ['published', 'close_bidding', 'bidding_closed'],
    ['bidding_closed', 'evaluate', 'evaluated'],
    ['evaluated', 'award', 'awarded'],
    ['awarded', 'contract', 'contracted'],
    ['awarded', 'rescore', 'bidding_closed'],
    ['published', 'declare_unsuccessful', 'unsuccessful'],
    ['bidding_closed', 'declare_unsuccessful', 'unsuccessful'],
    ['evaluated', 'declare_unsuccessful', 'unsuccessful'],
    ...(
      ['draft', 'submitted', 'approved', 'published', 'bidding_closed', 'evaluated', 'awarded'] as const
    ).map((s): [ProjectStatus, ProjectAction, ProjectStatus] => [s, 'cancel', 'cancelled']),
  ];

  it.each(legal)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('refuses every other move with 409, and nothing leaves contracted, unsuccessful or cancelled', () => {
    const actions = Object.keys(TRANSITIONS) as ProjectAction[];
    let refused = 0;
    for (const status of PROJECT_STATUSES) {
      for (const action of actions) {
        if (legal.some(([f, a]) => f === status && a === action)) continue;
        expect(() => nextStatus(status, action), `${status} ${action}`).toThrow(
          expect.objectContaining({ code: 'conflict', details: { rule: 'R-PROC-1' } }),
        );
        refused++;
      }
    }
    expect(refused).toBe(PROJECT_STATUSES.length * actions.length - legal.length);
    for (const terminal of ['contracted', 'unsuccessful', 'cancelled'] as const) {
      expect(actions.filter((a) => TRANSITIONS[a].from.includes(terminal))).toEqual([]);
    }
  });
});

describe('drafting a project (R-PROC-2..4, R-CAT-3, R-CAT-4, R-FUND-2)', () => {
  it('takes the catalog standard by default and starts a timeline in draft', () => {
    const project = draft();
    expect(project).toMatchObject({
      id: 'prj_1',
      purchaserId: 'pur-town-1',
      fiscalYear: 2025,
      status: 'draft',
      currency: 'CNY',
      serviceStandardRefined: false,
      invitedContractorIds: [],
      allowNaturalPersons: false,
      version: 1,
      timeline: [{ at: NOW, status: 'draft', event: 'created', by: CLERK }],
    });
    const caregiving = POLICY_CATALOG.find((i) => i.code === 'C-CAREGIVING');
    expect(project.serviceStandard).toEqual(caregiving?.standard);
  });

  it('R-CAT-4: accepts a refined standard that keeps the catalog indicators and adds one', () => {
    const caregiving = POLICY_CATALOG.find((i) => i.code === 'C-CAREGIVING')!;
    const refined = {
      summary: '每周上门两次',
      indicators: [
        ...caregiving.standard.indicators.map((i) => ({ ...i, target: i.target })),
        {
          code: 'visits_per_week',
          description: '每周上门次数',
          unit: '次',
          target: 2,
          comparison: '>=' as const,
        },
      ],
    };
    expect(draft({ serviceStandard: refined })).toMatchObject({
      serviceStandard: refined,
      serviceStandardRefined: true,
    });
  });

  it('R-CAT-4: refuses a refinement that drops a catalog indicator, or repeats one', () => {
    const one = {
      code: 'satisfaction_pct',
      description: 'x',
      unit: '%',
      target: 90,
      comparison: '>=' as const,
    };
    expect(() => draft({ serviceStandard: { summary: 's', indicators: [one] } })).toThrow(
      failure('serviceStandard.indicators', 'R-CAT-4'),
    );
    const caregiving = POLICY_CATALOG.find((i) => i.code === 'C-CAREGIVING')!;
    const twice = [...caregiving.standard.indicators, one];
    expect(() => draft({ serviceStandard: { summary: 's', indicators: twice } })).toThrow(/appears twice/);
  });

  it('R-CAT-3: refuses a negative-list code with the reason', () => {
    expect(() => draft({ catalogCode: 'NEG-FUND-DISBURSEMENT' })).toThrow(
      expect.objectContaining({
        code: 'refused',
        message: expect.stringContaining('never through a contractor'),
        details: { field: 'catalogCode', rule: 'R-CAT-3' },
      }),
    );
  });

  it('R-CAT-3: refuses a title that falls on the negative list', () => {
    expect(() => draft({ title: '2025年临时救助金发放服务' })).toThrow(
      expect.objectContaining({ code: 'refused', details: { field: 'title', rule: 'R-CAT-3' } }),
    );
  });

  it('R-CAT-3: refuses a refined standard whose summary falls on the negative list', () => {
    const caregiving = POLICY_CATALOG.find((i) => i.code === 'C-CAREGIVING')!;
    const refined = { ...caregiving.standard, summary: '代为审核低保对象资格并发放救助金' };
    expect(() => draft({ serviceStandard: refined })).toThrow(
      expect.objectContaining({
        code: 'refused',
        details: { field: 'serviceStandard.summary', rule: 'R-CAT-3' },
      }),
    );
  });

  it('R-CAT-3: refuses a catalog item that has fallen on the negative list since it was added', () => {
    const item = { ...POLICY_CATALOG[0]!, code: 'A-OLD-ITEM', nameZh: '救助对象审核确认辅助' };
    const ctx = context({ catalog: { items: [item], negativeList: NEGATIVE_LIST } });
    expect(() => draft({ catalogCode: 'A-OLD-ITEM' }, ctx)).toThrow(failure('catalogCode', 'R-CAT-3'));
  });

  it('R-CAT-1: refuses a code that is not in the catalog', () => {
    expect(() => draft({ catalogCode: 'C-NOTHING' })).toThrow(failure('catalogCode', 'R-CAT-1'));
  });

  it('R-FUND-1: refuses a budget line of another purchaser or a missing one, alike', () => {
    const theirs = { ...line, purchaserId: 'pur-town-2' };
    expect(() => draft({}, context({ budgetLine: theirs }))).toThrow(failure('budgetLineId', 'R-FUND-1'));
    expect(() => draft({}, context({ budgetLine: undefined }))).toThrow(failure('budgetLineId', 'R-FUND-1'));
  });

  it('R-FUND-1: refuses a line of another fiscal year than the term start', () => {
    expect(() => draft({ term: { start: '2026-01-01', end: '2026-06-30' } })).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('fiscal year 2025'),
        details: expect.objectContaining({ field: 'budgetLineId' }),
      }),
    );
  });

  it('R-FUND-2: refuses an estimate above what the line still has available', () => {
    const partly = commit(line, 30_000_000);
    expect(() => draft({ estimatedAmount: 20_000_001 }, context({ budgetLine: partly }))).toThrow(
      expect.objectContaining({ code: 'refused', details: { field: 'estimatedAmount', rule: 'R-FUND-2' } }),
    );
    expect(draft({ estimatedAmount: 20_000_000 }, context({ budgetLine: partly })).estimatedAmount).toBe(
      20_000_000,
    );
  });

  it('refuses a term that ends before it starts', () => {
    expect(() => draft({ term: { start: '2025-06-01', end: '2025-05-31' } })).toThrow(failure('term.end'));
  });

  it('R-PROC-2: refuses invitees on a method other than invited tender, and a rationale outside single source', () => {
    expect(() => draft({ invitedContractorIds: ['ctr_a'] })).toThrow(
      failure('invitedContractorIds', 'R-PROC-2'),
    );
    expect(() => draft({ singleSourceRationale: '只有一家' })).toThrow(
      failure('singleSourceRationale', 'R-PROC-2'),
    );
  });

  it('refuses an invitee named twice, naming its index', () => {
    expect(() =>
      draft({ procurementMethod: 'invited_tender', invitedContractorIds: ['ctr_a', 'ctr_b', 'ctr_a'] }),
    ).toThrow(failure('invitedContractorIds.2'));
  });
});

describe('evaluation criteria (R-PROC-3: not "lowest price wins")', () => {
  const rules = defaultRules('p');
  const quality = (...weights: number[]) =>
    weights.map((weight, i) => ({ code: `q${i}`, description: `criterion ${i}`, weight }));

  it('accepts quality weights and a bounded price weight that add up to 100', () => {
    expect(() => checkCriteria({ quality: quality(40, 30), priceWeight: 30 }, rules)).not.toThrow();
    expect(() => checkCriteria({ quality: quality(90), priceWeight: 10 }, rules)).not.toThrow();
  });

  it('refuses a price weight above the cap or below the floor (422, R-PROC-3)', () => {
    expect(() => checkCriteria({ quality: quality(69), priceWeight: 31 }, rules)).toThrow(
      expect.objectContaining({
        code: 'refused',
        details: { field: 'evaluationCriteria.priceWeight', rule: 'R-PROC-3' },
      }),
    );
    expect(() => checkCriteria({ quality: quality(95), priceWeight: 5 }, rules)).toThrow(
      failure('evaluationCriteria.priceWeight', 'R-PROC-3'),
    );
  });

  it('follows a purchaser-configured cap', () => {
    const strict = { ...rules, priceWeight: { min: 10, max: 20 } };
    expect(() => checkCriteria({ quality: quality(75), priceWeight: 25 }, strict)).toThrow(
      /between 10 and 20/,
    );
    expect(() => checkCriteria({ quality: quality(90), priceWeight: 10 }, strict)).not.toThrow();
  });

  it('R-PROC-3: rules that arrive wider than the frame are held to it (a record stored before it was enforced)', () => {
    const wide = { ...rules, priceWeight: { min: 0, max: 99 } };
    expect(() => checkCriteria({ quality: quality(10), priceWeight: 90 }, wide)).toThrow(/between 10 and 30/);
    expect(() => checkCriteria({ quality: quality(100), priceWeight: 0 }, wide)).toThrow(/between 10 and 30/);
    expect(() => checkCriteria({ quality: quality(70), priceWeight: 30 }, wide)).not.toThrow();
  });

  it('refuses weights that do not add up to 100', () => {
    expect(() => checkCriteria({ quality: quality(40, 20), priceWeight: 30 }, rules)).toThrow(
      expect.objectContaining({
        code: 'invalid',
        details: { field: 'evaluationCriteria', rule: 'R-PROC-3' },
      }),
    );
  });

  it('refuses price alone, and a criterion code used twice', () => {
    expect(() =>
      checkCriteria({ quality: [], priceWeight: 30 }, { ...rules, priceWeight: { min: 0, max: 100 } }),
    ).toThrow(failure('evaluationCriteria.quality', 'R-PROC-3'));
    const twice = [
      { code: 'plan', description: 'a', weight: 35 },
      { code: 'plan', description: 'b', weight: 35 },
    ];
    expect(() => checkCriteria({ quality: twice, priceWeight: 30 }, rules)).toThrow(
      failure('evaluationCriteria.quality.1.code'),
    );
  });
});

describe('method rules at submission (R-PROC-2)', () => {
  const invited = (ids: string[], change: Partial<ProjectInput> = {}) =>
    draft({ procurementMethod: 'invited_tender', invitedContractorIds: ids, ...change });

  it('submits a consultation and records who submitted it', () => {
    const submitted = submit(draft());
    expect(submitted).toMatchObject({ status: 'submitted', version: 2 });
    expect(submitted.timeline.at(-1)).toEqual({ at: LATER, status: 'submitted', event: 'submit', by: CLERK });
  });

  it('submits an invited tender naming three eligible contractors', () => {
    const ids = ['ctr_a', 'ctr_b', 'ctr_c'];
    expect(
      submit(
        invited(ids),
        ids.map((id) => eligible(id)),
      ).status,
    ).toBe('submitted');
  });

  it('refuses an invited tender naming fewer than three', () => {
    const ids = ['ctr_a', 'ctr_b'];
    expect(() =>
      submit(
        invited(ids),
        ids.map((id) => eligible(id)),
      ),
    ).toThrow(failure('invitedContractorIds', 'R-PROC-2'));
  });

  it('follows a purchaser that asks for more invitees', () => {
    const ids = ['ctr_a', 'ctr_b', 'ctr_c'];
    const rules = { ...defaultRules('pur-town-1'), invitedTenderMinimumInvitees: 5 };
    expect(() =>
      submit(
        invited(ids),
        ids.map((id) => eligible(id)),
        context({ rules }),
      ),
    ).toThrow(/at least 5/);
  });

  it('R-QUAL-2: refuses an invitee that is not eligible today, naming its index', () => {
    const ids = ['ctr_a', 'ctr_b', 'ctr_c'];
    const invitees = [eligible('ctr_a'), { ...eligible('ctr_b'), eligible: false }, eligible('ctr_c')];
    expect(() => submit(invited(ids), invitees)).toThrow(failure('invitedContractorIds.1', 'R-QUAL-2'));
  });

  it('refuses an invitee that does not exist', () => {
    const ids = ['ctr_a', 'ctr_b', 'ctr_x'];
    const invitees = [eligible('ctr_a'), eligible('ctr_b'), { id: 'ctr_x', eligible: false }];
    expect(() => submit(invited(ids), invitees)).toThrow(failure('invitedContractorIds.2', 'R-PROC-2'));
  });

  it('R-QUAL-1: refuses a natural person unless the project allows them', () => {
    const ids = ['ctr_a', 'ctr_b', 'ctr_p'];
    const invitees = [eligible('ctr_a'), eligible('ctr_b'), eligible('ctr_p', 'natural_person')];
    expect(() => submit(invited(ids), invitees)).toThrow(failure('invitedContractorIds.2', 'R-QUAL-1'));
    expect(submit(invited(ids, { allowNaturalPersons: true }), invitees).status).toBe('submitted');
  });

  it('refuses single source without a written rationale of 50 characters, counting Chinese characters as one', () => {
    const short = '该服务仅有一家机构具备资质。'.repeat(3); // 42 characters
    expect(() => submit(draft({ procurementMethod: 'single_source', singleSourceRationale: short }))).toThrow(
      expect.objectContaining({ details: { field: 'singleSourceRationale', rule: 'R-PROC-2' } }),
    );
    expect(() => submit(draft({ procurementMethod: 'single_source' }))).toThrow(/has 0/);
    const enough =
      '该服务涉及特困人员社会化托管的延续性安排，原承接机构掌握全部对象档案和照护计划，更换机构将中断服务并危及对象安全，故只能从原机构采购。';
    expect([...enough].length).toBeGreaterThanOrEqual(50);
    expect(submit(draft({ procurementMethod: 'single_source', singleSourceRationale: enough })).status).toBe(
      'submitted',
    );
  });

  it('checks the draft again: a line that no longer covers the estimate refuses the submission', () => {
    const project = draft();
    expect(() => submit(project, [], context({ budgetLine: commit(line, 30_000_000) }))).toThrow(
      failure('estimatedAmount', 'R-FUND-2'),
    );
  });

  it('refuses to submit twice (409)', () => {
    expect(() => submit(submit(draft()))).toThrow(expect.objectContaining({ code: 'conflict' }));
  });
});

describe('editing, approval and cancellation', () => {
  it('replaces a draft and records the edit on the timeline', () => {
    const edited = editProject(
      draft(),
      input({ title: '东山镇照料护理服务（调整）', estimatedAmount: 20_000_000 }),
      { ...context(), actor: CLERK, now: LATER },
    );
    expect(edited).toMatchObject({
      title: '东山镇照料护理服务（调整）',
      estimatedAmount: 20_000_000,
      version: 2,
      status: 'draft',
    });
    expect(edited.timeline.map((e) => e.event)).toEqual(['created', 'edited']);
  });

  it('drops a rationale the new content no longer carries', () => {
    const single = draft({ procurementMethod: 'single_source', singleSourceRationale: '理由'.repeat(30) });
    const edited = editProject(single, input(), { ...context(), actor: CLERK, now: LATER });
    expect(edited).not.toHaveProperty('singleSourceRationale');
  });

  it('refuses to grow a draft’s timeline without bound (409), keeping the item small', () => {
    const busy = draft();
    busy.timeline = Array.from({ length: MAX_TIMELINE_ENTRIES }, () => busy.timeline[0]!);
    expect(() => editProject(busy, input(), { ...context(), actor: CLERK, now: LATER })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });

  it('refuses to edit a submitted project (409)', () => {
    expect(() => editProject(submit(draft()), input(), { ...context(), actor: CLERK, now: LATER })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });

  it('is approved by someone other than the submitter (four eyes)', () => {
    const submitted = submit(draft());
    expect(() => approveProject(submitted, { actor: { ...CLERK, role: 'bureau' }, now: LATER })).toThrow(
      expect.objectContaining({ code: 'refused', message: expect.stringContaining('four eyes') }),
    );
    const approved = approveProject(submitted, { actor: CHIEF, now: LATER });
    expect(approved.status).toBe('approved');
    expect(approved.timeline.at(-1)).toMatchObject({ status: 'approved', event: 'approve', by: CHIEF });
  });

  it('refuses to approve a draft (409)', () => {
    expect(() => approveProject(draft(), { actor: CHIEF, now: LATER })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });

  it('cancels with a public reason code and note, and nothing moves it afterwards', () => {
    const cancelled = cancelProject(
      submit(draft()),
      { reason: 'requirement_changed', note: '服务需求调整，重新立项' },
      { actor: CHIEF, now: LATER },
    );
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'requirement_changed', note: '服务需求调整，重新立项', at: LATER },
    });
    expect(cancelled.timeline.at(-1)).toMatchObject({
      status: 'cancelled',
      note: 'requirement_changed: 服务需求调整，重新立项',
    });
    expect(() =>
      cancelProject(cancelled, { reason: 'other', note: '再次' }, { actor: CHIEF, now: LATER }),
    ).toThrow(expect.objectContaining({ code: 'conflict' }));
  });
});

describe('what a refusal tells the caller (the problem detail names the rule’s subject)', () => {
  const caregiving = () => POLICY_CATALOG.find((i) => i.code === 'C-CAREGIVING')!;
  const message = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('R-PROC-1: a move the life cycle has not names the status and the action in words', () => {
    expect(() => nextStatus('draft', 'close_bidding')).toThrow('a draft project cannot close bidding');
  });

  it('R-CAT-1: names the code that is not in the catalog', () => {
    expect(() => draft({ catalogCode: 'C-NOTHING' })).toThrow(/C-NOTHING/);
  });

  it('R-CAT-3: a catalog item fallen on the negative list is refused naming the item and the list’s reason', () => {
    const item = { ...POLICY_CATALOG[0]!, code: 'A-OLD-ITEM', nameZh: '救助对象审核确认辅助' };
    const ctx = context({ catalog: { items: [item], negativeList: NEGATIVE_LIST } });
    const detail = message(() => draft({ catalogCode: 'A-OLD-ITEM' }, ctx));
    expect(detail).toContain('救助对象审核确认辅助');
    expect(NEGATIVE_LIST.some((e) => detail.includes(e.reason))).toBe(true);
  });

  it('R-CAT-3: a standard summary on the negative list is refused naming the category’s code, name and reason', () => {
    const refined = { ...caregiving().standard, summary: '代为审核低保对象资格并发放救助金' };
    const detail = message(() => draft({ serviceStandard: refined }));
    expect(
      NEGATIVE_LIST.some(
        (e) => detail.includes(e.code) && detail.includes(e.nameZh) && detail.includes(e.reason),
      ),
    ).toBe(true);
  });

  it('R-CAT-4: a repeated indicator is refused on serviceStandard.indicators under R-CAT-4, naming the code', () => {
    const one = caregiving().standard.indicators[1]!;
    const twice = [...caregiving().standard.indicators, one];
    expect(() => draft({ serviceStandard: { summary: 's', indicators: twice } })).toThrow(
      expect.objectContaining({
        code: 'invalid',
        message: expect.stringContaining(one.code),
        details: { field: 'serviceStandard.indicators', rule: 'R-CAT-4' },
      }),
    );
  });

  it('R-CAT-4: a dropped indicator is named with the catalog item it belongs to', () => {
    const [kept, dropped] = [caregiving().standard.indicators[1]!, caregiving().standard.indicators[0]!];
    const detail = message(() => draft({ serviceStandard: { summary: 's', indicators: [kept] } }));
    expect(detail).toContain(dropped.code);
    expect(detail).toContain('C-CAREGIVING');
  });

  it('R-PROC-3: price alone, a repeated criterion and a wrong total each say what is wrong', () => {
    const rules = defaultRules('p');
    expect(() => checkCriteria({ quality: [], priceWeight: 30 }, rules)).toThrow(/quality criterion/);
    const twice = [
      { code: 'plan', description: 'a', weight: 35 },
      { code: 'plan', description: 'b', weight: 35 },
    ];
    expect(() => checkCriteria({ quality: twice, priceWeight: 30 }, rules)).toThrow(/: plan /);
    const short = [{ code: 'plan', description: 'a', weight: 60 }];
    expect(() => checkCriteria({ quality: short, priceWeight: 30 }, rules)).toThrow(/add up to 90/);
  });

  it('R-FUND-1: names the budget line that is not the purchaser’s, and refuses another fiscal year under R-FUND-1', () => {
    expect(() => draft({}, context({ budgetLine: undefined }))).toThrow(/no budget line bl_1/);
    expect(() => draft({ term: { start: '2026-01-01', end: '2026-06-30' } })).toThrow(
      failure('budgetLineId', 'R-FUND-1'),
    );
  });

  it('R-PROC-2: fields of another method say which method carries them; a repeated invitee is named', () => {
    expect(() => draft({ invitedContractorIds: ['ctr_a'] })).toThrow(/invited_tender/);
    expect(() => draft({ singleSourceRationale: '只有一家' })).toThrow(/single_source/);
    expect(() =>
      draft({ procurementMethod: 'invited_tender', invitedContractorIds: ['ctr_a', 'ctr_b', 'ctr_a'] }),
    ).toThrow(/ctr_a is named twice/);
    expect(() => draft({ term: { start: '2025-06-01', end: '2025-05-31' } })).toThrow(
      /ends before it starts/,
    );
  });

  it('R-PROC-2, R-QUAL-1, R-QUAL-2: an invitee refused at submission is named', () => {
    const ids = ['ctr_a', 'ctr_b', 'ctr_c'];
    const invitedDraft = draft({ procurementMethod: 'invited_tender', invitedContractorIds: ids });
    const missing = [eligible('ctr_a'), eligible('ctr_b'), { id: 'ctr_c', eligible: false }];
    expect(() => submit(invitedDraft, missing)).toThrow(/no contractor ctr_c/);
    const stale = [eligible('ctr_a'), { ...eligible('ctr_b'), eligible: false }, eligible('ctr_c')];
    expect(() => submit(invitedDraft, stale)).toThrow(/contractor ctr_b is not eligible/);
    const person = [eligible('ctr_a'), eligible('ctr_b'), eligible('ctr_c', 'natural_person')];
    expect(() => submit(invitedDraft, person)).toThrow(/contractor ctr_c is a natural person/);
  });

  it('R-PROC-1: editing a submitted project is a 409 under R-PROC-1 naming its status', () => {
    expect(() => editProject(submit(draft()), input(), { ...context(), actor: CLERK, now: LATER })).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: expect.stringContaining('submitted'),
        details: { rule: 'R-PROC-1' },
      }),
    );
  });

  it('a draft saved too often says how often', () => {
    const busy = draft();
    busy.timeline = Array.from({ length: MAX_TIMELINE_ENTRIES }, () => busy.timeline[0]!);
    expect(() => editProject(busy, input(), { ...context(), actor: CLERK, now: LATER })).toThrow(
      new RegExp(`saved ${MAX_TIMELINE_ENTRIES} times`),
    );
  });

  it('R-SUP-1: the submitter’s own approval is refused under R-SUP-1', () => {
    expect(() =>
      approveProject(submit(draft()), { actor: { ...CLERK, role: 'bureau' }, now: LATER }),
    ).toThrow(expect.objectContaining({ code: 'refused', details: { rule: 'R-SUP-1' } }));
  });
});

describe('the edges the rules draw', () => {
  it('R-PROC-6: at most one quality criterion is scored from past performance', () => {
    const rules = defaultRules('p');
    const past = (code: string) => ({ code, description: code, weight: 20, pastPerformance: true });
    const plan = { code: 'plan', description: '服务方案', weight: 50 };
    expect(() => checkCriteria({ quality: [plan, past('history')], priceWeight: 30 }, rules)).not.toThrow();
    expect(() =>
      checkCriteria(
        { quality: [{ ...plan, weight: 30 }, past('history'), past('record')], priceWeight: 30 },
        rules,
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid',
        message: expect.stringContaining('past performance'),
        details: { field: 'evaluationCriteria.quality', rule: 'R-PROC-6' },
      }),
    );
  });

  it('a term of a single day is a term', () => {
    expect(draft({ term: { start: '2025-06-01', end: '2025-06-01' } }).term).toEqual({
      start: '2025-06-01',
      end: '2025-06-01',
    });
  });

  it('R-FUND-2: payment milestones are checked on the estimate and kept on the project', () => {
    const milestones = [
      { event: 'signing' as const, percent: 40 },
      { event: 'acceptance_passed' as const, percent: 60 },
    ];
    expect(draft({ paymentMilestones: milestones }).paymentMilestones).toEqual(milestones);
    expect(() =>
      draft({
        paymentMilestones: [
          { event: 'signing', percent: 40 },
          { event: 'acceptance_passed', percent: 50 },
        ],
      }),
    ).toThrow(failure('paymentMilestones', 'R-FUND-2'));
  });

  it('R-PROC-2: above the procurement-law threshold a procurement-law method is accepted', () => {
    const rules = { ...defaultRules('pur-town-1'), procurementLawThreshold: 10_000_000 };
    expect(submit(draft({}, context({ rules })), [], context({ rules })).status).toBe('submitted');
  });

  it('R-PROC-2: an invitee the use case found nothing for is refused by index, not with a crash', () => {
    const ids = ['ctr_a', 'ctr_b', 'ctr_c'];
    const project = draft({ procurementMethod: 'invited_tender', invitedContractorIds: ids });
    expect(() => submit(project, [eligible('ctr_a'), eligible('ctr_c')])).toThrow(
      failure('invitedContractorIds.1', 'R-PROC-2'),
    );
  });

  it('R-PROC-2: a single-source rationale counts what is written, not the blanks around it; 50 characters suffice', () => {
    const fifty = '该服务仅有一家机构具备资质。'.repeat(4).slice(0, 50);
    expect([...fifty].length).toBe(50);
    const padded = `   ${fifty.slice(0, 49)}      `;
    expect(() =>
      submit(draft({ procurementMethod: 'single_source', singleSourceRationale: padded })),
    ).toThrow(/has 49/);
    expect(submit(draft({ procurementMethod: 'single_source', singleSourceRationale: fifty })).status).toBe(
      'submitted',
    );
  });

  it('records the edit on the timeline as a draft’s, by whom and when', () => {
    const edited = editProject(draft(), input(), { ...context(), actor: CLERK, now: LATER });
    expect(edited.timeline.at(-1)).toEqual({ at: LATER, status: 'draft', event: 'edited', by: CLERK });
  });
});

describe('submission checks the stored content again, field by field (R-CAT-4, R-PROC-2, R-FUND-2)', () => {
  it('R-CAT-4: a refined standard that lacks an indicator the catalog item gained since is refused', () => {
    const caregiving = POLICY_CATALOG.find((i) => i.code === 'C-CAREGIVING')!;
    const refined = { summary: '每周上门两次', indicators: caregiving.standard.indicators };
    const project = draft({ serviceStandard: refined });
    const grown = {
      ...caregiving,
      standard: {
        ...caregiving.standard,
        indicators: [
          ...caregiving.standard.indicators,
          {
            code: 'response_hours',
            description: '响应时限',
            unit: '小时',
            target: 24,
            comparison: '<=' as const,
          },
        ],
      },
    };
    const ctx = context({ catalog: { items: [grown], negativeList: NEGATIVE_LIST } });
    expect(() => submit(project, [], ctx)).toThrow(failure('serviceStandard.indicators', 'R-CAT-4'));
  });

  it('R-PROC-2: a stored rationale on a method other than single source is refused', () => {
    const stored = { ...draft(), singleSourceRationale: '只有一家' };
    expect(() => submit(stored)).toThrow(failure('singleSourceRationale', 'R-PROC-2'));
  });

  it('R-FUND-2: stored payment milestones that do not add up to 100 % are refused', () => {
    const stored = {
      ...draft(),
      paymentMilestones: [
        { event: 'signing' as const, percent: 40 },
        { event: 'acceptance_passed' as const, percent: 50 },
      ],
    };
    expect(() => submit(stored)).toThrow(failure('paymentMilestones', 'R-FUND-2'));
  });
});
