/**
 * Issue 13 §2: the rules of a delivery record (shared/domain/delivery.ts): the pseudonymous recipient and the
 * record's id, every check against the contract and its dispatches (R-CON-3 subcontracting, R-CON-4, R-SUP-1,
 * R-BUY-1), who opens a recipient; progress against the elapsed term (delivery-progress.ts, R-SUP-1); and a batch's
 * rows parsed one by one (functions/deliveries/rows.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Contract } from '#shared/domain/contract';
import {
  canReadDeliveries,
  checkRecordable,
  deliveryId,
  deliveryIssues,
  opensRecipients,
  villageTown,
} from '#shared/domain/delivery';
import type { DeliveryInput } from '#shared/domain/delivery';
import {
  elapsedShare,
  progressReport,
  progressStatus,
  type ContractProgress,
} from '#shared/domain/delivery-progress';
import type { Dispatch } from '#shared/domain/dispatch';
import { RECORD_ID_PATTERN } from '#shared/domain/ids';
import { CreateDeliveryBatchBody } from '#shared/schemas/delivery.schema';
import { fromZod } from '#shared/http/problem';

const NOW = new Date('2026-06-10T04:00:00Z'); // 12:00 in Shanghai
const RESIDENT = '330110195304120026';

const contract = (overrides: Partial<Contract> = {}) =>
  ({
    id: 'con_01kq7tzmz0d6f8h2k4nq',
    status: 'signed',
    catalogCode: 'A-TARGET-SCREENING',
    purchaserId: 'pur-town-1',
    term: { start: '2026-06-01', end: '2026-12-31' },
    acceptancePlan: {
      indicators: [{ code: 'households_screened_pct' }],
      delivery: [{ code: 'households_screened', description: '入户排查户数', unit: '户', planned: 1200 }],
    },
    ...overrides,
  }) as unknown as Contract;

const dispatch = (overrides: Partial<Dispatch> = {}): Dispatch => ({
  id: 'dsp_01kqa0b1c2p3q4r5s6t7',
  contractId: 'con_01kq7tzmz0d6f8h2k4nq',
  contractorId: 'ctr_01kjp1srh0k3m9q2x7vd',
  staffId: 'stf_01kq8a1b20c3d4e5f6g7',
  place: { kind: 'village', purchaserId: 'pur-town-1', code: 'vil-1-1' },
  period: { start: '2026-06-01', end: '2026-06-30' },
  qualified: true,
  version: 1,
  createdAt: '2026-05-30T09:00:00+08:00',
  updatedAt: '2026-05-30T09:00:00+08:00',
  ...overrides,
});

const input = (overrides: Partial<DeliveryInput> = {}): DeliveryInput => ({
  catalogCode: 'A-TARGET-SCREENING',
  lineCode: 'households_screened',
  recipient: { villageId: 'vil-1-1', name: '李秀英', residentId: RESIDENT },
  staffId: 'stf_01kq8a1b20c3d4e5f6g7',
  start: '2026-06-09T09:00:00+08:00',
  end: '2026-06-09T10:00:00+08:00',
  quantity: 1,
  ...overrides,
});

const issuesOf = (i: DeliveryInput, dispatches = [dispatch()], c = contract()) =>
  deliveryIssues(c, i, dispatches, NOW).issues.map((x) => `${x.field}:${x.rule}:${x.kind}`);

describe('a delivery record against its contract (issue 13 §2)', () => {
  it('lands when every rule holds, naming the covering dispatch and the village’s town', () => {
    const checked = deliveryIssues(contract(), input(), [dispatch()], NOW);
    expect(checked.issues).toEqual([]);
    expect(checked.dispatch?.id).toBe('dsp_01kqa0b1c2p3q4r5s6t7');
    expect(checked.townId).toBe('pur-town-1');
  });

  it('R-CON-3: a person not dispatched there and then is refused as subcontracting (409)', () => {
    expect(issuesOf(input({ staffId: 'stf_someone_else_01' }))).toEqual(['staffId:R-CON-3:conflict']);
    // Dispatched, but to another village of the town.
    expect(
      issuesOf(input(), [
        dispatch({ place: { kind: 'village', purchaserId: 'pur-town-1', code: 'vil-1-2' } }),
      ]),
    ).toEqual(['staffId:R-CON-3:conflict']);
    // Dispatched to the village, but the period ended before the service.
    expect(issuesOf(input(), [dispatch({ period: { start: '2026-06-01', end: '2026-06-08' } })])).toEqual([
      'staffId:R-CON-3:conflict',
    ]);
    // Ended early (dated) before the day.
    expect(issuesOf(input(), [dispatch({ endedAt: '2026-06-05T17:00:00+08:00' })])).toEqual([
      'staffId:R-CON-3:conflict',
    ]);
    // A service running past the dispatch's last day.
    expect(
      issuesOf(input({ start: '2026-06-09T22:00:00+08:00', end: '2026-06-10T01:00:00+08:00' }), [
        dispatch({ period: { start: '2026-06-01', end: '2026-06-09' } }),
      ]),
    ).toEqual(['staffId:R-CON-3:conflict']);
  });

  it('R-CON-3: staff dispatched to the town serve its villages (区买乡用)', () => {
    expect(issuesOf(input(), [dispatch({ place: { kind: 'town', purchaserId: 'pur-town-1' } })])).toEqual([]);
  });

  it('refuses what the contract does not hold, each field named with its rule', () => {
    expect(issuesOf(input({ catalogCode: 'A-OTHER-ITEM' }))).toEqual(['catalogCode:R-CON-4:refused']);
    expect(issuesOf(input({ lineCode: 'meals' }))).toEqual(['lineCode:R-SUP-1:refused']);
    expect(issuesOf(input({ indicatorCode: 'nope' }))).toEqual(['indicatorCode:R-ACC-1:refused']);
    expect(issuesOf(input({ indicatorCode: 'households_screened_pct' }))).toEqual([]);
    expect(
      issuesOf(input({ recipient: { villageId: 'vil-1-1', name: 'x', residentId: '330110195304120027' } })),
    ).toEqual(['recipient.residentId:R-CON-4:refused']);
  });

  it('R-BUY-1: a town’s contract serves its own villages; the bureau’s any of the district', () => {
    const elsewhere = input({ recipient: { villageId: 'vil-2-1', name: 'x', residentId: RESIDENT } });
    expect(issuesOf(elsewhere)).toEqual(['recipient.villageId:R-BUY-1:refused']);
    expect(villageTown('pur-district', 'vil-2-1')).toBe('pur-town-2');
    expect(villageTown('pur-town-1', 'vil-2-1')).toBeUndefined();
    expect(villageTown('pur-town-1', 'vil-1-3')).toBe('pur-town-1');
    expect(
      issuesOf(
        elsewhere,
        [dispatch({ place: { kind: 'village', purchaserId: 'pur-town-2', code: 'vil-2-1' } })],
        contract({ purchaserId: 'pur-district' }),
      ),
    ).toEqual([]);
  });

  it('R-CON-4: within the term, end at or after start, nothing in the future', () => {
    expect(issuesOf(input({ start: '2026-05-31T23:00:00+08:00', end: '2026-06-01T01:00:00+08:00' }))).toEqual(
      ['start:R-CON-4:refused'],
    );
    expect(issuesOf(input({ end: '2026-06-09T08:59:59+08:00' }))).toEqual(['end:R-CON-4:refused']);
    expect(issuesOf(input({ start: '2026-06-10T11:00:00+08:00', end: '2026-06-10T12:00:01+08:00' }))).toEqual(
      ['end:R-CON-4:refused'],
    );
    // 12:00 exactly is now: delivered, not future.
    expect(issuesOf(input({ start: '2026-06-10T11:00:00+08:00', end: '2026-06-10T12:00:00+08:00' }))).toEqual(
      [],
    );
    const late = contract({ term: { start: '2026-01-01', end: '2026-06-09' } });
    expect(
      issuesOf(
        input({ start: '2026-06-09T23:00:00+08:00', end: '2026-06-10T01:00:00+08:00' }),
        [dispatch({ period: { start: '2026-01-01', end: '2026-06-30' } })],
        late,
      ),
    ).toEqual(['end:R-CON-4:refused']);
  });

  it('a draft, completed or terminated contract takes no records (409)', () => {
    expect(checkRecordable(contract())).toBeUndefined();
    for (const status of ['draft', 'signed_by_one', 'completed', 'terminated'] as const) {
      expect(checkRecordable(contract({ status }))).toMatchObject({ kind: 'conflict', rule: 'R-PROC-1' });
    }
  });
});

describe('ids and the recipient’s disclosure', () => {
  it('a batch row’s id is its (contract, caller, recordId) alone: a retry finds it, another caller or row does not', () => {
    const row = { contractId: 'con_1', caller: 'portal-a', recordId: 'r-17' };
    const id = deliveryId(row);
    expect(id).toMatch(RECORD_ID_PATTERN);
    expect(id).toHaveLength(30);
    expect(deliveryId({ ...row })).toBe(id);
    expect(deliveryId({ ...row, caller: 'portal-b' })).not.toBe(id);
    expect(deliveryId({ ...row, recordId: 'r-18' })).not.toBe(id);
    expect(deliveryId({ ...row, contractId: 'con_2' })).not.toBe(id);
  });

  it('a single record’s id is its random bytes, 26 of them at least', () => {
    expect(deliveryId(new Uint8Array(26).fill(255))).not.toBe(deliveryId(new Uint8Array(26)));
    expect(() => deliveryId(new Uint8Array(16))).toThrow(/26 bytes/);
  });

  it('names and IDs open for the bureau and the purchasing town only', () => {
    const c = { purchaserId: 'pur-town-1', contractorId: 'ctr_1' };
    expect(opensRecipients({ sub: 'b', role: 'bureau' }, c)).toBe(true);
    expect(opensRecipients({ sub: 't', role: 'town', purchaserId: 'pur-town-1' }, c)).toBe(true);
    expect(opensRecipients({ sub: 't', role: 'town', purchaserId: 'pur-town-2' }, c)).toBe(false);
    for (const role of ['contractor', 'portal', 'finance', 'auditor', 'evaluator']) {
      expect(opensRecipients({ sub: 'x', role, contractorId: 'ctr_1' }, c)).toBe(false);
    }
    expect(canReadDeliveries({ sub: 'c', role: 'contractor', contractorId: 'ctr_2' }, c)).toBe(false);
    expect(canReadDeliveries({ sub: 'c', role: 'contractor', contractorId: 'ctr_1' }, c)).toBe(true);
    expect(canReadDeliveries({ sub: 't', role: 'town', purchaserId: 'pur-town-2' }, c)).toBe(false);
    expect(canReadDeliveries({ sub: 'p', role: 'portal' }, c)).toBe(false);
  });
});

describe('progress against the elapsed term (R-SUP-1)', () => {
  const term = { start: '2026-01-01', end: '2026-01-10' };

  it('the elapsed share counts both ends of the term, 0 before it, 1 from its last day', () => {
    expect(elapsedShare(term, '2025-12-31')).toBe(0);
    expect(elapsedShare(term, '2026-01-01')).toBe(0.1);
    expect(elapsedShare(term, '2026-01-05')).toBe(0.5);
    expect(elapsedShare(term, '2026-01-10')).toBe(1);
    expect(elapsedShare(term, '2026-03-01')).toBe(1);
  });

  it('on track at or above expected, at risk down to 90 %, behind below it', () => {
    expect(progressStatus(100, 100)).toBe('on_track');
    expect(progressStatus(0, 0)).toBe('on_track');
    expect(progressStatus(99.999, 100)).toBe('at_risk');
    expect(progressStatus(90, 100)).toBe('at_risk');
    expect(progressStatus(89.999, 100)).toBe('behind');
  });

  it('reports each line planned, delivered, expected by today and its status', () => {
    const progress = {
      term,
      lines: {
        visits: { code: 'visits', description: 'v', unit: '次', planned: 200, delivered: 100, records: 90 },
        calls: { code: 'calls', description: 'c', unit: '次', planned: 100, delivered: 46, records: 46 },
        meals: { code: 'meals', description: 'm', unit: '份', planned: 30, delivered: 10, records: 10 },
      },
    } as unknown as ContractProgress;
    const report = progressReport(progress, '2026-01-05');
    expect(report.elapsedShare).toBe(0.5);
    expect(report.lines.map((l) => [l.code, l.expectedByToday, l.delivered, l.status])).toEqual([
      ['calls', 50, 46, 'at_risk'],
      ['meals', 15, 10, 'behind'],
      ['visits', 100, 100, 'on_track'],
    ]);
  });
});

describe('a batch’s rows (issue 13 §2)', () => {
  const row = (overrides: Record<string, unknown> = {}) => ({ recordId: 'r-1', ...input(), ...overrides });
  const fields = (records: unknown[]) => {
    const parsed = CreateDeliveryBatchBody.safeParse({ records });
    return parsed.success
      ? []
      : (fromZod('body', parsed.error, CreateDeliveryBatchBody).extra.errors ?? []).map((e) => e.field);
  };

  it('a malformed row is named records.<i>.<field> (a 400 for the batch: nothing is written)', () => {
    expect(fields([row(), row({ recordId: 'r-2' })])).toEqual([]);
    expect(fields([row(), row({ staffId: 'x' }), row({ quantity: 0 }), row({ extra: true })])).toEqual([
      'records.1.staffId',
      'records.2.quantity',
      'records.3.extra',
    ]);
    expect(fields([row({ recordId: 'has space' })])).toEqual(['records.0.recordId']);
  });

  it('holds 1 to 500 rows', () => {
    expect(fields([])).toEqual(['records']);
    expect(fields(Array.from({ length: 500 }, (_, i) => row({ recordId: `r-${i}` })))).toEqual([]);
    expect(fields(Array.from({ length: 501 }, (_, i) => row({ recordId: `r-${i}` })))).toEqual(['records']);
  });
});
