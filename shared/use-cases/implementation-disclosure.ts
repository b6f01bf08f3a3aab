/**
 * Public disclosure of a contract's implementation (issue 13 §5, R-ACC-4, R-SUP-3): each acceptance decision,
 * each payment and a termination publish an OCDS `implementation` / `implementationUpdate` /
 * `contractTermination` release under the contract's ocid and its announcement, as items of the caller's
 * transaction (the decision, the payment or the termination lands with its publication, or neither does).
 */
import type { Contract } from '#shared/domain/contract';
import type { ContractMilestone } from '#shared/domain/milestone';
import type { ExtraWrite } from '#shared/adapters/dynamodb/record-store';
import type { Deps } from './ports';

/** What one acceptance decision publishes (the acceptance helper builds it from its record). */
export interface AcceptanceOutcome {
  acceptanceId: string;
  /** The payment milestone this stage releases. */
  milestoneSeq: number;
  /** 1, then 2.. after a rectification. */
  round: number;
  outcome: 'passed' | 'rectification' | 'failed';
  /** ISO with offset. */
  decidedAt: string;
  indicators: {
    code: string;
    description: string;
    unit: string;
    target: number;
    comparison: '>=' | '<=' | '=';
    measured: number;
    met: boolean;
  }[];
  opinions: { received: number; minimum: number; satisfiedShareBp: number | null; thresholdBp: number };
  /** The signed acceptance report (验收报告): its id, title and sha256 of its canonical JSON. */
  report: { id: string; title: string; sha256: string };
  /** Shanghai date. */
  rectificationDueBy?: string;
  note?: string;
}

/** A payment as it is disclosed: its id, integer fen, and when it was paid (ISO with offset). */
export interface PaymentMade {
  id: string;
  amount: number;
  paidAt: string;
}

/** Items of the caller's transaction: the implementationUpdate release + its 验收结果公告 announcement. */
export async function acceptanceDisclosure(
  _deps: Deps,
  _input: { contract: Contract; acceptance: AcceptanceOutcome; at: string },
): Promise<ExtraWrite[]> {
  throw new Error('not built yet');
}

/** A payment: the payment milestone met with its transaction linked to it (transaction_milestones). */
export async function paymentDisclosure(
  _deps: Deps,
  _input: { contract: Contract; milestone: ContractMilestone; payment: PaymentMade; at: string },
): Promise<ExtraWrite[]> {
  throw new Error('not built yet');
}

/** A termination for breach: contractTermination (contract status terminated, implementation.finalValue etc.). */
export async function terminationDisclosure(
  _deps: Deps,
  _input: { contract: Contract; milestones: ContractMilestone[]; at: string },
): Promise<ExtraWrite[]> {
  throw new Error('not built yet');
}
