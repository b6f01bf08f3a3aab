/** API view of a contract: domain record → the shape in contract.schema.ts. */
import type * as z from '#shared/schemas/zod';
import type { Contract } from '#shared/domain/contract';
import type { Contract as ContractSchema } from '#shared/schemas/contract.schema';

export const contractView = (c: Contract): z.infer<ReturnType<typeof ContractSchema>> => ({
  id: c.id,
  projectId: c.projectId,
  bidId: c.bidId,
  purchaserId: c.purchaserId,
  contractorId: c.contractorId,
  budgetLineId: c.budgetLineId,
  template: c.template,
  title: c.title,
  catalogCode: c.catalogCode,
  term: c.term,
  quantity: c.quantity,
  serviceStandard: c.serviceStandard,
  price: c.price,
  currency: c.currency,
  clauses: c.clauses,
  paymentMilestones: c.paymentMilestones,
  acceptancePlan: c.acceptancePlan,
  status: c.status,
  signatures: c.signatures,
  ...(c.completedAt ? { completedAt: c.completedAt } : {}),
  ...(c.termination ? { termination: c.termination } : {}),
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
