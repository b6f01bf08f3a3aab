/**
 * Delivery records (issue 13 §2; R-CON-3, R-CON-4, R-SUP-1): each service the contractor delivered under a signed
 * contract, counted against a line of the contract's delivery plan (acceptance-plan.ts). Pure: what a record holds,
 * the pseudonymous reference of its recipient, the checks a record must pass against its contract and the
 * contract's dispatches, and the id of a partner portal's record (a retry finds the same id).
 *
 * The recipient is a pseudonymous reference (village + a keyed hash of the resident ID, never the ID itself): the
 * name and ID are sealed under the personal-data key and opened only for the purchaser's staff (the bureau, or the
 * town that bought the service), never for the contractor after writing, a portal, finance, auditors or any public
 * route (PIPL; docs/deliveries.md).
 */
import { createHash } from 'node:crypto';
import type { Viewer } from './access';
import type { Actor } from './audit-chain';
import { businessDate } from './clock';
import type { Contract } from './contract';
import { checkResidentIdNumber } from './credit-code';
import type { Dispatch, Place } from './dispatch';
import { coveringDispatch } from './dispatch';
import { DEMO_DISTRICT } from './district-seed';

/** The keyed hash's purpose (HMAC domain separation, as personal-data.ts HASH_PURPOSE): a recipient's resident ID. */
export const RECIPIENT_HASH_PURPOSE = 'delivery.recipient.residentId';

/** At most this many records in one portal batch (issue 13 §2). */
export const BATCH_MAX_RECORDS = 500;

/** What the contractor (or a portal acting for it) sends for one delivered service. */
export interface DeliveryInput {
  /** The contract's catalog code: what service was delivered. */
  catalogCode: string;
  /** The delivery-plan line it counts against (`acceptancePlan.delivery[].code`). */
  lineCode: string;
  /** Optionally, the service-standard indicator it bears on (`acceptancePlan.indicators[].code`). */
  indicatorCode?: string;
  recipient: {
    villageId: string;
    /** Personal data: sealed at once, never stored or logged in clear. */
    name: string;
    residentId: string;
    phone?: string;
  };
  staffId: string;
  /** Instants (ISO 8601 with offset). */
  start: string;
  end: string;
  /** In the line's unit. */
  quantity: number;
  notes?: string;
  evidenceReference?: string;
}

/** The recipient as every record and view holds it: where, and a keyed hash of who. */
export interface RecipientRef {
  villageId: string;
  /** The town the village belongs to (the place's purchaser). */
  townId: string;
  /** Hex HMAC-SHA-256 of the resident ID under the personal-data MAC key ({@link RECIPIENT_HASH_PURPOSE}). */
  ref: string;
}

/** The recipient's personal data, sealed (an envelope under the personal-data key; opaque here). */
export interface RecipientContact {
  name: string;
  residentId: string;
  phone?: string;
}

export interface DeliveryRecord {
  id: string;
  contractId: string;
  contractorId: string;
  purchaserId: string;
  catalogCode: string;
  lineCode: string;
  unit: string;
  indicatorCode?: string;
  recipient: RecipientRef;
  /** The envelope of the {@link RecipientContact}: opened for the purchaser's staff only. Never in the audit entry. */
  sealedRecipient: unknown;
  staffId: string;
  /** The dispatch that covered the staff member there and then (R-CON-3). */
  dispatchId: string;
  start: string;
  end: string;
  quantity: number;
  notes?: string;
  evidenceReference?: string;
  /** A partner portal's own id of the record (batch): the record's id is derived from it. */
  portalRecordId?: string;
  recordedBy: Actor;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One reason a record is refused: the field at fault (relative to the record), the rule, 409 or 4xx. */
export interface DeliveryIssue {
  field: string;
  detail: string;
  rule: string;
  /** `conflict`: the contract's state or its dispatches decide (409); `refused`: the record breaks a rule (422). */
  kind: 'conflict' | 'refused';
}

/** The villages a contract's purchaser may have served: its own, or any of the district for the bureau's. */
export function villageTown(purchaserId: string, villageId: string): string | undefined {
  const buyer = DEMO_DISTRICT.find((p) => p.id === purchaserId);
  if (!buyer) return undefined;
  const towns = buyer.level === 'district' ? DEMO_DISTRICT : [buyer];
  return towns.find((t) => t.villages.some((v) => v.id === villageId))?.id;
}

/** A contract takes delivery records only while signed: not a draft, not completed, not terminated (R-PROC-1). */
export function checkRecordable(contract: Pick<Contract, 'id' | 'status'>): DeliveryIssue | undefined {
  return contract.status === 'signed'
    ? undefined
    : {
        field: 'id',
        detail: `contract ${contract.id} is ${contract.status}: deliveries are recorded on a signed contract only`,
        rule: 'R-PROC-1',
        kind: 'conflict',
      };
}

/**
 * Every rule a delivery record must pass against its (signed) contract, the contract's dispatches and the time now,
 * in field order; an empty list lets it land. `place` is the village served, found from `villageTown`.
 */
export function deliveryIssues(
  contract: Pick<Contract, 'catalogCode' | 'purchaserId' | 'term' | 'acceptancePlan'>,
  input: Pick<DeliveryInput, 'catalogCode' | 'lineCode' | 'indicatorCode' | 'staffId' | 'start' | 'end'> & {
    recipient: Pick<DeliveryInput['recipient'], 'villageId' | 'residentId'>;
  },
  dispatches: readonly Dispatch[],
  now: Date,
): { issues: DeliveryIssue[]; dispatch?: Dispatch; townId?: string } {
  const issues: DeliveryIssue[] = [];
  const refuse = (field: string, detail: string, rule: string) =>
    issues.push({ field, detail, rule, kind: 'refused' });
  if (input.catalogCode !== contract.catalogCode) {
    refuse('catalogCode', `the contract's service is ${contract.catalogCode}`, 'R-CON-4');
  }
  const lines = contract.acceptancePlan.delivery.map((l) => l.code);
  if (!lines.includes(input.lineCode)) {
    refuse('lineCode', `not a line of the contract's delivery plan (${lines.join(', ')})`, 'R-SUP-1');
  }
  if (input.indicatorCode !== undefined) {
    const indicators = contract.acceptancePlan.indicators.map((i) => i.code);
    if (!indicators.includes(input.indicatorCode)) {
      refuse('indicatorCode', `not an indicator of the contract (${indicators.join(', ')})`, 'R-ACC-1');
    }
  }
  const townId = villageTown(contract.purchaserId, input.recipient.villageId);
  if (!townId) {
    refuse(
      'recipient.villageId',
      `not a village or community of the purchaser ${contract.purchaserId}'s area`,
      'R-BUY-1',
    );
  }
  const id = checkResidentIdNumber(input.recipient.residentId);
  if (!id.ok) refuse('recipient.residentId', `not a resident ID number (GB 11643): ${id.problem}`, 'R-CON-4');
  const start = new Date(input.start);
  const end = new Date(input.end);
  const startDate = businessDate(start);
  const endDate = businessDate(end);
  let timesOk = true;
  if (startDate < contract.term.start || startDate > contract.term.end) {
    refuse('start', `within the contract's term ${contract.term.start} to ${contract.term.end}`, 'R-CON-4');
    timesOk = false;
  }
  if (end.getTime() < start.getTime()) {
    refuse('end', 'on or after start', 'R-CON-4');
    timesOk = false;
  } else if (endDate > contract.term.end) {
    refuse('end', `within the contract's term, by ${contract.term.end}`, 'R-CON-4');
    timesOk = false;
  }
  if (end.getTime() > now.getTime()) {
    refuse('end', 'not in the future: a record is of a service delivered', 'R-CON-4');
    timesOk = false;
  }
  // R-CON-3 (no subcontracting): the person who delivered is dispatched by this contractor under this contract to
  // the village (or its town) on the day the service started and on the day it ended.
  let dispatch: Dispatch | undefined;
  if (townId && timesOk) {
    const place: Place = { kind: 'village', purchaserId: townId, code: input.recipient.villageId };
    dispatch = coveringDispatch(dispatches, input.staffId, place, startDate, townId);
    const atEnd = dispatch && coveringDispatch(dispatches, input.staffId, place, endDate, townId);
    if (!dispatch || !atEnd) {
      dispatch = undefined;
      issues.push({
        field: 'staffId',
        detail: `${input.staffId} is not dispatched under this contract to ${input.recipient.villageId} from ${startDate} to ${endDate}: the contractor delivers with its own dispatched staff, never through another party (subcontracting)`,
        rule: 'R-CON-3',
        kind: 'conflict',
      });
    }
  }
  return { issues, ...(dispatch ? { dispatch } : {}), ...(townId ? { townId } : {}) };
}

const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Uint8Array, length: number): string {
  return [...bytes]
    .slice(0, length)
    .map((b) => BASE32[b % 32])
    .join('');
}

/** The characters of a record's id after `dlv_`: as long as the ids were when they began with the start. */
const ID_CHARACTERS = 26;

/**
 * A delivery record's id: `dlv_` and 26 characters that are the portal's (contract, caller, recordId) hashed for a
 * batch row, so a retry of the same row finds the same id and creates nothing whatever else it changed (a corrected
 * `start` included: the recordId alone names the record), or random for a single record (whose retries the
 * Idempotency-Key covers). No time part: the list is ordered by the record's index entry (keys.deliveryIndex).
 */
export function deliveryId(
  from: { contractId: string; caller: string; recordId: string } | Uint8Array,
): string {
  const tail =
    from instanceof Uint8Array
      ? from
      : createHash('sha256').update(`${from.contractId}\n${from.caller}\n${from.recordId}`).digest();
  if (tail.length < ID_CHARACTERS) throw new Error(`deliveryId: ${ID_CHARACTERS} bytes at least`);
  return `dlv_${base32(tail, ID_CHARACTERS)}`;
}

/** Whose records open in clear: the purchaser's staff only (the bureau, or the town that bought the service). */
export function opensRecipients(viewer: Viewer, contract: { purchaserId: string }): boolean {
  if (viewer.role === 'bureau') return true;
  return viewer.role === 'town' && viewer.purchaserId === contract.purchaserId;
}

/**
 * Who may read a contract's deliveries and progress at all: the contractor itself (or a portal acting for it), and
 * the district's staff in their purchaser scope (the bureau, finance, audit; a town its own contracts, R-BUY-1).
 */
export function canReadDeliveries(
  viewer: Viewer,
  contract: { contractorId: string; purchaserId: string },
): boolean {
  switch (viewer.role) {
    case 'contractor':
      return viewer.contractorId === contract.contractorId;
    case 'town':
      return viewer.purchaserId === contract.purchaserId;
    case 'bureau':
    case 'finance':
    case 'auditor':
      return true;
    default:
      return false;
  }
}
