/** API views of contractors and documents: domain records → the shapes in contractor.schema.ts. */
import type { z } from 'zod';
import type { Contractor, EvidenceDocument } from '#shared/domain/contractor';
import { CONDITIONS } from '#shared/domain/contractor';
import { conditionStatus } from '#shared/domain/eligibility';
import type { Contractor as ContractorSchema, ContractorDocument } from '#shared/schemas/contractor.schema';

export function contractorView(c: Contractor, today: string): z.infer<typeof ContractorSchema> {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    creditCode: c.creditCode,
    nonProfit: c.nonProfit,
    contact: c.contact,
    flags: c.flags,
    conditions: CONDITIONS.map((condition) => {
      const decision = c.decisions[condition];
      return {
        condition,
        status: conditionStatus(c, condition, today),
        ...(decision
          ? {
              documentId: decision.documentId,
              decidedBy: decision.decidedBy,
              decidedAt: decision.decidedAt,
              reason: decision.reason,
              ...(decision.validUntil ? { validUntil: decision.validUntil } : {}),
            }
          : {}),
      };
    }),
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function documentView(
  d: EvidenceDocument,
  download?: { url: string; expiresAt: string },
): z.infer<typeof ContractorDocument> {
  const { objectKey: _key, ...rest } = d;
  return { ...rest, ...(download ? { download } : {}) };
}
