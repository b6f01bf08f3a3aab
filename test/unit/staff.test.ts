/**
 * Issue 13 §1: the roster and dispatch rules (shared/domain/staff.ts): the resident ID's check digit (GB 11643),
 * R-CON-3's refusals (not on the roster, left, joined later, no verified employment evidence, another contractor's
 * overlapping dispatch; the same contractor may dispatch again), the period and place checks (R-STAFF-2), ending
 * early, and R-STAFF-1's qualified share.
 */
import { describe, expect, it } from 'vitest';
import { RECORD_VIEWS, auditEntryView } from '#functions/audit/views';
import { auditChain } from '../handlers/support';
import type { Dispatch } from '#shared/domain/dispatch';
import { coveringDispatch } from '#shared/domain/dispatch';
import { DomainError } from '#shared/domain/errors';
import type { PersonDispatches, StaffMember } from '#shared/domain/staff';
import {
  checkPeriod,
  checkPlace,
  declareEvidence,
  dispatchRefusal,
  endDispatch,
  leaveRoster,
  leavingRefusal,
  newStaffMember,
  normalizedResidentId,
  otherContractorOverlap,
  parseStaffObjectKey,
  qualifiedOn,
  staffingShare,
  staffObjectKey,
  withPeriod,
} from '#shared/domain/staff';

const ACTOR = { sub: 'u-c', role: 'contractor' };
const AT = '2026-04-29T10:00:00.000+08:00';
/** 330110 19850312 002, check character 2 (GB 11643). */
const RESIDENT_ID = '330110198503120022';

const member = (overrides: Partial<StaffMember> = {}): StaffMember => ({
  id: 'stf_1',
  contractorId: 'ctr_a',
  name: '张建国',
  residentId: '330110**********22',
  personHash: 'h1',
  role: 'caregiver',
  joinedOn: '2025-09-01',
  evidence: {
    documentId: 'doc_1',
    kind: 'labour_contract',
    fileName: 'c.pdf',
    contentType: 'application/pdf',
    size: 10,
    objectKey: 'contractors/ctr_a/staff/stf_1/doc_1',
    status: 'verified',
    createdAt: AT,
  },
  createdBy: ACTOR,
  version: 2,
  createdAt: AT,
  updatedAt: AT,
  ...overrides,
});

const contract = {
  id: 'con_1',
  contractorId: 'ctr_a',
  status: 'signed',
  term: { start: '2026-05-01', end: '2026-12-31' },
};
const period = { start: '2026-06-01', end: '2026-08-31' };
const person = (periods: PersonDispatches['periods']): PersonDispatches => ({
  personHash: 'h1',
  periods,
  version: periods.length,
});

const thrown = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('the roster', () => {
  it('checks the resident ID number (GB 11643): a wrong check digit is a 400 naming residentId', () => {
    expect(normalizedResidentId('33011019850312002x'.replace('x', '2'))).toBe(RESIDENT_ID);
    const wrong = thrown(() => normalizedResidentId('330110198503120023'));
    expect(wrong.code).toBe('invalid');
    expect(wrong.details.field).toBe('residentId');
    expect(wrong.message).toMatch(/check digit/);
    expect(thrown(() => normalizedResidentId('330110198502300021')).message).toMatch(/date of birth/);
    const input = {
      name: '张',
      residentId: '330110198503120023',
      role: 'caregiver' as const,
      joinedOn: '2025-01-01',
    };
    expect(
      thrown(() =>
        newStaffMember('ctr_a', input, {
          id: 's',
          personHash: 'h',
          actor: ACTOR,
          at: AT,
          today: '2026-04-29',
        }),
      ).details.field,
    ).toBe('residentId');
  });

  it('normalises a lower-case x and refuses a joining day after today', () => {
    const base = { name: '李', role: 'other' as const, joinedOn: '2026-04-29' };
    // 11010519491231002X is the standard's own example.
    const made = newStaffMember(
      'ctr_a',
      { ...base, residentId: '11010519491231002x' },
      {
        id: 's',
        personHash: 'h',
        actor: ACTOR,
        at: AT,
        today: '2026-04-29',
      },
    );
    expect(made.residentId).toBe('11010519491231002X');
    expect(made.version).toBe(1);
    const later = thrown(() =>
      newStaffMember(
        'ctr_a',
        { ...base, residentId: RESIDENT_ID, joinedOn: '2026-04-30' },
        {
          id: 's',
          personHash: 'h',
          actor: ACTOR,
          at: AT,
          today: '2026-04-29',
        },
      ),
    );
    expect(later.details.field).toBe('joinedOn');
  });

  it('dates a leaving once, not before joining, and keeps the record', () => {
    const left = leaveRoster(member(), { on: '2026-07-31', reason: '离职' }, { actor: ACTOR, at: AT });
    expect(left.left).toEqual({ on: '2026-07-31', reason: '离职', by: ACTOR, at: AT });
    expect(left.version).toBe(3);
    expect(thrown(() => leaveRoster(left, { on: '2026-08-01' }, { actor: ACTOR, at: AT })).code).toBe(
      'conflict',
    );
    expect(
      thrown(() => leaveRoster(member(), { on: '2025-08-31' }, { actor: ACTOR, at: AT })).details.field,
    ).toBe('on');
  });

  it('declares employment evidence as pending under the staff key, and not for someone who left', () => {
    const declared = declareEvidence(
      member({ evidence: undefined }),
      {
        kind: 'social_insurance_record',
        fileName: 's.pdf',
        contentType: 'application/pdf',
        size: 99,
      },
      { documentId: 'doc_9', at: AT },
    );
    expect(declared.evidence).toMatchObject({
      status: 'pending',
      objectKey: 'contractors/ctr_a/staff/stf_1/doc_9',
    });
    expect(parseStaffObjectKey(staffObjectKey('ctr_a', 'stf_1', 'doc_9'))).toEqual({
      contractorId: 'ctr_a',
      staffId: 'stf_1',
      documentId: 'doc_9',
    });
    expect(parseStaffObjectKey('contractors/ctr_a/conditions/3/doc_9')).toBeUndefined();
    const gone = member({ left: { on: '2026-01-01', by: ACTOR, at: AT } });
    expect(
      thrown(() =>
        declareEvidence(
          gone,
          { kind: 'labour_contract', fileName: 'x.pdf', contentType: 'application/pdf', size: 1 },
          { documentId: 'd', at: AT },
        ),
      ).code,
    ).toBe('conflict');
  });
});

describe('dispatch refusals (R-CON-3)', () => {
  it('dispatches a verified own employee on the roster for the whole period', () => {
    expect(dispatchRefusal(contract, member(), period, undefined)).toBeUndefined();
  });

  it('refuses under a contract that is not signed', () => {
    expect(dispatchRefusal({ ...contract, status: 'draft' }, member(), period, undefined)?.reason).toMatch(
      /R-CON-3.*signed/,
    );
  });

  it("refuses a person not on this contractor's roster (subcontracting)", () => {
    expect(dispatchRefusal(contract, undefined, period, undefined)?.reason).toMatch(
      /R-CON-3.*not on this contractor's roster/,
    );
    expect(dispatchRefusal(contract, member({ contractorId: 'ctr_b' }), period, undefined)?.field).toBe(
      'staffId',
    );
  });

  it('refuses a person who left before the period ends, or joined after it starts; leaving on its last day is fine', () => {
    const left = (on: string) => member({ left: { on, by: ACTOR, at: AT } });
    expect(dispatchRefusal(contract, left('2026-08-30'), period, undefined)?.reason).toMatch(
      /left the roster on 2026-08-30/,
    );
    expect(dispatchRefusal(contract, left('2026-08-31'), period, undefined)).toBeUndefined();
    expect(dispatchRefusal(contract, member({ joinedOn: '2026-06-02' }), period, undefined)?.field).toBe(
      'period.start',
    );
  });

  it('refuses without verified employment evidence: none, pending or rejected', () => {
    const evidence = member().evidence!;
    for (const staff of [
      member({ evidence: undefined }),
      member({ evidence: { ...evidence, status: 'pending' } }),
      member({ evidence: { ...evidence, status: 'rejected', reason: 'size' } }),
    ]) {
      expect(dispatchRefusal(contract, staff, period, undefined)?.reason).toMatch(
        /no verified employment evidence/,
      );
    }
  });

  it('refuses a person another contractor dispatched for an overlapping period, touching days included', () => {
    const theirs = (start: string, end: string) =>
      person([{ dispatchId: 'd9', contractId: 'con_9', contractorId: 'ctr_b', start, end }]);
    expect(dispatchRefusal(contract, member(), period, theirs('2026-08-31', '2026-09-30'))?.reason).toMatch(
      /another contractor from 2026-08-31 to 2026-09-30/,
    );
    expect(dispatchRefusal(contract, member(), period, theirs('2026-01-01', '2026-06-01'))?.field).toBe(
      'period',
    );
    expect(dispatchRefusal(contract, member(), period, theirs('2026-09-01', '2026-09-30'))).toBeUndefined();
    expect(dispatchRefusal(contract, member(), period, theirs('2026-01-01', '2026-05-31'))).toBeUndefined();
  });

  it('lets the same contractor dispatch the person again in an overlapping period (another place, another contract)', () => {
    const own = person([
      {
        dispatchId: 'd1',
        contractId: 'con_2',
        contractorId: 'ctr_a',
        start: '2026-06-01',
        end: '2026-12-31',
      },
    ]);
    expect(dispatchRefusal(contract, member(), period, own)).toBeUndefined();
    expect(otherContractorOverlap(own, 'ctr_a', period)).toBeUndefined();
    expect(otherContractorOverlap(own, 'ctr_b', period)?.dispatchId).toBe('d1');
  });
});

describe('period, place, ending', () => {
  it('keeps the period within the contract term, start before end', () => {
    expect(() => checkPeriod(contract.term, period)).not.toThrow();
    expect(
      thrown(() => checkPeriod(contract.term, { start: '2026-04-30', end: '2026-06-01' })).details.field,
    ).toBe('period.start');
    expect(
      thrown(() => checkPeriod(contract.term, { start: '2026-06-01', end: '2027-01-01' })).details.field,
    ).toBe('period.end');
    expect(
      thrown(() => checkPeriod(contract.term, { start: '2026-06-02', end: '2026-06-01' })).details.field,
    ).toBe('period.end');
  });

  it("takes a village of the town by its id, and a town's contract only in that town (区买乡用, R-STAFF-2)", () => {
    const town1 = { id: 'pur-town-1', level: 'town', villages: [{ id: 'vil-1-1' }] };
    const district = { id: 'pur-district', level: 'district', villages: [] };
    expect(() =>
      checkPlace({ kind: 'village', purchaserId: 'pur-town-1', code: 'vil-1-1' }, town1, town1),
    ).not.toThrow();
    expect(
      thrown(() => checkPlace({ kind: 'village', purchaserId: 'pur-town-1', code: 'vil-2-1' }, town1, town1))
        .details.field,
    ).toBe('place.code');
    expect(
      thrown(() => checkPlace({ kind: 'town', purchaserId: 'pur-town-2' }, undefined, town1)).details.field,
    ).toBe('place.purchaserId');
    const town2 = { id: 'pur-town-2', level: 'town', villages: [] };
    expect(
      thrown(() => checkPlace({ kind: 'town', purchaserId: 'pur-town-2' }, town2, town1)).message,
    ).toMatch(/区买乡用/);
    expect(() => checkPlace({ kind: 'town', purchaserId: 'pur-town-2' }, town2, district)).not.toThrow();
    expect(() =>
      checkPlace({ kind: 'service_center', purchaserId: 'pur-district' }, district, district),
    ).not.toThrow();
    expect(
      thrown(() => checkPlace({ kind: 'service_center', purchaserId: 'pur-town-2' }, town2, district)).details
        .field,
    ).toBe('place.purchaserId');
    expect(
      thrown(() => checkPlace({ kind: 'institution', purchaserId: 'pur-district' }, district, district))
        .details.field,
    ).toBe('place.code');
  });

  const dispatch: Dispatch = {
    id: 'd1',
    contractId: 'con_1',
    contractorId: 'ctr_a',
    staffId: 'stf_1',
    place: { kind: 'town', purchaserId: 'pur-town-1' },
    period,
    qualified: false,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
  };

  it('ends a dispatch early on a day within its period: covered through that day, not after', () => {
    const ended = endDispatch(dispatch, { on: '2026-07-15' }, { actor: ACTOR, at: AT });
    expect(ended.version).toBe(2);
    expect(ended.ended).toMatchObject({ on: '2026-07-15', by: ACTOR });
    const place = { kind: 'town' as const, purchaserId: 'pur-town-1' };
    expect(coveringDispatch([ended], 'stf_1', place, '2026-07-15')).toBeDefined();
    expect(coveringDispatch([ended], 'stf_1', place, '2026-07-16')).toBeUndefined();
    expect(thrown(() => endDispatch(ended, { on: '2026-07-10' }, { actor: ACTOR, at: AT })).code).toBe(
      'conflict',
    );
    expect(
      thrown(() => endDispatch(dispatch, { on: '2026-09-01' }, { actor: ACTOR, at: AT })).details.field,
    ).toBe('on');
  });

  it("keeps the person's periods: adds a dispatch, shortens an ended one, bumps the version", () => {
    const first = withPeriod(undefined, 'h1', dispatch);
    expect(first).toEqual({
      personHash: 'h1',
      version: 1,
      periods: [
        {
          dispatchId: 'd1',
          contractId: 'con_1',
          contractorId: 'ctr_a',
          start: '2026-06-01',
          end: '2026-08-31',
        },
      ],
    });
    const shortened = withPeriod(
      first,
      'h1',
      endDispatch(dispatch, { on: '2026-06-10' }, { actor: ACTOR, at: AT }),
    );
    expect(shortened.periods).toHaveLength(1);
    expect(shortened.periods[0]?.end).toBe('2026-06-10');
    expect(shortened.version).toBe(2);
    // Once ended, another contractor may take the person from the next day.
    expect(
      otherContractorOverlap(shortened, 'ctr_b', { start: '2026-06-11', end: '2026-06-30' }),
    ).toBeUndefined();
    expect(
      otherContractorOverlap(shortened, 'ctr_b', { start: '2026-06-10', end: '2026-06-30' }),
    ).toBeDefined();
  });
});

describe('the staffing share (R-STAFF-1)', () => {
  it('counts a qualification valid on the first day', () => {
    const q = { level: 'social_worker' as const, certificateNumber: 'c', validUntil: '2026-06-01' };
    expect(qualifiedOn({ qualification: q }, '2026-06-01')).toBe(true);
    expect(qualifiedOn({ qualification: q }, '2026-06-02')).toBe(false);
    expect(qualifiedOn({}, '2026-06-01')).toBe(false);
  });

  it('counts each person once, in basis points, against the minimum', () => {
    const d = (staffId: string, qualified: boolean) => ({ staffId, qualified, period });
    const share = staffingShare([d('a', true), d('a', false), d('b', false), d('c', false)], 3000);
    expect(share).toEqual({ dispatched: 3, qualified: 1, shareBp: 3333, minimumBp: 3000, met: true });
    expect(staffingShare([d('a', true), d('b', false), d('c', false)], 3400).met).toBe(false);
    expect(staffingShare([], 3000)).toMatchObject({ dispatched: 0, shareBp: 0, met: false });
    expect(staffingShare([], 0).met).toBe(true);
  });
});

describe('leaving while dispatched (R-CON-3)', () => {
  it("refuses a leaving day before one of this contractor's dispatches ends; another contractor's does not count", () => {
    const periods = [
      { dispatchId: 'd1', contractId: 'c1', contractorId: 'ctr_a', start: '2026-06-01', end: '2026-08-31' },
      { dispatchId: 'd2', contractId: 'c2', contractorId: 'ctr_b', start: '2026-09-01', end: '2026-12-31' },
    ];
    expect(leavingRefusal({ periods }, 'ctr_a', '2026-08-30')).toMatch(
      /R-CON-3: dispatch d1 covers the person until 2026-08-31/,
    );
    expect(leavingRefusal({ periods }, 'ctr_a', '2026-08-31')).toBeUndefined();
    expect(leavingRefusal(undefined, 'ctr_a', '2026-01-01')).toBeUndefined();
  });
});

describe("the audit trail's view of a dispatch (issue 11 §5, as the dispatch routes show it)", () => {
  const dispatch = {
    id: 'dsp_1',
    contractId: 'con_1',
    contractorId: 'ctr_1',
    staffId: 'stf_1',
    place: { kind: 'town', purchaserId: 'pur-town-1' },
    period: { start: '2026-06-01', end: '2026-08-31' },
    qualified: true,
    person: { name: '张建国', residentId: '330110**********22', role: 'social_worker' },
    version: 1,
    createdAt: '2026-06-01T10:00:00.000+08:00',
    updatedAt: '2026-06-01T10:00:00.000+08:00',
  } satisfies Dispatch;
  const auditor = { sub: 'u-auditor', role: 'auditor' } as const;
  const shown = (d: object) =>
    auditEntryView(auditChain('dispatch', 'dsp_1', [d])[0] as never, auditor, '2026-06-10').data;

  it('has a view, showing the stored dispatch with its masked resident ID as it is', () => {
    expect(RECORD_VIEWS.dispatch).toBeDefined();
    expect(shown(dispatch)).toEqual(dispatch);
  });

  it('masks a resident ID that reached the entry in full', () => {
    const full = { ...dispatch, person: { ...dispatch.person, residentId: '330110198503120022' } };
    expect(JSON.stringify(shown(full))).not.toContain('330110198503120022');
    expect(shown(full)).toEqual(dispatch);
  });
});
