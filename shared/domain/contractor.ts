/**
 * Contractors and their qualification (R-QUAL-1..5). Pure: the use cases in shared/use-cases
 * load and store; the rules live here once.
 */
import type { Actor } from './audit-chain';
import type { ContractorKind } from './credit-code';
import { checkContractorCode } from './credit-code';
import { DomainError } from './errors';
import type { PersonalSeal } from './personal-data';

export const CONDITIONS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type ConditionNo = (typeof CONDITIONS)[number];

/** R-QUAL-2, in the policy's words, for reasons and UI labels. */
export const CONDITION_TEXT: Record<ConditionNo, { zh: string; en: string }> = {
  1: {
    zh: '依法设立，具有独立承担民事责任的能力',
    en: 'lawfully established, able to bear civil liability independently',
  },
  2: {
    zh: '治理结构健全，内部管理和监督制度完善',
    en: 'sound governance, internal management and supervision',
  },
  3: {
    zh: '具有独立、健全的财务管理、会计核算和资产管理制度',
    en: 'independent, sound financial management, accounting and asset management',
  },
  4: {
    zh: '具备提供服务所必需的设施、人员和专业技术能力',
    en: 'facilities, staff and professional skills needed for the service',
  },
  5: {
    zh: '具有依法缴纳税收和社会保障资金的良好记录',
    en: 'good record of paying taxes and social-security contributions',
  },
  6: {
    zh: '参与政府购买服务前无重大违法记录，通过年检或按要求履行年度报告公示义务，信用状况良好，未被列入异常名录或者严重违法组织名单',
    en: 'no major violation before bidding; passed annual inspection or filed its annual report; good credit; not on the abnormal-operations list or the list of seriously illegal organizations',
  },
  7: {
    zh: '符合国家有关政事分开、政社分开、政企分开的要求',
    en: 'separation of government from public institutions, society and enterprises',
  },
  8: {
    zh: '法律、法规规定以及购买服务项目要求的其他条件',
    en: 'other conditions set by law or by the project',
  },
};

export interface ConditionDecision {
  status: 'approved' | 'rejected';
  documentId: string;
  validUntil?: string;
  decidedBy: string;
  decidedAt: string;
  reason: string;
}

export interface EvidencePointer {
  latestRevision: number;
  latestDocumentId: string;
}

export interface Contractor {
  id: string;
  kind: ContractorKind;
  name: string;
  creditCode: string;
  nonProfit: boolean;
  contact: { name: string; phone: string; email?: string };
  flags: { creditListHit: boolean; annualReportFailed: boolean; note?: string };
  decisions: Partial<Record<ConditionNo, ConditionDecision>>;
  evidence: Partial<Record<ConditionNo, EvidencePointer>>;
  registeredBy: Actor;
  /**
   * Issue 11 §6: since personal data is sealed, the stored record holds masks in `creditCode` (a natural person's)
   * and `contact.phone` / `contact.email`, and the data itself here (shared/domain/personal-data.ts). Absent on a
   * record in memory before it is stored, and on records stored before (in clear, docs/personal-information.md).
   */
  personal?: PersonalSeal;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface RegistrationInput {
  kind: ContractorKind;
  name: string;
  creditCode: string;
  nonProfit: boolean;
  contact: Contractor['contact'];
}

export function registerContractor(
  input: RegistrationInput,
  ctx: { id: string; actor: Actor; now: string },
): Contractor {
  const check = checkContractorCode(input.kind, input.creditCode);
  if (!check.ok)
    throw new DomainError('invalid', `creditCode: ${check.problem}`, {
      field: 'creditCode',
      rule: 'R-QUAL-3',
    });
  // R-QUAL-4 prefers non-profit *social organizations*; an enterprise cannot claim it.
  if (input.nonProfit && input.kind === 'enterprise') {
    throw new DomainError(
      'invalid',
      'nonProfit: an enterprise registered with market regulation is not a non-profit organization',
      {
        field: 'nonProfit',
        rule: 'R-QUAL-4',
      },
    );
  }
  return {
    id: ctx.id,
    kind: input.kind,
    name: input.name,
    creditCode: check.normalized,
    nonProfit: input.nonProfit,
    contact: input.contact,
    flags: { creditListHit: false, annualReportFailed: false },
    decisions: {},
    evidence: {},
    registeredBy: ctx.actor,
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

export interface EvidenceDocument {
  documentId: string;
  contractorId: string;
  condition: ConditionNo;
  revision: number;
  fileName: string;
  contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/ofd';
  size: number;
  sha256?: string;
  /** The S3 version the verifier read and checked; downloads are pinned to it (issue 11 §4). */
  versionId?: string;
  validUntil?: string;
  objectKey: string;
  status: 'pending' | 'verified' | 'rejected';
  reason?: string;
  uploadedAt?: string;
  verifiedAt?: string;
  createdAt: string;
  version: number;
}

export const documentObjectKey = (contractorId: string, condition: number, documentId: string) =>
  `contractors/${contractorId}/conditions/${condition}/${documentId}`;

export function parseDocumentObjectKey(
  objectKey: string,
): { contractorId: string; documentId: string } | undefined {
  const match = /^contractors\/([\w-]+)\/conditions\/[1-8]\/([\w-]+)$/.exec(objectKey);
  return match ? { contractorId: match[1] as string, documentId: match[2] as string } : undefined;
}

/** A new upload for a condition is a new revision; earlier revisions stay as they were. */
export function declareDocument(
  contractor: Contractor,
  input: Pick<EvidenceDocument, 'condition' | 'fileName' | 'contentType' | 'size' | 'sha256' | 'validUntil'>,
  ctx: { documentId: string; now: string; today: string },
): { document: EvidenceDocument; contractor: Contractor } {
  if (input.validUntil !== undefined && input.validUntil < ctx.today) {
    throw new DomainError('invalid', 'validUntil: the evidence has already expired', {
      field: 'validUntil',
      rule: 'R-QUAL-5',
    });
  }
  const revision = (contractor.evidence[input.condition]?.latestRevision ?? 0) + 1;
  const document: EvidenceDocument = {
    ...input,
    documentId: ctx.documentId,
    contractorId: contractor.id,
    revision,
    objectKey: documentObjectKey(contractor.id, input.condition, ctx.documentId),
    status: 'pending',
    createdAt: ctx.now,
    version: 1,
  };
  const updated: Contractor = {
    ...contractor,
    evidence: {
      ...contractor.evidence,
      [input.condition]: { latestRevision: revision, latestDocumentId: ctx.documentId },
    },
    version: contractor.version + 1,
    updatedAt: ctx.now,
  };
  return { document, contractor: updated };
}

/** R-QUAL-2: a reviewer decides a condition only on verified evidence for that very condition. */
export function decideCondition(
  contractor: Contractor,
  document: EvidenceDocument,
  input: { condition: ConditionNo; decision: 'approved' | 'rejected'; reason: string },
  ctx: { reviewer: string; now: string },
): Contractor {
  if (document.contractorId !== contractor.id || document.condition !== input.condition) {
    throw new DomainError(
      'refused',
      `documentId: the document is not evidence for condition ${input.condition} of this contractor`,
      {
        field: 'documentId',
        rule: 'R-QUAL-2',
      },
    );
  }
  if (document.status !== 'verified') {
    throw new DomainError(
      'refused',
      `documentId: the document is ${document.status}; only verified evidence can be reviewed`,
      {
        field: 'documentId',
        rule: 'R-QUAL-2',
      },
    );
  }
  const decision: ConditionDecision = {
    status: input.decision,
    documentId: document.documentId,
    ...(document.validUntil ? { validUntil: document.validUntil } : {}),
    decidedBy: ctx.reviewer,
    decidedAt: ctx.now,
    reason: input.reason,
  };
  return {
    ...contractor,
    decisions: { ...contractor.decisions, [input.condition]: decision },
    version: contractor.version + 1,
    updatedAt: ctx.now,
  };
}

export function setFlags(contractor: Contractor, flags: Contractor['flags'], now: string): Contractor {
  return { ...contractor, flags, version: contractor.version + 1, updatedAt: now };
}
