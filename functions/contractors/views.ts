/** API views of contractors and documents: domain records → the shapes in contractor.schema.ts. */
import type * as z from '#shared/schemas/zod';
import type { Contractor, EvidenceDocument } from '#shared/domain/contractor';
import { CONDITIONS } from '#shared/domain/contractor';
import { conditionStatus } from '#shared/domain/eligibility';
import { maskResidentId } from '#shared/domain/credit-code';
import type { Viewer } from '#shared/domain/access';
import type { Contractor as ContractorSchema, ContractorDocument } from '#shared/schemas/contractor.schema';

/** A natural person's resident ID is personal data: shown in full only to the bureau, the person and the registrant. */
function visibleCode(c: Contractor, viewer: Viewer): string {
  if (c.kind !== 'natural_person') return c.creditCode;
  const entitled =
    viewer.role === 'bureau' ||
    (viewer.role === 'contractor' && viewer.contractorId === c.id) ||
    viewer.sub === c.registeredBy.sub;
  return entitled ? c.creditCode : maskResidentId(c.creditCode);
}

export function contractorView(
  c: Contractor,
  today: string,
  viewer: Viewer,
): z.infer<ReturnType<typeof ContractorSchema>> {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    creditCode: visibleCode(c, viewer),
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
): z.infer<ReturnType<typeof ContractorDocument>> {
  // Storage details stay inside: the object key and the S3 version the verifier checked are not part of the view.
  const { objectKey: _key, versionId: _version, ...rest } = d;
  return { ...rest, ...(download ? { download } : {}) };
}
