/**
 * Issue 13 §2 over HTTP on the embedded stack: a signed contract's quarterly financial report is submitted, returned
 * with a reason, resubmitted and accepted (R-CON-4); an inspection's findings are answered and closed, or shown
 * overdue at read time (R-SUP-1); simultaneous responses to one finding from one read land exactly once (412 for the
 * rest). Every change leaves its audit entry (R-SUP-2).
 *
 * Short on purpose: one signed contract (test/support/delivery.ts), no deadline waited out. An inspection recorded a
 * week ago, whose second finding was due two days ago, is written with the record store as POST would have written
 * it then (the domain's own rule, on that day), instead of waiting for a due date to pass.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { store } from '#shared/adapters/store';
import type { Contract } from '#shared/domain/contract';
import { newId } from '#shared/domain/ids';
import { recordInspection } from '#shared/domain/supervision';
import type { SignedContract } from '../support/delivery';
import { addDays, purchaserToken, signedContract, todayInShanghai } from '../support/delivery';
import { etag, unique } from '../support/procurement';
import { api, token } from '../support/stack-client';

interface Report {
  period: string;
  status: string;
  submissions: number;
  totalExpenditure: number;
  review?: { decision: string; reason?: string };
  version: number;
}
interface InspectionView {
  id: string;
  status: string;
  overdueFindings: number;
  findings: { n: number; status: string; responses: unknown[] }[];
  version: number;
}
interface Problem {
  status: number;
  errors?: { field: string }[];
}

let signed: SignedContract;
let town: string;
let auditor: string;

/** The quarter today falls in, YYYY-Qn (Asia/Shanghai): inside the helper's term, and started. */
const currentQuarter = () => {
  const today = todayInShanghai();
  return `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
};

beforeAll(async () => {
  signed = await signedContract();
  [town, auditor] = await Promise.all([
    purchaserToken('town', signed.purchaserId),
    token('auditor', { sub: `auditor-${unique()}` }),
  ]);
}, 120_000);

describe('quarterly financial report (R-CON-4)', () => {
  it('is submitted, returned with a reason, resubmitted and accepted; the audit trail holds each step', async () => {
    const period = currentQuarter();
    const path = `/v1/contracts/${signed.contractId}/financial-reports/${period}`;
    const body = {
      income: 300_000,
      expenditure: { staff: 200_000, materials: 30_000, administration: 20_000 },
      documents: [{ title: '工资发放表', reference: `凭证 ${period}-01` }],
    };

    const submitted = await api<Report>('PUT', path, {
      token: signed.contractor.token,
      headers: { 'if-none-match': '*' },
      body,
    });
    expect(submitted.status, submitted.text).toBe(201);
    expect(submitted.headers.get('location')).toBe(`/v1/contracts/${signed.contractId}/financial-reports`);
    expect(submitted.json).toMatchObject({ status: 'under_review', totalExpenditure: 250_000, version: 1 });

    const noReason = await api<Problem>('POST', `${path}/review`, {
      token: town,
      headers: { 'if-match': etag(1) },
      body: { decision: 'returned' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.json.errors?.map((e) => e.field)).toEqual(['reason']);

    const returned = await api<Report>('POST', `${path}/review`, {
      token: town,
      headers: { 'if-match': etag(1) },
      body: { decision: 'returned', reason: '人员支出与工资表不符' },
    });
    expect(returned.status, returned.text).toBe(200);
    expect(returned.json.status).toBe('returned');

    const resubmitted = await api<Report>('PUT', path, {
      token: signed.contractor.token,
      headers: { 'if-match': etag(returned.json.version) },
      body: { ...body, expenditure: { ...body.expenditure, staff: 210_000 } },
    });
    expect(resubmitted.status, resubmitted.text).toBe(200);
    expect(resubmitted.json).toMatchObject({
      status: 'under_review',
      submissions: 2,
      totalExpenditure: 260_000,
    });

    const accepted = await api<Report>('POST', `${path}/review`, {
      token: town,
      headers: { 'if-match': etag(resubmitted.json.version) },
      body: { decision: 'accepted' },
    });
    expect(accepted.status, accepted.text).toBe(200);

    // Accepted: the contractor cannot replace it any more.
    const replaced = await api('PUT', path, {
      token: signed.contractor.token,
      headers: { 'if-match': etag(accepted.json.version) },
      body,
    });
    expect(replaced.status).toBe(409);

    const listed = await api<{ items: Report[] }>(
      'GET',
      `/v1/contracts/${signed.contractId}/financial-reports`,
      {
        token: auditor,
      },
    );
    expect(listed.json.items.map((r) => [r.period, r.status])).toEqual([[period, 'accepted']]);

    const trail = await api<{ entries: { action: string }[]; chain: { verified: boolean } }>(
      'GET',
      `/v1/audit/financial-report/${signed.contractId}.${period}`,
      { token: auditor },
    );
    expect(trail.status, trail.text).toBe(200);
    expect(trail.json.chain.verified).toBe(true);
    expect(trail.json.entries.map((e) => e.action)).toEqual([
      'financial-report.submitted',
      'financial-report.returned',
      'financial-report.resubmitted',
      'financial-report.accepted',
    ]);
  });
});

describe('inspections (R-SUP-1)', () => {
  it('records a spot check over HTTP: 201 where to read it, the same answer on a retry', async () => {
    const today = todayInShanghai();
    const request = {
      token: town,
      headers: { 'idempotency-key': `inspection-${unique()}` },
      body: {
        date: today,
        place: '东溪村',
        checked: '入户记录与在岗人员',
        findings: [{ description: '排查表缺签字', severity: 'minor', responseDueBy: addDays(today, 7) }],
      },
    };
    const created = await api<InspectionView>(
      'POST',
      `/v1/contracts/${signed.contractId}/inspections`,
      request,
    );
    expect(created.status, created.text).toBe(201);
    const location = created.headers.get('location');
    expect(location).toBe(`/v1/contracts/${signed.contractId}/inspections/${created.json.id}`);
    const again = await api<InspectionView>(
      'POST',
      `/v1/contracts/${signed.contractId}/inspections`,
      request,
    );
    expect(again.json.id).toBe(created.json.id);
    const read = await api<InspectionView>('GET', location!, { token: signed.contractor.token });
    expect(read.json).toMatchObject({ status: 'open', findings: [{ n: 1, status: 'awaiting_response' }] });
  });

  it('tracks findings: 5 simultaneous responses to one land once, the purchaser closes it, the other shows overdue', async () => {
    // Recorded a week ago by the town: finding 1 due in a week, finding 2 due two days ago and never answered.
    const today = todayInShanghai();
    const weekAgo = addDays(today, -7);
    const contract = (await store.get<Contract>(keys.contract(signed.contractId)))!.value;
    const actor = { sub: 'u-supervision-e2e', role: 'town' };
    const at = `${weekAgo}T10:00:00.000+08:00`;
    const recorded = recordInspection(
      contract,
      {
        date: weekAgo,
        place: '东山镇敬老院',
        checked: '护理记录抽查',
        findings: [
          { description: '护理记录缺夜班签字', severity: 'minor', responseDueBy: addDays(today, 7) },
          { description: '护理员与派遣名单不符', severity: 'major', responseDueBy: addDays(today, -2) },
        ],
      },
      { id: newId('ins', new Date(`${at}`)), actor, at, today: weekAgo },
    );
    await store.commit([
      {
        recordType: 'inspection',
        recordId: recorded.id,
        key: keys.inspection(recorded.contractId, recorded.id),
        value: recorded,
        actor,
        action: 'inspection.recorded',
        at,
      },
    ]);
    const path = `/v1/contracts/${signed.contractId}/inspections/${recorded.id}`;

    const before = await api<InspectionView>('GET', path, { token: town });
    expect(before.json).toMatchObject({
      status: 'open',
      overdueFindings: 1,
      findings: [{ status: 'awaiting_response' }, { status: 'overdue' }],
    });

    // Five responses from the same read (version 1): exactly one lands, the others are 412.
    const statuses = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const response = await api('POST', `${path}/findings/1/response`, {
          token: signed.contractor.token,
          headers: { 'if-match': etag(1) },
          body: { text: `已补签夜班记录（第 ${i + 1} 次提交）` },
        });
        return response.status;
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(4);

    const early = await api('POST', `${path}/findings/2/close`, {
      token: town,
      headers: { 'if-match': etag(2) },
      body: {},
    });
    expect(early.status).toBe(409);

    const closed = await api<InspectionView>('POST', `${path}/findings/1/close`, {
      token: town,
      headers: { 'if-match': etag(2) },
      body: { note: '复核无误' },
    });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json).toMatchObject({
      status: 'open',
      overdueFindings: 1,
      findings: [{ status: 'closed', responses: [expect.anything()] }, { status: 'overdue' }],
      version: 3,
    });

    const listed = await api<{ items: InspectionView[] }>(
      'GET',
      `/v1/contracts/${signed.contractId}/inspections`,
      {
        token: signed.contractor.token,
      },
    );
    expect(listed.json.items.find((i) => i.id === recorded.id)?.overdueFindings).toBe(1);

    const trail = await api<{ entries: { action: string }[]; chain: { verified: boolean } }>(
      'GET',
      `/v1/audit/inspection/${recorded.id}`,
      { token: auditor },
    );
    expect(trail.json.chain.verified).toBe(true);
    expect(trail.json.entries.map((e) => e.action)).toEqual([
      'inspection.recorded',
      'inspection.finding-responded',
      'inspection.finding-closed',
    ]);
  });
});
