/** API views of contractors and documents: domain records → the shapes in contractor.schema.ts. */
import type * as z from '#shared/schemas/zod';
import type { Contractor, EvidenceDocument } from '#shared/domain/contractor';
import { CONDITIONS } from '#shared/domain/contractor';
import { conditionStatus } from '#shared/domain/eligibility';
import type { Viewer } from '#shared/domain/access';
import type { Disclosure } from '#shared/domain/personal-data';
import { disclosed, disclosureFor } from '#shared/domain/personal-data';
import type { Contractor as ContractorSchema, ContractorDocument } from '#shared/schemas/contractor.schema';
import type { ContractorUser } from '#shared/use-cases/contractor-users';

/** The masks only: what a view shows unless the use case says who may read what (issue 11 §6). */
export const MASKED: Disclosure = { residentId: false, contacts: false };

/**
 * `c` as the use case disclosed it (readContractor): a natural person's resident ID and the contact's phone and
 * e-mail are shown only where `disclosure` allows and the record holds them in clear (a record stored before
 * issue 11 §6, or one whose seal was opened); the masks otherwise. Given a viewer instead (the audit route's
 * entries), what that role may read of what the record holds in clear, with no seal opened and no town's bid known.
 */
export function contractorView(
  record: Contractor,
  today: string,
  disclosure: Disclosure | Viewer = MASKED,
): z.infer<ReturnType<typeof ContractorSchema>> {
  const c = disclosed(record, 'role' in disclosure ? disclosureFor(disclosure, record) : disclosure);
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
): z.infer<ReturnType<typeof ContractorDocument>> {
  // Storage details stay inside: the object key and the S3 version the verifier checked are not part of the view.
  const { objectKey: _key, versionId: _version, ...rest } = d;
  return { ...rest, ...(download ? { download } : {}) };
}

/**
 * A contractor's user as its creation answers it, its idempotency record keeps it and the audit route shows it: the
 * stored form without the seal and without who created it (issue 12 §1).
 */
export function contractorUserView(user: ContractorUser) {
  const { personal: _personal, createdBy: _createdBy, ...view } = user;
  return view;
}
