import { fen, positiveFen } from './budget.schema';
import { count, instant, RecordId } from './common.schema';
import {
  AllowedContentType,
  ContractorKind,
  DownloadLink,
  PresignedUpload,
  UploadedFileFields,
} from './contractor.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const BidContractorParams = /* @__PURE__ */ (() =>
  z.object({ id: RecordId, contractorId: RecordId }))();

export const BidDocumentParams = /* @__PURE__ */ (() =>
  z.object({ id: RecordId, contractorId: RecordId, documentId: RecordId }))();

export const SubmitBidBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      price: positiveFen(
        'integer fen (分); not above the project’s estimatedAmount, a quotation above the budget is invalid (R-FUND-2)',
      ),
      proposal: z.strictObject({ summary: trimmed(1, 4000) }),
    }),
    'SubmitBid',
    'The first PUT submits the bid, later ones revise it until the deadline (R-PROC-1)',
  ))();

const Actor = /* @__PURE__ */ deferred(() => z.object({ sub: z.string(), role: z.string() }));

export const Bid = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: described(z.string(), 'stable across revisions'),
      projectId: z.string(),
      contractorId: z.string(),
      contractorKind: ContractorKind,
      contractorName: z.string(),
      nonProfit: z.boolean(),
      price: z.optional(described(fen(), 'absent while the bid is sealed (see `sealed`)')),
      proposal: z.optional(
        described(z.object({ summary: z.string() }), 'absent while the bid is sealed (see `sealed`)'),
      ),
      sealed: z.optional(
        described(
          z.object({ sha256: z.string() }),
          'until CloseBidding opens the bids after the deadline, price and proposal are stored only sealed with a key (R-PROC-5) and nobody reads them, the bidder included (as at an electronic bid opening, 开标解密): the SHA-256 of the sealed content is the receipt of what is stored; the submitting or revising answer shows what was sent',
        ),
      ),
      documentIds: z.array(z.string()),
      revision: described(count(), '1 at submission, +1 per revision'),
      submittedAt: instant('when the bid was first submitted'),
      revisedAt: z.optional(instant('when the bid was last revised; absent before its first revision')),
      disqualified: z.optional(
        described(
          z.object({ reason: z.string(), by: Actor(), at: instant('when the bid was disqualified') }),
          'compliance review (符合性审查): neither scored nor the price baseline (R-PROC-3)',
        ),
      ),
      version: count(),
    }),
    'Bid',
    'A sealed bid (R-PROC-5): nobody but its contractor reads it before the deadline',
  ),
);

export const BidList = /* @__PURE__ */ deferred(() => z.object({ items: z.array(Bid()) }));

export const RequestBidDocumentBody = /* @__PURE__ */ (() =>
  component(z.strictObject(UploadedFileFields), 'RequestBidDocumentUpload'))();

export const BidDocument = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      documentId: z.string(),
      projectId: z.string(),
      contractorId: z.string(),
      fileName: z.string(),
      contentType: AllowedContentType,
      size: count(),
      sha256: z.optional(z.string()),
      status: described(
        z.enum(['pending', 'verified', 'rejected']),
        'verified once the uploaded object matches what was declared and S3 created it before the deadline',
      ),
      reason: z.optional(z.string()),
      requestedAt: instant('when the document was declared and its upload form given out'),
      uploadedAt: z.optional(
        instant(
          'when S3 created the uploaded file, judged against the bid deadline to the millisecond (R-PROC-1)',
        ),
      ),
      verifiedAt: z.optional(instant('when the verifier checked the uploaded file (verified or rejected)')),
      version: count(),
      download: z.optional(DownloadLink()),
    }),
    'BidDocument',
  ),
);

export const BidDocumentUploadResponse = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      documentId: z.string(),
      document: BidDocument(),
      upload: PresignedUpload(),
    }),
    'BidDocumentUpload',
  ),
);

export const DisqualifyBidBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({ reason: trimmed(2, 1000) }),
    'DisqualifyBid',
    'Compliance review (符合性审查) after the deadline, before scoring (R-PROC-3)',
  ))();
