/**
 * Delivery progress counters (R-SUP-1, R-CON-4): one item per signed contract, written at the second signature with
 * the plan's delivery lines, and moved by each delivery record in the same transaction as the record (ADD, never a
 * read-modify-write), so `GET /v1/contracts/{id}/progress` is one read however many records exist.
 */
import type { DeliveryLine } from './acceptance-plan';

export interface ProgressLine extends DeliveryLine {
  /** Quantity delivered to date, summed from the delivery records. */
  delivered: number;
  /** Delivery records counted. */
  records: number;
}

export interface ContractProgress {
  contractId: string;
  purchaserId: string;
  contractorId: string;
  term: { start: string; end: string };
  lines: Record<string, ProgressLine>;
  createdAt: string;
}

export function initialProgress(
  contract: {
    id: string;
    purchaserId: string;
    contractorId: string;
    term: { start: string; end: string };
  },
  delivery: readonly DeliveryLine[],
  at: string,
): ContractProgress {
  return {
    contractId: contract.id,
    purchaserId: contract.purchaserId,
    contractorId: contract.contractorId,
    term: contract.term,
    lines: Object.fromEntries(delivery.map((line) => [line.code, { ...line, delivered: 0, records: 0 }])),
    createdAt: at,
  };
}

/**
 * Where a line stands against the time elapsed (R-SUP-1): `on_track` at or above what the term's elapsed share
 * expects, `at_risk` below it but within 10 % (at least 90 % of expected), `behind` below 90 % of expected. The
 * bands are the district's reading of 全过程跟踪监督: a line a tenth short of its pace is worth a call before the
 * mid-term review, not yet a finding. Nothing is expected before the term starts, so every line is on track then.
 */
export const AT_RISK_BELOW = 1;
export const BEHIND_BELOW = 0.9;

export type ProgressStatus = 'on_track' | 'at_risk' | 'behind';

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/**
 * The share of the term elapsed by the end of `today` (Shanghai dates, both ends of the term included): 0 before
 * the term, 1 from its last day on.
 */
export function elapsedShare(term: { start: string; end: string }, today: string): number {
  const days = dayNumber(term.end) - dayNumber(term.start) + 1;
  const elapsed = dayNumber(today) - dayNumber(term.start) + 1;
  return Math.min(1, Math.max(0, elapsed / days));
}

export function progressStatus(delivered: number, expected: number): ProgressStatus {
  if (delivered >= expected * AT_RISK_BELOW) return 'on_track';
  return delivered >= expected * BEHIND_BELOW ? 'at_risk' : 'behind';
}

export interface ProgressLineReport {
  code: string;
  description: string;
  unit: string;
  planned: number;
  delivered: number;
  records: number;
  /** planned × the elapsed share of the term, to 3 decimals (the unit's precision). */
  expectedByToday: number;
  status: ProgressStatus;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The contract's progress as of `today` (Shanghai), line by line, by code (the stored map keeps no order). */
export function progressReport(
  progress: Pick<ContractProgress, 'term' | 'lines'>,
  today: string,
): { asOf: string; elapsedShare: number; lines: ProgressLineReport[] } {
  const share = elapsedShare(progress.term, today);
  return {
    asOf: today,
    elapsedShare: Math.round(share * 10_000) / 10_000,
    lines: Object.values(progress.lines)
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((line) => {
        const expected = round3(line.planned * share);
        const delivered = round3(Number(line.delivered));
        return {
          code: line.code,
          description: line.description,
          unit: line.unit,
          planned: line.planned,
          delivered,
          records: Number(line.records),
          expectedByToday: expected,
          status: progressStatus(delivered, expected),
        };
      }),
  };
}
