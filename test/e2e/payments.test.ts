/**
 * Issue 13 §4 over HTTP on the embedded stack (R-ACC-3, R-FUND-2; docs/payments.md): a signed contract's signing
 * advance is due and paid after a withholding and its release; a milestone without a passed acceptance is 409; a
 * milestone made payable with a deduction is paid its amount less the deduction; termination cancels what is left
 * and releases the unpaid remainder from the budget line, whose arithmetic holds throughout.
 */
import { describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import { store } from '#shared/adapters/store';
import { isoWithOffset } from '#shared/domain/clock';
import type { ContractMilestone } from '#shared/domain/milestone';
import { paymentDueBy } from '#shared/domain/milestone';
import { milestoneChange } from '#shared/use-cases/contracts';
import { signedContract, todayInShanghai } from '../support/delivery';
import { etag, unique } from '../support/procurement';
import { api, token } from '../support/stack-client';

interface Milestone {
  seq: number;
  status: string;
  amount: number;
  deduction: number;
  payable: number;
  dueBy?: string;
  version: number;
  holds: { reason: string; releaseNote?: string }[];
}
interface Line {
  amount: number;
  committed: number;
  paid: number;
  available: number;
}
interface Problem {
  detail: string;
  rule?: string;
}

describe('payments of a signed contract (R-ACC-3, R-FUND-2)', () => {
  it('advance withheld → 409 → released → paid; no acceptance → 409; a deducted milestone paid less its deduction; termination releases the remainder', async () => {
    const signed = await signedContract({ purchaser: 'pur-district', price: 1_000_000 });
    const { contractId, budgetLineId } = signed;
    const [finance, auditor] = await Promise.all([
      token('finance', { sub: `finance-${unique()}` }),
      token('auditor', { sub: `auditor-${unique()}` }),
    ]);
    const milestones = async () => {
      const read = await api<{ items: Milestone[] }>('GET', `/v1/contracts/${contractId}/milestones`, {
        token: signed.contractor.token,
      });
      expect(read.status, read.text).toBe(200);
      return read.json.items;
    };
    const line = async () =>
      (await api<Line>('GET', `/v1/budget-lines/${budgetLineId}`, { token: finance })).json;
    const pay = (milestoneSeq: number) =>
      api<Problem & { amount: number; contractStatus: string }>(
        'POST',
        `/v1/contracts/${contractId}/payments`,
        {
          token: finance,
          headers: { 'idempotency-key': `pay-${milestoneSeq}-${unique()}` },
          body: { milestoneSeq },
        },
      );

    // The contractor sees its milestones: the advance payable at signing, due 30 days on; the others scheduled.
    const [advance, review, final] = await milestones();
    expect([advance?.status, review?.status, final?.status]).toEqual(['payable', 'scheduled', 'scheduled']);
    const due = await api<{ items: { contractId: string; seq: number; state: string }[] }>(
      'GET',
      '/v1/payments/due?purchaserId=pur-district&limit=100',
      { token: auditor },
    );
    expect(due.status, due.text).toBe(200);

    // R-ACC-3: no payment without a passed acceptance.
    const early = await pay(2);
    expect(early.status, early.text).toBe(409);
    expect(early.json.rule).toBe('R-ACC-3');

    // Withheld pending corrective action: 409 with the reason; released with a note: paid.
    const held = await api<Milestone>('POST', `/v1/contracts/${contractId}/milestones/1/withhold`, {
      token: signed.bureauToken,
      headers: { 'if-match': etag(advance!.version) },
      body: { reason: '财务报告未按期提交，待整改' },
    });
    expect(held.status, held.text).toBe(200);
    expect(held.json.status).toBe('withheld');
    const refused = await pay(1);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.json.detail).toContain('财务报告未按期提交');
    const released = await api<Milestone>('POST', `/v1/contracts/${contractId}/milestones/1/release`, {
      token: finance,
      headers: { 'if-match': etag(held.json.version) },
      body: { note: '已补交第一季度财务报告' },
    });
    expect(released.status, released.text).toBe(200);
    expect(released.json).toMatchObject({
      status: 'payable',
      holds: [{ releaseNote: '已补交第一季度财务报告' }],
    });
    const paid = await pay(1);
    expect(paid.status, paid.text).toBe(201);
    expect(paid.headers.get('location')).toBe(`/v1/contracts/${contractId}/milestones`);
    expect(paid.json.amount).toBe(advance!.amount);

    // The mid-term milestone made payable as a passed acceptance with one rectification round does (5 % deducted).
    // Written through the table: the acceptance workflow's e2e (delivery-to-payment) covers the real path.
    const stored = await store.get<ContractMilestone>(keys.milestone(contractId, 2));
    const at = isoWithOffset(new Date());
    const deduction = Math.round(review!.amount * 0.05);
    const payable: ContractMilestone = {
      ...stored!.value,
      status: 'payable',
      acceptance: { id: `acc_e2e_${unique()}`, passedAt: at, rectificationRounds: 1 },
      deduction,
      payable: review!.amount - deduction,
      payableSince: at,
      dueBy: paymentDueBy(at, 30),
      version: stored!.value.version + 1,
      updatedAt: at,
    };
    await store.commit([
      milestoneChange(payable, 'milestone.payable', { sub: 'e2e', role: 'workflow' }, stored!),
    ]);
    const listed = await api<{ today: string; items: { contractId: string; seq: number; state: string }[] }>(
      'GET',
      '/v1/payments/due?purchaserId=pur-district&limit=100',
      { token: finance },
    );
    expect(listed.json.today).toBe(todayInShanghai());
    expect(listed.json.items.filter((i) => i.contractId === contractId).map((i) => [i.seq, i.state])).toEqual(
      [[2, 'due']],
    );
    const second = await pay(2);
    expect(second.status, second.text).toBe(201);
    expect(second.json.amount).toBe(review!.amount - deduction);
    expect(await line()).toMatchObject({
      committed: 1_000_000 - deduction,
      paid: advance!.amount + review!.amount - deduction,
    });

    // Terminated for breach: the last milestone cancelled, its amount released from the line.
    const contract = await api<{ version: number }>('GET', `/v1/contracts/${contractId}`, { token: finance });
    const terminated = await api<{ status: string; termination: { released: number } }>(
      'POST',
      `/v1/contracts/${contractId}/terminate`,
      {
        token: signed.bureauToken,
        headers: { 'if-match': etag(contract.json.version) },
        body: { reason: '擅自将入户照料服务转包给其他机构', liability: '按合同违约责任条款支付违约金' },
      },
    );
    expect(terminated.status, terminated.text).toBe(200);
    expect(terminated.json).toMatchObject({ status: 'terminated', termination: { released: final!.amount } });
    expect((await milestones()).map((m) => m.status)).toEqual(['paid', 'paid', 'cancelled']);
    const after = await line();
    const paidTotal = advance!.amount + review!.amount - deduction;
    expect(after).toMatchObject({
      committed: paidTotal,
      paid: paidTotal,
      available: after.amount - paidTotal,
    });
    const late = await pay(3);
    expect(late.status, late.text).toBe(409);
    expect(late.json.detail).toMatch(/terminated/);
  });
});
