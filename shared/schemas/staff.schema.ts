/**
 * The staff roster and dispatch (issue 13 §1; R-CON-3, R-STAFF-1, R-STAFF-2; docs/staff-and-dispatch.md). Request
 * bodies are strict: an unknown field is a 400 naming it.
 */
import { PLACE_KINDS } from '#shared/domain/dispatch';
import { EMPLOYMENT_EVIDENCE_KINDS, QUALIFICATION_LEVELS, STAFF_ROLES } from '#shared/domain/staff';
import {
  ActorView,
  count,
  createdAt,
  instant,
  IsoDate,
  RecordId,
  updatedAt,
  wholeNumber,
} from './common.schema';
import { PresignedUpload, UploadedFileFields } from './contractor.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const StaffParams = /* @__PURE__ */ (() => z.object({ id: RecordId, staffId: RecordId }))();
export const DispatchParams = /* @__PURE__ */ (() => z.object({ id: RecordId, dispatchId: RecordId }))();

const Qualification = /* @__PURE__ */ (() =>
  described(
    z.strictObject({
      level: described(
        z.enum(QUALIFICATION_LEVELS),
        '助理社会工作师 (assistant_social_worker), 社会工作师 (social_worker), 高级社会工作师 (senior_social_worker)',
      ),
      certificateNumber: trimmed(1, 64),
      validUntil: described(IsoDate, 'the last day the certificate is valid (Shanghai date)'),
    }),
    'a social-work qualification (R-STAFF-1): counts toward the contract’s qualified share while valid',
  ))();

export const CreateStaffBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      name: trimmed(1, 100),
      residentId: described(
        z.string().check(z.trim(), z.minLength(15), z.maxLength(20)),
        'the resident ID number (GB 11643, check digit verified): sealed; shown in full only to the bureau and the contractor itself',
      ),
      role: z.enum(STAFF_ROLES),
      qualification: z.optional(Qualification),
      joinedOn: described(
        IsoDate,
        'the day the person joined the contractor (Shanghai date), not after today',
      ),
    }),
    'CreateStaffMember',
    "Adds a person to the contractor's roster (R-CON-3); employment evidence follows through POST .../evidence",
  ))();

export const LeaveStaffBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      on: described(IsoDate, 'the last day on the roster (Shanghai date)'),
      reason: z.optional(trimmed(1, 500)),
    }),
    'LeaveStaffRoster',
    'Dates the staff member’s leaving; the record stays (never deleted)',
  ))();

export const StaffEvidenceBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      kind: described(
        z.enum(EMPLOYMENT_EVIDENCE_KINDS),
        'labour contract (劳动合同) or social-insurance record (社保缴纳记录): the person is the contractor’s own employee (R-CON-3)',
      ),
      ...UploadedFileFields,
    }),
    'RequestStaffEvidenceUpload',
    'Declares the employment evidence of a staff member and returns a presigned POST; the verifier checks the upload',
  ))();

const Evidence = /* @__PURE__ */ deferred(() =>
  z.object({
    documentId: z.string(),
    kind: z.enum(EMPLOYMENT_EVIDENCE_KINDS),
    fileName: z.string(),
    contentType: z.string(),
    size: count(),
    sha256: z.optional(z.string()),
    status: z.enum(['pending', 'verified', 'rejected']),
    reason: z.optional(z.string()),
    uploadedAt: z.optional(instant('when the employment evidence was received and checked')),
    verifiedAt: z.optional(instant('when the verifier settled the employment evidence')),
    createdAt: instant('when the employment evidence was declared'),
  }),
);

export const StaffMember = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      contractorId: z.string(),
      name: z.string(),
      residentId: described(
        z.string(),
        'in full for the bureau and the contractor itself; masked (first 6 and last 2 characters) for everyone else',
      ),
      role: z.enum(STAFF_ROLES),
      qualification: z.optional(
        z.object({
          level: z.enum(QUALIFICATION_LEVELS),
          certificateNumber: z.string(),
          validUntil: IsoDate,
        }),
      ),
      joinedOn: IsoDate,
      left: z.optional(
        z.object({
          on: IsoDate,
          reason: z.optional(z.string()),
          by: ActorView(),
          at: instant('when the leaving was recorded'),
        }),
      ),
      evidence: z.optional(Evidence()),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'StaffMember',
    "A person on a contractor's roster (R-CON-3, R-STAFF-1)",
  ),
);

export const StaffList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(StaffMember()), cursor: z.optional(z.string()) }),
);

export const StaffEvidenceUpload = /* @__PURE__ */ deferred(() =>
  component(
    z.object({ documentId: z.string(), staff: StaffMember(), upload: PresignedUpload() }),
    'StaffEvidenceUpload',
  ),
);

const PlaceSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    kind: described(
      z.enum(PLACE_KINDS),
      'the district service center, a town, a village or community, or a support institution',
    ),
    purchaserId: described(
      RecordId,
      'the purchaser the place belongs to: the district bureau for the service center, else the town (区买乡用, R-STAFF-2)',
    ),
    code: z.optional(
      described(trimmed(1, 100), "a village's id (the district's villages), or an institution's name"),
    ),
  }))();

const PeriodSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    start: described(IsoDate, 'the first day dispatched (Shanghai date), within the contract’s term'),
    end: described(IsoDate, 'the last day dispatched (Shanghai date), within the contract’s term'),
  }))();

export const CreateDispatchBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({ staffId: RecordId, place: PlaceSchema, period: PeriodSchema }),
    'CreateDispatch',
    "Dispatches a person of the contractor's roster to a place for a period of the contract (R-CON-3)",
  ))();

export const EndDispatchBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      on: described(IsoDate, 'the last day the dispatch covers (Shanghai date), within its period'),
      reason: z.optional(trimmed(1, 500)),
    }),
    'EndDispatch',
    'Ends a dispatch early, dated; the record stays',
  ))();

export const Dispatch = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      contractId: z.string(),
      contractorId: z.string(),
      staffId: z.string(),
      place: z.object({
        kind: z.enum(PLACE_KINDS),
        purchaserId: z.string(),
        code: z.optional(z.string()),
      }),
      period: z.object({ start: IsoDate, end: IsoDate }),
      person: z.optional(
        described(
          z.object({ name: z.string(), residentId: z.string(), role: z.string() }),
          "the person's name, role and masked resident ID (first 6 and last 2 characters) when dispatched",
        ),
      ),
      qualified: described(
        z.boolean(),
        'holds a social-work qualification valid on the first day (R-STAFF-1)',
      ),
      endedAt: z.optional(instant('the last instant the dispatch covers, when it was ended early')),
      ended: z.optional(
        z.object({
          on: IsoDate,
          reason: z.optional(z.string()),
          by: ActorView(),
          at: instant('when the early end was recorded'),
        }),
      ),
      createdBy: z.optional(ActorView()),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'Dispatch',
    'A person of the roster dispatched to a place for a period of a contract (R-CON-3, R-STAFF-2)',
  ),
);

export const StaffingShare = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      dispatched: described(count(), 'people dispatched under the contract, each once'),
      qualified: described(
        count(),
        'of them, those holding a social-work qualification valid at their start',
      ),
      shareBp: described(wholeNumber(0, 10_000), 'qualified / dispatched in basis points'),
      minimumBp: described(
        wholeNumber(0, 10_000),
        "the acceptance plan's minimumQualifiedShareBp (R-STAFF-1)",
      ),
      met: z.boolean(),
    }),
    'StaffingShare',
  ),
);

export const DispatchList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(Dispatch()), staffing: StaffingShare() }),
);

export const DispatchedStaffList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(Dispatch()), cursor: z.optional(z.string()) }),
);
