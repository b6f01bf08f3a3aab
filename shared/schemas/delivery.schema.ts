/**
 * Delivery records, the portal's batch and progress (issue 13 §2; shared/domain/delivery.ts,
 * shared/domain/delivery-progress.ts; docs/deliveries.md). Request bodies are strict: an unknown field is a 400
 * naming it; in a batch, each row is checked on its own and answered on its own.
 */
import { BATCH_MAX_RECORDS } from '#shared/domain/delivery';
import { RECORD_ID_PATTERN } from '#shared/domain/ids';
import {
  ActorView,
  Phone,
  RecordId,
  count,
  createdAt,
  decimal,
  instant,
  quantityValue,
  updatedAt,
} from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
const Code = /* @__PURE__ */ (() => z.string().check(z.regex(/^[A-Za-z0-9_-]{2,40}$/, 'a code')))();

export const DeliveryParams = /* @__PURE__ */ (() => z.object({ id: RecordId, deliveryId: RecordId }))();

/** The fields of one delivery record, shared by the single route and each row of a batch. */
const deliveryFields = () => ({
  catalogCode: described(
    z.string().check(z.regex(/^[A-C]-[A-Z0-9-]{2,30}$/, 'a catalog code')),
    "the service delivered: the contract's catalog code",
  ),
  lineCode: described(
    Code,
    "the delivery-plan line it counts against (the contract's acceptancePlan.delivery[].code)",
  ),
  indicatorCode: z.optional(
    described(
      Code,
      "the service-standard indicator it bears on (the contract's acceptancePlan.indicators[].code)",
    ),
  ),
  recipient: described(
    z.strictObject({
      villageId: described(
        z.string().check(z.regex(/^[a-z0-9-]{3,40}$/, 'a village id')),
        "the village or community served: one of the contract's purchaser's (any of the district for the bureau's)",
      ),
      name: described(
        trimmed(1, 50),
        'personal data: sealed at once, shown in clear to the purchaser’s staff only',
      ),
      residentId: described(
        z.string().check(z.regex(/^\d{17}[\dXx]$/, 'a resident ID number: 17 digits and a digit or X')),
        'personal data (GB 11643, check digit verified): sealed, and kept as a keyed hash, the pseudonymous reference',
      ),
      phone: z.optional(described(Phone, 'personal data, for the acceptance’s invitation: sealed')),
    }),
    'the recipient: the village in clear, the person sealed',
  ),
  staffId: described(
    z.string().check(z.regex(RECORD_ID_PATTERN, 'not a valid id')),
    'the rostered person who delivered it: dispatched under this contract to that place at that time (R-CON-3)',
  ),
  start: instant('when the delivered service started: within the contract’s term'),
  end: instant('when the delivered service ended: at or after start, not in the future'),
  quantity: quantityValue(),
  notes: z.optional(described(trimmed(1, 2_000), 'what was done, for the purchaser')),
  evidenceReference: z.optional(
    described(trimmed(1, 200), 'where the evidence is kept (a form number, a photo archive reference)'),
  ),
});

export const CreateDeliveryBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject(deliveryFields()),
    'CreateDelivery',
    'One service delivered under a signed contract, by a dispatched member of the contractor’s own staff',
  ))();

/** One row of a portal's batch: a record and the portal's own id for it (a retry of the row creates nothing). */
export const DeliveryBatchRow = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      recordId: described(
        z
          .string()
          .check(z.regex(/^[0-9A-Za-z_.:-]{1,64}$/, 'the portal’s record id: 1–64 of A-Z a-z 0-9 _ . : -')),
        'the portal’s own id of the record: the same recordId again (a retry) answers duplicate with the id it has',
      ),
      ...deliveryFields(),
    }),
    'DeliveryBatchRow',
    'One record of a batch: CreateDelivery and the portal’s recordId',
  ))();

export const CreateDeliveryBatchBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      records: described(
        z.array(DeliveryBatchRow).check(z.minLength(1), z.maxLength(BATCH_MAX_RECORDS)),
        `1–${BATCH_MAX_RECORDS} rows. A row the schema refuses (a wrong type or format, an unknown field) is a 400 for the whole batch naming it (records.<i>.<field>): nothing is written. A well-formed row a rule refuses (not dispatched, R-CON-3; not a line of the plan; a village outside the purchaser's area; an ID whose check digit fails; outside the term or in the future) is answered invalid on its own and never stops the others`,
      ),
    }),
    'CreateDeliveryBatch',
    'A day’s delivery records from a partner portal (or the contractor), answered row by row',
  ))();

const FieldError = /* @__PURE__ */ (() =>
  z.object({
    field: described(z.string(), 'dot path in the request body, e.g. records.17.staffId'),
    detail: z.string(),
    rule: z.optional(z.string()),
  }))();

export const DeliveryBatchResult = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      results: z.array(
        z.object({
          index: wholeIndex(),
          recordId: z.string(),
          status: described(
            z.enum(['created', 'duplicate', 'invalid']),
            'created: recorded now; duplicate: recorded by an earlier request (its id); invalid: see errors, nothing written',
          ),
          id: z.optional(described(z.string(), 'the delivery record’s id (created or duplicate)')),
          errors: z.optional(z.array(FieldError)),
        }),
      ),
      created: count(),
      duplicate: count(),
      invalid: count(),
    }),
    'DeliveryBatchResult',
    'Each row’s answer, in the order sent',
  ),
);

function wholeIndex() {
  return z.number().check(z.int(), z.minimum(0), z.maximum(BATCH_MAX_RECORDS - 1));
}

export const Delivery = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      contractId: z.string(),
      contractorId: z.string(),
      purchaserId: z.string(),
      catalogCode: z.string(),
      lineCode: z.string(),
      unit: z.string(),
      indicatorCode: z.optional(z.string()),
      recipient: described(
        z.object({
          villageId: z.string(),
          townId: z.string(),
          ref: described(z.string(), 'pseudonymous reference: a keyed hash of the resident ID'),
          name: z.optional(described(z.string(), 'in clear for the purchaser’s staff only')),
          residentId: z.optional(described(z.string(), 'in clear for the purchaser’s staff only')),
          phone: z.optional(described(z.string(), 'in clear for the purchaser’s staff only')),
        }),
        'the recipient: the contractor, portals, finance and auditors see the village and the pseudonymous reference only',
      ),
      staffId: z.string(),
      dispatchId: z.string(),
      start: instant('when the delivered service started: within the contract’s term'),
      end: instant('when the delivered service ended: at or after start, not in the future'),
      quantity: decimal(0.001, 1_000_000_000, 3),
      notes: z.optional(z.string()),
      evidenceReference: z.optional(z.string()),
      portalRecordId: z.optional(z.string()),
      recordedBy: ActorView(),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'Delivery',
    'A delivery record (issue 13 §2)',
  ),
);

export const DeliveryList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(Delivery()), cursor: z.optional(z.string()) }),
);

export const Progress = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      contractId: z.string(),
      asOf: described(z.iso.date(), 'today in Asia/Shanghai'),
      elapsedShare: described(decimal(0, 1, 4), 'the share of the term elapsed by the end of asOf'),
      lines: z.array(
        z.object({
          code: z.string(),
          description: z.string(),
          unit: z.string(),
          planned: decimal(0, 1_000_000_000, 3),
          delivered: decimal(0, 1_000_000_000_000, 3),
          records: count(),
          expectedByToday: decimal(0, 1_000_000_000, 3),
          status: described(
            z.enum(['on_track', 'at_risk', 'behind']),
            'on_track: delivered ≥ expected; at_risk: ≥ 90 % of expected; behind: below 90 % (R-SUP-1)',
          ),
        }),
      ),
    }),
    'Progress',
    'Planned against delivered per delivery line, from the counters kept with each record: one read (R-SUP-1)',
  ),
);
