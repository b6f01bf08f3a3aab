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
