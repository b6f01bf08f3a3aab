/**
 * Qualified contractors for the bid bench, built by the qualification rules themselves (registration, eight
 * evidence declarations, eight approvals on verified evidence: R-QUAL-2) and stored as the record store leaves
 * such a contractor: record item with its index keys, record type, domain value (version 17) and the head of
 * its 17-entry audit chain, plus its credit-code marker. The audit entries and evidence documents themselves
 * are not written: a bid reads neither.
 */
import { headOf, nextEntry, type Actor, type AuditHead } from '#shared/domain/audit-chain';
import { businessDate, isoWithOffset } from '#shared/domain/clock';
import {
  CONDITIONS,
  decideCondition,
  declareDocument,
  registerContractor,
  type Contractor,
} from '#shared/domain/contractor';
import { evaluateEligibility } from '#shared/domain/eligibility';
import { newId } from '#shared/domain/ids';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Item } from './batch-write';
import { registrationBody, type Population } from './population';

const CLERK: Actor = { sub: 'bench-loader', role: 'bureau' };

export function qualifiedContractor(
  population: Population,
  now: Date,
): { contractor: Contractor; items: Item[] } {
  const at = isoWithOffset(now);
  const today = businessDate(now);
  let head: AuditHead | undefined;
  const audited = (contractor: Contractor, action: string): Contractor => {
    head = headOf(
      nextEntry(head, {
        recordType: 'contractor',
        recordId: contractor.id,
        at,
        actor: CLERK,
        action,
        data: contractor,
      }),
    );
    return contractor;
  };

  let contractor = audited(
    registerContractor(registrationBody(population), { id: newId('ctr', now), actor: CLERK, now: at }),
    'contractor.registered',
  );
  const verified = CONDITIONS.map((condition) => {
    const declared = declareDocument(
      contractor,
      {
        condition,
        fileName: `条件${condition}.pdf`,
        contentType: 'application/pdf',
        size: 2048,
        validUntil: '2099-12-31',
      },
      { documentId: newId('doc', now), now: at, today },
    );
    contractor = audited(declared.contractor, 'contractor.evidence_declared');
    // What the document verifier leaves after checking the upload.
    return { ...declared.document, status: 'verified' as const, uploadedAt: at, verifiedAt: at, version: 2 };
  });
  for (const document of verified) {
    contractor = audited(
      decideCondition(
        contractor,
        document,
        { condition: document.condition, decision: 'approved', reason: '材料齐全，符合条件' },
        { reviewer: CLERK.sub, now: at },
      ),
      'contractor.condition_approved',
    );
  }
  if (!evaluateEligibility(contractor, today).eligible || !head)
    throw new Error(`bench contractor ${contractor.id} is not eligible`);

  return {
    contractor,
    items: [
      {
        ...keys.contractor(contractor.id),
        ...keys.contractorIndex(contractor.createdAt, contractor.id),
        recordType: 'contractor',
        ...contractor,
        ...head,
      },
      { ...keys.creditCode(contractor.creditCode), recordType: 'credit-code', contractorId: contractor.id },
    ],
  };
}
