/** API views of milestones and payments: domain record → the shapes in payment.schema.ts (nothing else leaks). */
import type * as z from '#shared/schemas/zod';
import type { ContractMilestone } from '#shared/domain/milestone';
import type { Milestone, Payment } from '#shared/schemas/payment.schema';
import type { PaymentView } from '#shared/use-cases/payments';

export const milestoneView = (m: ContractMilestone): z.infer<ReturnType<typeof Milestone>> => ({
  contractId: m.contractId,
  purchaserId: m.purchaserId,
  contractorId: m.contractorId,
  budgetLineId: m.budgetLineId,
  seq: m.seq,
  event: m.event,
  amount: m.amount,
  status: m.status,
  ...(m.acceptance ? { acceptance: m.acceptance } : {}),
  deduction: m.deduction,
  payable: m.payable,
  ...(m.payableSince ? { payableSince: m.payableSince } : {}),
  ...(m.dueBy ? { dueBy: m.dueBy } : {}),
  ...(m.withheld ? { withheld: m.withheld } : {}),
  holds: m.holds,
  ...(m.payment ? { payment: m.payment } : {}),
  version: m.version,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
});

export const paymentView = (p: PaymentView): z.infer<ReturnType<typeof Payment>> => ({
  id: p.id,
  contractId: p.contractId,
  seq: p.seq,
  purchaserId: p.purchaserId,
  contractorId: p.contractorId,
  budgetLineId: p.budgetLineId,
  amount: p.amount,
  milestoneAmount: p.milestoneAmount,
  deduction: p.deduction,
  ...(p.acceptanceId ? { acceptanceId: p.acceptanceId } : {}),
  ...(p.reference ? { reference: p.reference } : {}),
  paidBy: p.paidBy,
  paidAt: p.paidAt,
  contractStatus: p.contractStatus,
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});
