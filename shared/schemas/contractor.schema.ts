import { CONDITIONS, CONDITION_TEXT } from '#shared/domain/contractor';
import { CONDITION_EVIDENCE } from '#shared/domain/eligibility';
import {
  count,
  createdAt,
  fileName,
  instant,
  IsoDate,
  Phone,
  RecordId,
  updatedAt,
  wholeNumber,
} from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const ContractorKind = /* @__PURE__ */ (() =>
  described(
    z.enum(['social_organization', 'public_institution', 'enterprise', 'natural_person']),
    'R-QUAL-1',
  ))();

/**
 * R-QUAL-2's eight conditions, in the policy's words, with the evidence each expects (issue 12 §4): built from the
 * domain's lists (shared/domain/contractor.ts CONDITION_TEXT, shared/domain/eligibility.ts CONDITION_EVIDENCE), the
 * one source, so the contract cannot say other than the rules.
 */
/* @__NO_SIDE_EFFECTS__ */
export function conditionsDescription(): string {
  const items = CONDITIONS.map((n) => {
    const text = CONDITION_TEXT[n];
    const evidence = CONDITION_EVIDENCE[n];
    return `${n}. ${text.zh} (${text.en}). Evidence: ${evidence.en} (${evidence.zh}).`;
  });
  return [
    'R-QUAL-2: the qualification condition, 1 to 8. A contractor may bid once each is approved by a reviewer on verified evidence (PDF, PNG, JPEG or OFD, up to 20 MiB each; `validUntil` where the document states an expiry, R-QUAL-5):',
    '',
    ...items,
  ].join('\n');
}

/** A condition number in a body or a response, described once as a component. */
export const QualificationCondition = /* @__PURE__ */ (() =>
  component(wholeNumber(1, 8), 'QualificationCondition', conditionsDescription()))();

export const ConditionNo = /* @__PURE__ */ (() =>
  described(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(8)), conditionsDescription()))();

export const RegisterContractorBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      kind: ContractorKind,
      name: trimmed(2, 100),
      creditCode: described(
        z.string().check(z.trim(), z.toUpperCase()),
        'unified social credit code (GB 32100-2015); for a natural person the resident ID (GB 11643)',
      ),
      nonProfit: z.boolean(),
      contact: z.strictObject({ name: trimmed(1, 50), phone: Phone, email: z.optional(z.email()) }),
    }),
    'RegisterContractor',
  ))();

const ConditionStatus = /* @__PURE__ */ (() =>
  z.enum(['missing', 'pending_review', 'approved', 'rejected', 'expired']))();

export const ConditionState = /* @__PURE__ */ deferred(() =>
  z.object({
    condition: QualificationCondition,
    status: ConditionStatus,
    documentId: z.optional(z.string()),
    validUntil: z.optional(IsoDate),
    decidedBy: z.optional(z.string()),
    decidedAt: z.optional(instant('when the reviewer decided the condition')),
    reason: z.optional(z.string()),
  }),
);

export const Contractor = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      kind: ContractorKind,
      name: z.string(),
      creditCode: described(
        z.string(),
        "a natural person's resident ID is masked for roles not entitled to it",
      ),
      nonProfit: z.boolean(),
      contact: z.object({ name: z.string(), phone: z.string(), email: z.optional(z.string()) }),
      flags: z.object({
        creditListHit: z.boolean(),
        annualReportFailed: z.boolean(),
        note: z.optional(z.string()),
      }),
      conditions: z.array(ConditionState()),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'Contractor',
  ),
);

export const ContractorList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(Contractor()), cursor: z.optional(z.string()) }),
);

export const AllowedContentType = /* @__PURE__ */ (() =>
  z.enum(['application/pdf', 'image/png', 'image/jpeg', 'application/ofd']))();
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** What a document upload declares, for evidence and bid documents alike; the verifier checks the object against it. */
export const UploadedFileFields = /* @__PURE__ */ (() => ({
  fileName: fileName(),
  contentType: AllowedContentType,
  size: described(wholeNumber(1, MAX_DOCUMENT_BYTES), 'bytes, 1 to 20 MiB'),
  sha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/, '64 lowercase hex characters'))),
}))();

export const RequestDocumentBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      condition: QualificationCondition,
      ...UploadedFileFields,
      validUntil: z.optional(described(z.iso.date(), 'expiry printed on the evidence, if any (R-QUAL-5)')),
    }),
    'RequestDocumentUpload',
  ))();

/** A short-lived presigned GET, for the document's owner and its readers only. */
export const DownloadLink = /* @__PURE__ */ deferred(() =>
  z.object({ url: z.string(), expiresAt: instant('when the download link stops working') }),
);

/** A presigned POST: send every field first and the file last, before `expiresAt`. */
export const PresignedUpload = /* @__PURE__ */ deferred(() =>
  z.object({
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    expiresAt: instant('when the upload form expires: post the file before'),
  }),
);

export const ContractorDocument = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      documentId: z.string(),
      contractorId: z.string(),
      condition: QualificationCondition,
      revision: described(count(), '1 for the first upload for this condition, then 2, 3, ...'),
      fileName: z.string(),
      contentType: AllowedContentType,
      size: wholeNumber(1, MAX_DOCUMENT_BYTES),
      sha256: z.optional(z.string()),
      validUntil: z.optional(IsoDate),
      status: z.enum(['pending', 'verified', 'rejected']),
      reason: z.optional(z.string()),
      uploadedAt: z.optional(instant('when the uploaded file was received and checked')),
      verifiedAt: z.optional(instant('when the verifier settled the document (verified or rejected)')),
      createdAt: instant('when the document was declared'),
      version: count(),
      download: z.optional(DownloadLink()),
    }),
    'ContractorDocument',
  ),
);

export const DocumentUploadResponse = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      documentId: z.string(),
      document: ContractorDocument(),
      upload: PresignedUpload(),
    }),
    'DocumentUpload',
  ),
);

export const DocumentList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(ContractorDocument()), cursor: z.optional(z.string()) }),
);

export const DocumentParams = /* @__PURE__ */ (() => z.object({ id: RecordId, documentId: RecordId }))();

export const ConditionParams = /* @__PURE__ */ (() => z.object({ id: RecordId, condition: ConditionNo }))();

export const DecisionBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      documentId: RecordId,
      decision: z.enum(['approved', 'rejected']),
      reason: trimmed(2, 1000),
    }),
    'ConditionDecision',
  ))();

export const FlagsBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      creditListHit: described(
        z.boolean(),
        'on the abnormal-operations or seriously-illegal list (R-QUAL-2.6)',
      ),
      annualReportFailed: described(z.boolean(), 'failed annual inspection or report (R-QUAL-5)'),
      note: trimmed(2, 1000),
    }),
    'ContractorFlags',
  ))();

export const Eligibility = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      contractorId: z.string(),
      eligible: z.boolean(),
      asOf: IsoDate,
      conditions: z.array(
        z.object({
          condition: QualificationCondition,
          status: ConditionStatus,
          validUntil: z.optional(IsoDate),
        }),
      ),
      reasons: z.array(
        z.object({
          code: described(
            z.string(),
            'condition_missing, condition_pending_review, condition_rejected (by the reviewer), evidence_rejected (the uploaded file was not what was declared), evidence_expired, credit_list_hit, annual_report_failed',
          ),
          condition: z.optional(QualificationCondition),
          message: described(z.string(), 'what to do next, and why'),
          documentId: z.optional(described(z.string(), 'the rejected document')),
          rejectionReason: z.optional(
            described(z.string(), 'why it was rejected, as the reviewer or the verifier recorded it'),
          ),
        }),
      ),
    }),
    'Eligibility',
  ),
);
