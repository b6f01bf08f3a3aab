/**
 * A contractor's staff roster and the rules of dispatching its people to a contract (issue 13 §1; R-CON-3, R-STAFF-1,
 * R-STAFF-2). Pure: the routes' use cases (shared/use-cases/staff.ts) load, call these, and commit.
 *
 * - R-CON-3 (no subcontracting): only a person on the contractor's own roster, with verified employment evidence (a
 *   labour contract or a social-insurance record), is dispatched; a person already dispatched by ANOTHER contractor
 *   for an overlapping period is refused. One item per person (`PersonDispatches`, keyed by the keyed hash of the
 *   resident ID) holds every contractor's periods, so the overlap is judged on one read and kept by its version.
 * - R-STAFF-1: social-work qualifications (助理社会工作师 / 社会工作师 / 高级社会工作师) count toward the contract's
 *   minimum qualified share when valid on the dispatch's first day.
 * - R-STAFF-2 (区买乡用): a dispatch names the place served, whose purchaser (a town) lists the staff sent to it.
 */
import type { Dispatch, Place } from './dispatch';
import { lastDayOf } from './dispatch';
import { checkResidentIdNumber } from './credit-code';
import { DomainError } from './errors';
import type { Actor } from './audit-chain';

export const STAFF_ROLES = ['caregiver', 'coordinator', 'social_worker', 'other'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** 助理社会工作师, 社会工作师, 高级社会工作师 (the national social-work vocational levels). */
export const QUALIFICATION_LEVELS = [
  'assistant_social_worker',
  'social_worker',
  'senior_social_worker',
] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

export const EMPLOYMENT_EVIDENCE_KINDS = ['labour_contract', 'social_insurance_record'] as const;
export type EmploymentEvidenceKind = (typeof EMPLOYMENT_EVIDENCE_KINDS)[number];

export interface Qualification {
  level: QualificationLevel;
  certificateNumber: string;
  /** Shanghai date, included. */
  validUntil: string;
}

/** The employment evidence of a staff member (R-CON-3): declared, uploaded, checked by the verifier. */
export interface EmploymentEvidence {
  documentId: string;
  kind: EmploymentEvidenceKind;
  fileName: string;
  contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/ofd';
  size: number;
  sha256?: string;
  versionId?: string;
  objectKey: string;
  status: 'pending' | 'verified' | 'rejected';
  reason?: string;
  uploadedAt?: string;
  verifiedAt?: string;
  createdAt: string;
}

/**
 * A staff member, stored in its contractor's partition. The stored form holds the resident ID's mask; the number
 * itself is sealed in `personal` (shared/use-cases/staff.ts) and recognised across contractors by `personHash`.
 */
export interface StaffMember {
  id: string;
  contractorId: string;
  name: string;
  /** The mask in the stored form; the number in clear only in the views of the bureau and the contractor. */
  residentId: string;
  /** Keyed hash (HMAC) of the resident ID: the same person under every contractor's roster. */
  personHash: string;
  personal?: { sealed: unknown };
  role: StaffRole;
  qualification?: Qualification;
  /** Shanghai date. */
  joinedOn: string;
  /** Left the roster (dated, never deleted): the last day on it. */
  left?: { on: string; reason?: string; by: Actor; at: string };
  evidence?: EmploymentEvidence;
  createdBy: Actor;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const staffObjectKey = (contractorId: string, staffId: string, documentId: string) =>
  `contractors/${contractorId}/staff/${staffId}/${documentId}`;

export function parseStaffObjectKey(
  objectKey: string,
): { contractorId: string; staffId: string; documentId: string } | undefined {
  const match = /^contractors\/([\w-]+)\/staff\/([\w-]+)\/([\w-]+)$/.exec(objectKey);
  return match
    ? { contractorId: match[1] as string, staffId: match[2] as string, documentId: match[3] as string }
    : undefined;
}

/** GB 11643: the resident ID number's check digit (and date of birth); 400 naming `residentId`. */
export function normalizedResidentId(raw: string): string {
  const check = checkResidentIdNumber(raw);
  if (!check.ok) {
    throw new DomainError('invalid', `residentId: ${check.problem} (GB 11643)`, { field: 'residentId' });
  }
  return check.normalized;
}

export interface StaffInput {
  name: string;
  residentId: string;
  role: StaffRole;
  qualification?: Qualification;
  joinedOn: string;
}

/** A new roster entry, before sealing: the resident ID checked (GB 11643) and normalised. */
export function newStaffMember(
  contractorId: string,
  input: StaffInput,
  ctx: { id: string; personHash: string; actor: Actor; at: string; today: string },
): StaffMember {
  const residentId = normalizedResidentId(input.residentId);
  if (input.joinedOn > ctx.today) {
    throw new DomainError('invalid', 'joinedOn: a person joins the roster on or before today', {
      field: 'joinedOn',
    });
  }
  return {
    id: ctx.id,
    contractorId,
    name: input.name,
    residentId,
    personHash: ctx.personHash,
    role: input.role,
    ...(input.qualification ? { qualification: input.qualification } : {}),
    joinedOn: input.joinedOn,
    createdBy: ctx.actor,
    version: 1,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  };
}

/** Leaving the roster is dated, never a delete: the last day on it, not before joining, once. */
export function leaveRoster(
  staff: StaffMember,
  input: { on: string; reason?: string },
  ctx: { actor: Actor; at: string },
): StaffMember {
  if (staff.left) {
    throw new DomainError('conflict', `the staff member left the roster on ${staff.left.on}`, {
      rule: 'R-CON-3',
    });
  }
  if (input.on < staff.joinedOn) {
    throw new DomainError('invalid', `on: before the day the staff member joined (${staff.joinedOn})`, {
      field: 'on',
    });
  }
  return {
    ...staff,
    left: { on: input.on, ...(input.reason ? { reason: input.reason } : {}), by: ctx.actor, at: ctx.at },
    version: staff.version + 1,
    updatedAt: ctx.at,
  };
}

/**
 * R-CON-3: a person leaves the roster only when none of this contractor's dispatches of them runs past the leaving
 * day (a dispatch would otherwise cover days the person is no longer its employee): end those first.
 */
export function leavingRefusal(
  person: Pick<PersonDispatches, 'periods'> | undefined,
  contractorId: string,
  on: string,
): string | undefined {
  const running = person?.periods.find((p) => p.contractorId === contractorId && p.end > on);
  return running
    ? `R-CON-3: dispatch ${running.dispatchId} covers the person until ${running.end}; end it on or before ${on} first`
    : undefined;
}

/** Declares (or replaces) the employment evidence: a new pending document, checked by the verifier. */
export function declareEvidence(
  staff: StaffMember,
  input: Pick<EmploymentEvidence, 'kind' | 'fileName' | 'contentType' | 'size' | 'sha256'>,
  ctx: { documentId: string; at: string },
): StaffMember {
  if (staff.left) {
    throw new DomainError('conflict', `the staff member left the roster on ${staff.left.on}`, {
      rule: 'R-CON-3',
    });
  }
  return {
    ...staff,
    evidence: {
      documentId: ctx.documentId,
      kind: input.kind,
      fileName: input.fileName,
      contentType: input.contentType,
      size: input.size,
      ...(input.sha256 !== undefined ? { sha256: input.sha256 } : {}),
      objectKey: staffObjectKey(staff.contractorId, staff.id, ctx.documentId),
      status: 'pending',
      createdAt: ctx.at,
    },
    version: staff.version + 1,
    updatedAt: ctx.at,
  };
}

/** R-STAFF-1: a qualification counts on a day up to its validity's end. */
export const qualifiedOn = (staff: Pick<StaffMember, 'qualification'>, date: string): boolean =>
  staff.qualification !== undefined && staff.qualification.validUntil >= date;

// ---- dispatch (R-CON-3) ----

/** One dispatch period of a person, as the person's item holds it. */
export interface PersonPeriod {
  dispatchId: string;
  contractId: string;
  contractorId: string;
  start: string;
  /** The last day covered (the period's end, or the day it was ended early). */
  end: string;
}

/** One person's dispatches across every contractor (`PERSON#<personHash>` / `DISPATCHES`). */
export interface PersonDispatches {
  personHash: string;
  periods: PersonPeriod[];
  version: number;
}

export interface Period {
  start: string;
  end: string;
}

const overlaps = (a: Period, b: Period) => a.start <= b.end && b.start <= a.end;

/** R-CON-3: another contractor's dispatch of the same person in an overlapping period, if any. */
export function otherContractorOverlap(
  person: Pick<PersonDispatches, 'periods'> | undefined,
  contractorId: string,
  period: Period,
): PersonPeriod | undefined {
  return person?.periods.find((p) => p.contractorId !== contractorId && overlaps(p, period));
}

export interface DispatchContract {
  id: string;
  contractorId: string;
  status: string;
  term: Period;
}

/**
 * Why this person may not be dispatched for this contract in this period, citing the rule; `undefined` when they
 * may. In the order a reader checks: the contract, the roster, the evidence, the other contractors' dispatches.
 */
export function dispatchRefusal(
  contract: DispatchContract,
  staff: StaffMember | undefined,
  period: Period,
  person: Pick<PersonDispatches, 'periods'> | undefined,
): { reason: string; field?: string } | undefined {
  if (contract.status !== 'signed') {
    return {
      reason: `R-CON-3: staff are dispatched only under a signed contract (it is ${contract.status})`,
    };
  }
  if (!staff || staff.contractorId !== contract.contractorId) {
    return {
      reason: "R-CON-3: the person is not on this contractor's roster (no subcontracting)",
      field: 'staffId',
    };
  }
  if (staff.joinedOn > period.start) {
    return {
      reason: `R-CON-3: the person joined the roster on ${staff.joinedOn}, after the period starts`,
      field: 'period.start',
    };
  }
  if (staff.left && staff.left.on < period.end) {
    return {
      reason: `R-CON-3: the person left the roster on ${staff.left.on}, before the period ends`,
      field: 'period.end',
    };
  }
  if (staff.evidence?.status !== 'verified') {
    return {
      reason:
        'R-CON-3: the person has no verified employment evidence (labour contract or social-insurance record): no subcontracting',
      field: 'staffId',
    };
  }
  const clash = otherContractorOverlap(person, contract.contractorId, period);
  if (clash) {
    return {
      reason: `R-CON-3: the person is dispatched by another contractor from ${clash.start} to ${clash.end}, overlapping this period`,
      field: 'period',
    };
  }
  return undefined;
}

/** The period must lie within the contract's term (400 naming the field). */
export function checkPeriod(term: Period, period: Period): void {
  if (period.end < period.start) {
    throw new DomainError('invalid', 'period.end: before period.start', { field: 'period.end' });
  }
  if (period.start < term.start || period.end > term.end) {
    throw new DomainError(
      'invalid',
      `period: must lie within the contract's term, ${term.start} to ${term.end}`,
      { field: period.start < term.start ? 'period.start' : 'period.end' },
    );
  }
}

/**
 * The purchaser a place may name and the code it needs (R-STAFF-2): villages by the district's ids. A town's contract
 * is served in that town (区买乡用); the district's anywhere in the district.
 */
export function checkPlace(
  place: Place,
  purchaser: { id: string; level: string; villages: readonly { id: string }[] } | undefined,
  contractPurchaser: { id: string; level: string },
): void {
  const refuse = (field: string, detail: string) => {
    throw new DomainError('invalid', `${field}: ${detail}`, { field });
  };
  if (!purchaser) refuse('place.purchaserId', 'no such purchaser');
  const p = purchaser as NonNullable<typeof purchaser>;
  if (contractPurchaser.level !== 'district' && p.id !== contractPurchaser.id) {
    refuse('place.purchaserId', `the contract is ${contractPurchaser.id}'s (区买乡用): its places are there`);
  }
  switch (place.kind) {
    case 'service_center':
      if (p.level !== 'district') refuse('place.purchaserId', 'the service center is the district bureau’s');
      if (place.code !== undefined) refuse('place.code', 'the service center takes no code');
      break;
    case 'town':
      if (p.level !== 'town') refuse('place.purchaserId', 'a town place names a town');
      if (place.code !== undefined) refuse('place.code', 'a town takes no code');
      break;
    case 'village':
      if (!place.code || !p.villages.some((v) => v.id === place.code))
        refuse('place.code', `a village or community of ${p.id}`);
      break;
    case 'institution':
      if (!place.code) refuse('place.code', "the institution's name");
      break;
  }
}

/** The person's periods with this dispatch added, or its last day moved (ended early). */
export function withPeriod(person: PersonDispatches | undefined, personHash: string, d: Dispatch) {
  const period: PersonPeriod = {
    dispatchId: d.id,
    contractId: d.contractId,
    contractorId: d.contractorId,
    start: d.period.start,
    end: lastDayOf(d),
  };
  const others = (person?.periods ?? []).filter((p) => p.dispatchId !== d.id);
  return {
    personHash,
    periods: [...others, period].sort((a, b) => a.start.localeCompare(b.start)),
    version: (person?.version ?? 0) + 1,
  } satisfies PersonDispatches;
}

/**
 * Ends a dispatch early, dated: `on` is the last day covered, within the period. `endedAt` is that day's last
 * instant in Shanghai (lastDayOf reads its date), `ended` who recorded it and when.
 */
export function endDispatch(
  d: Dispatch,
  input: { on: string; reason?: string },
  ctx: { actor: Actor; at: string },
): Dispatch {
  if (d.endedAt) {
    throw new DomainError('conflict', `the dispatch was ended on ${d.endedAt.slice(0, 10)}`, {
      rule: 'R-CON-3',
    });
  }
  if (input.on < d.period.start || input.on > d.period.end) {
    throw new DomainError(
      'invalid',
      `on: within the dispatch's period, ${d.period.start} to ${d.period.end}`,
      { field: 'on' },
    );
  }
  return {
    ...d,
    endedAt: `${input.on}T23:59:59.999+08:00`,
    ended: { on: input.on, ...(input.reason ? { reason: input.reason } : {}), by: ctx.actor, at: ctx.at },
    version: d.version + 1,
    updatedAt: ctx.at,
  };
}

/** R-STAFF-1: the contract's staffing share, against the plan's minimum in basis points. */
export function staffingShare(
  dispatches: readonly Pick<Dispatch, 'staffId' | 'qualified' | 'endedAt' | 'period'>[],
  minimumQualifiedShareBp: number,
): { dispatched: number; qualified: number; shareBp: number; minimumBp: number; met: boolean } {
  const people = new Map<string, boolean>();
  for (const d of dispatches) people.set(d.staffId, (people.get(d.staffId) ?? false) || d.qualified);
  const dispatched = people.size;
  const qualified = [...people.values()].filter(Boolean).length;
  const shareBp = dispatched === 0 ? 0 : Math.floor((qualified * 10_000) / dispatched);
  return {
    dispatched,
    qualified,
    shareBp,
    minimumBp: minimumQualifiedShareBp,
    met: minimumQualifiedShareBp === 0 || (dispatched > 0 && shareBp >= minimumQualifiedShareBp),
  };
}
