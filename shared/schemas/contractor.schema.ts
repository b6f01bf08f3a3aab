// Namespace import: lets esbuild drop the parts of zod (locales) no schema uses.
import * as z from 'zod';
import { IsoDate, IsoDateTime } from './common.schema';

export const ContractorKind = z
  .enum(['social_organization', 'public_institution', 'enterprise', 'natural_person'])
  .describe('R-QUAL-1');

export const ConditionNo = z.coerce.number().int().min(1).max(8).describe('R-QUAL-2 condition 1..8');

const Phone = z
  .string()
  .regex(/^(\+?86)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'a mainland mobile or landline number');

export const RegisterContractorBody = z
  .object({
    kind: ContractorKind,
    name: z.string().trim().min(2).max(100),
    creditCode: z
      .string()
      .trim()
      .toUpperCase()
      .describe(
        'unified social credit code (GB 32100-2015); for a natural person the resident ID (GB 11643)',
      ),
    nonProfit: z.boolean(),
    contact: z.object({
      name: z.string().trim().min(1).max(50),
      phone: Phone,
      email: z.email().optional(),
    }),
  })
  .meta({ id: 'RegisterContractor' });

export const ConditionState = z.object({
  condition: z.number().int(),
  status: z.enum(['missing', 'pending_review', 'approved', 'rejected', 'expired']),
  documentId: z.string().optional(),
  validUntil: IsoDate.optional(),
  decidedBy: z.string().optional(),
  decidedAt: IsoDateTime.optional(),
  reason: z.string().optional(),
});

export const Contractor = z
  .object({
    id: z.string(),
    kind: ContractorKind,
    name: z.string(),
    creditCode: z.string(),
    nonProfit: z.boolean(),
    contact: z.object({ name: z.string(), phone: z.string(), email: z.string().optional() }),
    flags: z.object({
      creditListHit: z.boolean(),
      annualReportFailed: z.boolean(),
      note: z.string().optional(),
    }),
    conditions: z.array(ConditionState),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Contractor' });

export const ContractorList = z.object({ items: z.array(Contractor), cursor: z.string().optional() });

export const AllowedContentType = z.enum(['application/pdf', 'image/png', 'image/jpeg', 'application/ofd']);
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const RequestDocumentBody = z
  .object({
    condition: z.number().int().min(1).max(8),
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^/\\\0]+$/, 'a file name, without a path'),
    contentType: AllowedContentType,
    size: z.number().int().min(1).max(MAX_DOCUMENT_BYTES),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, '64 lowercase hex characters')
      .optional(),
    validUntil: IsoDate.optional().describe('expiry printed on the evidence, if any (R-QUAL-5)'),
  })
  .meta({ id: 'RequestDocumentUpload' });

export const ContractorDocument = z
  .object({
    documentId: z.string(),
    contractorId: z.string(),
    condition: z.number().int(),
    revision: z.number().int().describe('1 for the first upload for this condition, then 2, 3, ...'),
    fileName: z.string(),
    contentType: AllowedContentType,
    size: z.number().int(),
    sha256: z.string().optional(),
    validUntil: IsoDate.optional(),
    status: z.enum(['pending', 'verified', 'rejected']),
    reason: z.string().optional(),
    uploadedAt: IsoDateTime.optional(),
    verifiedAt: IsoDateTime.optional(),
    createdAt: IsoDateTime,
    version: z.number().int(),
    download: z.object({ url: z.string(), expiresAt: IsoDateTime }).optional(),
  })
  .meta({ id: 'ContractorDocument' });

export const DocumentUploadResponse = z
  .object({
    documentId: z.string(),
    document: ContractorDocument,
    upload: z.object({
      url: z.string(),
      fields: z.record(z.string(), z.string()),
      expiresAt: IsoDateTime,
    }),
  })
  .meta({ id: 'DocumentUpload' });

export const DocumentList = z.object({ items: z.array(ContractorDocument), cursor: z.string().optional() });

export const DocumentParams = z.object({
  id: z.string().regex(/^[0-9A-Za-z_-]{6,40}$/),
  documentId: z.string().regex(/^[0-9A-Za-z_-]{6,40}$/),
});

export const ConditionParams = z.object({
  id: z.string().regex(/^[0-9A-Za-z_-]{6,40}$/),
  condition: ConditionNo,
});

export const DecisionBody = z
  .object({
    documentId: z.string().regex(/^[0-9A-Za-z_-]{6,40}$/),
    decision: z.enum(['approved', 'rejected']),
    reason: z.string().trim().min(2).max(1000),
  })
  .meta({ id: 'ConditionDecision' });

export const FlagsBody = z
  .object({
    creditListHit: z.boolean().describe('on the abnormal-operations or seriously-illegal list (R-QUAL-2.6)'),
    annualReportFailed: z.boolean().describe('failed annual inspection or report (R-QUAL-5)'),
    note: z.string().trim().min(2).max(1000),
  })
  .meta({ id: 'ContractorFlags' });

export const Eligibility = z
  .object({
    contractorId: z.string(),
    eligible: z.boolean(),
    asOf: IsoDate,
    conditions: z.array(
      z.object({
        condition: z.number().int(),
        status: ConditionState.shape.status,
        validUntil: IsoDate.optional(),
      }),
    ),
    reasons: z.array(
      z.object({ code: z.string(), condition: z.number().int().optional(), message: z.string() }),
    ),
  })
  .meta({ id: 'Eligibility' });
