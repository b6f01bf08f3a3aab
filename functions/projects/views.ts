/** API view of a project: domain record → the shape in project.schema.ts. */
import type * as z from '#shared/schemas/zod';
import type { Project } from '#shared/domain/project';
import { DEFAULT_PAYMENT_MILESTONES } from '#shared/domain/contract';
import type { Project as ProjectSchema } from '#shared/schemas/project.schema';

export const projectView = (p: Project): z.infer<ReturnType<typeof ProjectSchema>> => ({
  id: p.id,
  purchaserId: p.purchaserId,
  fiscalYear: p.fiscalYear,
  title: p.title,
  catalogCode: p.catalogCode,
  budgetLineId: p.budgetLineId,
  estimatedAmount: p.estimatedAmount,
  currency: p.currency,
  quantity: p.quantity,
  term: p.term,
  serviceStandard: p.serviceStandard,
  serviceStandardRefined: p.serviceStandardRefined,
  procurementMethod: p.procurementMethod,
  invitedContractorIds: p.invitedContractorIds,
  ...(p.singleSourceRationale !== undefined ? { singleSourceRationale: p.singleSourceRationale } : {}),
  allowNaturalPersons: p.allowNaturalPersons,
  evaluationCriteria: p.evaluationCriteria,
  paymentMilestones: p.paymentMilestones ?? [...DEFAULT_PAYMENT_MILESTONES],
  status: p.status,
  timeline: p.timeline,
  ...(p.cancellation ? { cancellation: p.cancellation } : {}),
  evaluatorIds: p.evaluatorIds ?? [],
  // R-PROC-5: how the panel was set; a drawn one with its seed and pool, so anyone can draw it again.
  ...(p.panel ? { panel: p.panel } : {}),
  ...(p.panelHistory ? { panelHistory: p.panelHistory } : {}),
  scoringRound: p.scoringRound ?? 0,
  ...(p.tender ? { tender: p.tender } : {}),
  ...(p.workflow ? { workflow: p.workflow } : {}),
  ...(p.evaluation ? { evaluation: p.evaluation } : {}),
  ...(p.award ? { award: p.award } : {}),
  ...(p.withdrawnAwards ? { withdrawnAwards: p.withdrawnAwards } : {}),
  ...(p.unsuccessful ? { unsuccessful: p.unsuccessful } : {}),
  ...(p.contract ? { contract: p.contract } : {}),
  createdBy: p.createdBy,
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});
