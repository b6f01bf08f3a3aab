/**
 * The staff roster and dispatch (issue 13 §1; R-CON-3, R-STAFF-1, R-STAFF-2; docs/staff-and-dispatch.md): load →
 * rule (shared/domain/staff.ts) → one transaction with the audit entry (R-SUP-2).
 *
 * - A staff member lives in its contractor's partition (`keys.staff`, audit type `staff`, id = staffId). Its resident
 *   ID is personal data: sealed under the personal-data key (context: the contractor, `field: personal` and the
 *   staff id, so it opens as nothing else), the stored form and the audit entry hold the mask, and `personHash` (a
 *   keyed hash) recognises the same person on any contractor's roster without the number.
 * - A dispatch lives in its contract's partition (`keys.dispatch`, audit type `dispatch`) and on GSI1 under the
 *   purchaser of its place (区买乡用, R-STAFF-2). The person's item (`keys.personDispatches(personHash)`) holds every
 *   contractor's periods; it is written in the same transaction, conditional on the version read, so two
 *   contractors dispatching the same person at once cannot both land (R-CON-3): the loser reads again and is refused.
 */
import type { Viewer } from '#shared/domain/access';
import { canSeeEvidence, inPurchaserScope } from '#shared/domain/access';
import { loadContract } from './contracts';
import type { Actor } from '#shared/domain/audit-chain';
import { businessDate, isoWithOffset } from '#shared/domain/clock';
import { maskResidentId } from '#shared/domain/credit-code';
import type { Contractor } from '#shared/domain/contractor';
import type { Dispatch, Place } from '#shared/domain/dispatch';
import { DomainError, notFound } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import type {
  EmploymentEvidence,
  PersonDispatches,
  Period,
  StaffInput,
  StaffMember,
} from '#shared/domain/staff';
import {
  checkPeriod,
  checkPlace,
  declareEvidence,
  dispatchRefusal,
  endDispatch as end,
  leaveRoster,
  leavingRefusal,
  newStaffMember,
  qualifiedOn,
  staffingShare,
  withPeriod,
} from '#shared/domain/staff';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { previousOf, versionUnchanged } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { countDocumentDeclaration } from './document-quota';
import { assertVersion } from './if-match';
import type { Deps, DocumentDeps, KeyedHashPort, OpenPort, SealedValue, SealPort } from './ports';

export const STAFF_RECORD_TYPE = 'staff';
export const DISPATCH_RECORD_TYPE = 'dispatch';

/**
 * The keyed hash's purpose for a person's resident ID: one hash space for every contractor's roster, so the same
 * person is the same `personHash` wherever they are rostered (R-CON-3).
 */
export const PERSON_HASH_PURPOSE = 'person.residentId';

/** The personal-data key's policy asks for `recordType: contractor` and `field: personal`; `staff` binds it further. */
const staffContext = (contractorId: string, staffId: string) => ({
  recordType: 'contractor',
  contractorId,
  field: 'personal',
  staff: staffId,
});

export interface StaffSealingDeps extends Deps {
  seal: SealPort;
  keyedHash: KeyedHashPort;
}
export interface StaffOpeningDeps extends Deps {
  open: OpenPort;
}

/** The record as its audit entry holds it: the mask and the person's hash, without the seal. */
function withoutSeal(staff: StaffMember): Omit<StaffMember, 'personal'> {
  const { personal: _seal, ...rest } = staff;
  return rest;
}

export function staffChange(
  next: StaffMember,
  action: string,
  actor: Actor,
  previous?: Stored<StaffMember>,
): RecordChange {
  return {
    recordType: STAFF_RECORD_TYPE,
    recordId: next.id,
    key: keys.staff(next.contractorId, next.id),
    value: next,
    ...previousOf(previous),
    actor,
    action,
    at: next.updatedAt,
    auditData: withoutSeal(next),
  };
}

/** A person's periods (or roster entry) were written by someone else since they were read: read again and judge again. */
class PersonChanged extends Error {}

/**
 * The roster's uniqueness marker: one per person (by `personHash`) on a contractor's roster, in its partition
 * (`CONTRACTOR#<id>` / `PERSON#<personHash>`), naming the active entry. Created with the entry when there is none or
 * the one there is dated `left`; dated in the leaving's transaction, so the person may be rostered again later.
 */
export const rosterPersonKey = keys.rosterPerson;

interface RosterPerson {
  contractorId: string;
  personHash: string;
  staffId: string;
  /** The day the entry it names left the roster: the person may be rostered again. */
  leftOn?: string;
}

const alreadyRostered = () =>
  new DomainError(
    'conflict',
    "residentId: the person is already on this contractor's roster (one active entry per person)",
    {
      field: 'residentId',
    },
  );

/** The marker of a new entry: none before, or the one there names an entry that left (R-CON-3's roster, once). */
function rosterMarkerCreate(staff: StaffMember): ExtraWrite {
  return {
    item: {
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...rosterPersonKey(staff.contractorId, staff.personHash),
          recordType: 'roster-person',
          contractorId: staff.contractorId,
          personHash: staff.personHash,
          staffId: staff.id,
        } satisfies ReturnType<typeof rosterPersonKey> & RosterPerson & { recordType: string },
        ConditionExpression: 'attribute_not_exists(PK) OR attribute_exists(leftOn)',
      },
    },
    onConditionFailed: alreadyRostered,
  };
}

/** The marker dated with the leaving, on the condition that it still names this entry. */
function rosterMarkerLeave(staff: StaffMember, on: string): ExtraWrite {
  return {
    item: {
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...rosterPersonKey(staff.contractorId, staff.personHash),
          recordType: 'roster-person',
          contractorId: staff.contractorId,
          personHash: staff.personHash,
          staffId: staff.id,
          leftOn: on,
        } satisfies ReturnType<typeof rosterPersonKey> & RosterPerson & { recordType: string },
        ConditionExpression: 'attribute_not_exists(PK) OR staffId = :staff',
        ExpressionAttributeValues: { ':staff': staff.id },
      },
    },
    onConditionFailed: () => new PersonChanged(),
  };
}

/** Who changes a roster: the bureau, and the contractor itself (its own user, or a portal acting for it). */
const mayChangeRoster = (viewer: Viewer, contractorId: string) => canSeeEvidence(viewer, contractorId);

/**
 * Who reads the resident ID in full: the bureau and the contractor's own user. Not a portal acting for it (issue 13
 * §1: the number is for the bureau and the contractor, masked in every other view): it reads the roster masked.
 */
const readsResidentId = (viewer: Viewer, contractorId: string) =>
  canSeeEvidence(viewer, contractorId) && viewer.via === undefined;

/**
 * Who reads a roster at all (R-BUY-1): the contractor itself and the bureau (in full), the auditor (masked: R-SUP-2's
 * review reaches every record). Not a town: it sees the staff dispatched to its places, through the dispatches
 * (listDispatchedStaff, 区买乡用), never a contractor's roster, which names people who may never serve it. Not
 * finance: it pays contracts against their milestones, not people; a contract's staffing is in its dispatches.
 */
const mayReadRoster = (viewer: Viewer, contractorId: string) =>
  canSeeEvidence(viewer, contractorId) || viewer.role === 'auditor';

async function loadContractorFor(deps: Deps, contractorId: string): Promise<Contractor> {
  const stored = await deps.store.get<Contractor>(keys.contractor(contractorId));
  if (!stored) throw notFound('contractor');
  return stored.value;
}

/** Adds a person to the contractor's roster: the resident ID checked (GB 11643), sealed and hashed. */
export async function createStaff(
  deps: StaffSealingDeps,
  contractorId: string,
  input: StaffInput,
  ctx: { viewer: Viewer; actor: Actor; remember: (staff: StaffMember) => ExtraWrite[] },
): Promise<StaffMember> {
  if (!mayChangeRoster(ctx.viewer, contractorId)) throw notFound('contractor');
  await loadContractorFor(deps, contractorId);
  const now = deps.clock.now();
  const at = isoWithOffset(now);
  const id = newId('stf', now);
  const clear = newStaffMember(contractorId, input, {
    id,
    personHash: '',
    actor: ctx.actor,
    at,
    today: businessDate(now),
  });
  const [sealed, personHash] = await Promise.all([
    deps.seal.seal(clear.residentId, staffContext(contractorId, id)),
    deps.keyedHash.hash(PERSON_HASH_PURPOSE, clear.residentId),
  ]);
  const stored: StaffMember = {
    ...clear,
    residentId: maskResidentId(clear.residentId),
    personHash,
    personal: { sealed },
  };
  await deps.store.commit(
    [staffChange(stored, 'staff.rostered', ctx.actor)],
    [rosterMarkerCreate(stored), ...ctx.remember(stored)],
  );
  // The answer shows the number to the caller who just sent it (the bureau or the contractor).
  return { ...stored, residentId: clear.residentId };
}

/** The record as this viewer sees it: the resident ID in full for the bureau and the contractor, else the mask. */
async function disclose(deps: StaffOpeningDeps, staff: StaffMember, viewer: Viewer): Promise<StaffMember> {
  const { personal, ...rest } = staff;
  if (!personal || !readsResidentId(viewer, staff.contractorId)) return rest;
  const residentId = await deps.open.open(
    personal.sealed as SealedValue,
    staffContext(staff.contractorId, staff.id),
  );
  return { ...rest, residentId };
}

async function loadStaff(
  deps: Deps,
  contractorId: string,
  staffId: string,
  viewer: Viewer,
  may: (viewer: Viewer, contractorId: string) => boolean,
): Promise<Stored<StaffMember>> {
  if (!may(viewer, contractorId)) throw notFound('staff member');
  const stored = await deps.store.get<StaffMember>(keys.staff(contractorId, staffId));
  if (!stored) throw notFound('staff member');
  return stored;
}

export async function getStaff(
  deps: StaffOpeningDeps,
  ids: { contractorId: string; staffId: string },
  viewer: Viewer,
): Promise<StaffMember> {
  const stored = await loadStaff(deps, ids.contractorId, ids.staffId, viewer, mayReadRoster);
  return disclose(deps, stored.value, viewer);
}

export async function listStaff(
  deps: StaffOpeningDeps,
  contractorId: string,
  viewer: Viewer,
  page: { limit: number; cursor?: string },
): Promise<{ items: StaffMember[]; cursor?: string }> {
  if (!mayReadRoster(viewer, contractorId)) throw notFound('contractor');
  await loadContractorFor(deps, contractorId);
  const found = await deps.store.queryPartition<StaffMember>(keys.contractor(contractorId).PK, {
    limit: page.limit,
    sortKeyPrefix: keys.staffPrefix(),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return {
    items: await Promise.all(found.items.map((s) => disclose(deps, s.value, viewer))),
    ...(found.cursor ? { cursor: found.cursor } : {}),
  };
}

/**
 * Dates a person's leaving (If-Match); the record stays. The person's dispatches are judged on the version read and
 * the transaction holds that version (a ConditionCheck, or that there is still no item), so a dispatch landing in
 * between is seen: judged again with it, and refused (R-CON-3). The roster marker is dated in the same transaction.
 */
export async function leaveStaff(
  deps: StaffOpeningDeps,
  ids: { contractorId: string; staffId: string },
  input: { on: string; reason?: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<StaffMember> {
  const stored = await loadStaff(deps, ids.contractorId, ids.staffId, ctx.viewer, mayChangeRoster);
  assertVersion(stored.value, ctx.ifMatch);
  const { personHash } = stored.value;
  const next = await retryOnPersonChange(async () => {
    const [person, marker] = await Promise.all([
      deps.store.get<PersonDispatches>(keys.personDispatches(personHash)),
      deps.store.get<RosterPerson>(rosterPersonKey(ids.contractorId, personHash)),
    ]);
    const refusal = leavingRefusal(person?.value, ids.contractorId, input.on);
    if (refusal) throw new DomainError('conflict', refusal, { rule: 'R-CON-3', field: 'on' });
    const left = leaveRoster(stored.value, input, {
      actor: ctx.actor,
      at: isoWithOffset(deps.clock.now()),
    });
    // An entry rostered before the marker existed may share the person with another active entry holding it: that
    // marker stays theirs.
    const ownsMarker = !marker || marker.value.staffId === left.id;
    await deps.store.commit(
      [staffChange(left, 'staff.left', ctx.actor, stored)],
      [
        personUnchanged(personHash, person?.value.version),
        ...(ownsMarker ? [rosterMarkerLeave(left, input.on)] : []),
      ],
      { conflictRetries: 3 },
    );
    return left;
  });
  return disclose(deps, next, ctx.viewer);
}

type PresignedUpload = Awaited<ReturnType<DocumentDeps['storage']['presignUpload']>>;

/**
 * Declares the staff member's employment evidence (R-CON-3) and hands out a presigned POST, as a condition's
 * evidence is (shared/use-cases/contractors.ts requestDocumentUpload): counted against the contractor's daily
 * allowance of declared documents; the verifier checks the upload (shared/use-cases/verify-document.ts).
 */
export async function requestStaffEvidenceUpload(
  deps: DocumentDeps & StaffOpeningDeps,
  ids: { contractorId: string; staffId: string },
  input: Pick<EmploymentEvidence, 'kind' | 'fileName' | 'contentType' | 'size' | 'sha256'>,
  ctx: {
    viewer: Viewer;
    actor: Actor;
    remember: (outcome: { staff: StaffMember; upload: PresignedUpload }) => ExtraWrite[];
  },
): Promise<{ staff: StaffMember; upload: PresignedUpload }> {
  const stored = await loadStaff(deps, ids.contractorId, ids.staffId, ctx.viewer, mayChangeRoster);
  const now = deps.clock.now();
  const next = declareEvidence(stored.value, input, {
    documentId: newId('doc', now),
    at: isoWithOffset(now),
  });
  const evidence = next.evidence as EmploymentEvidence;
  const upload = await deps.storage.presignUpload(
    evidence.objectKey,
    evidence.contentType,
    evidence.size,
    now,
    undefined,
    { fileName: evidence.fileName },
  );
  const shown = await disclose(deps, next, ctx.viewer);
  await deps.store.commit(
    [staffChange(next, 'staff.evidence_declared', ctx.actor, stored)],
    [countDocumentDeclaration(ids.contractorId, now), ...ctx.remember({ staff: shown, upload })],
  );
  return { staff: shown, upload };
}

/** A retried declaration (same Idempotency-Key) gets a fresh form for the same document, while it awaits its file. */
export async function renewStaffEvidenceForm(
  deps: DocumentDeps & StaffOpeningDeps,
  ids: { contractorId: string; staffId: string },
  documentId: string,
  viewer: Viewer,
): Promise<{ staff: StaffMember; upload: PresignedUpload }> {
  const stored = await loadStaff(deps, ids.contractorId, ids.staffId, viewer, mayChangeRoster);
  const evidence = stored.value.evidence;
  if (evidence?.documentId !== documentId || evidence.status !== 'pending') {
    throw new DomainError(
      'conflict',
      `document ${documentId} no longer awaits its file: read the staff member, or declare new evidence`,
    );
  }
  const upload = await deps.storage.presignUpload(
    evidence.objectKey,
    evidence.contentType,
    evidence.size,
    deps.clock.now(),
    undefined,
    { fileName: evidence.fileName },
  );
  return { staff: await disclose(deps, stored.value, viewer), upload };
}

// ---- dispatch (R-CON-3, R-STAFF-1, R-STAFF-2) ----

/** Who reads a contract's dispatches: its contractor, the purchaser's staff in scope, finance and audit. */
export function dispatchChange(
  next: Dispatch,
  action: string,
  actor: Actor,
  previous?: Stored<Dispatch>,
): RecordChange {
  return {
    recordType: DISPATCH_RECORD_TYPE,
    recordId: next.id,
    key: keys.dispatch(next.contractId, next.id),
    index: keys.dispatchIndex(next.place.purchaserId, next.period.start, next.id),
    value: next,
    ...previousOf(previous),
    actor,
    action,
    at: next.updatedAt,
  };
}

/**
 * The person's item, written in the dispatch's transaction on the version read (created if there was none): the
 * condition that makes the overlap rule race-free (R-CON-3).
 */
function personWrite(next: PersonDispatches, readVersion: number | undefined): ExtraWrite {
  return {
    item: {
      Put: {
        TableName: TABLE_NAME,
        Item: { ...keys.personDispatches(next.personHash), recordType: 'person-dispatches', ...next },
        ...(readVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : {
              ConditionExpression: 'version = :read',
              ExpressionAttributeValues: { ':read': readVersion },
            }),
      },
    },
    onConditionFailed: () => new PersonChanged(),
  };
}

/**
 * The person's item must still be at the version read (or still absent) when the transaction lands: a dispatch
 * written meanwhile makes the reader judge again (leaving the roster, R-CON-3).
 */
function personUnchanged(personHash: string, readVersion: number | undefined): ExtraWrite {
  return {
    item: {
      ConditionCheck: {
        TableName: TABLE_NAME,
        Key: keys.personDispatches(personHash),
        ...(readVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : {
              ConditionExpression: 'version = :read',
              ExpressionAttributeValues: { ':read': readVersion },
            }),
      },
    },
    onConditionFailed: () => new PersonChanged(),
  };
}

/** The roster entry must still be at the version read: a leaving (or new evidence) meanwhile is judged again. */
const staffUnchanged = (staff: StaffMember): ExtraWrite =>
  versionUnchanged(keys.staff(staff.contractorId, staff.id), staff.version, () => new PersonChanged());

/** How many times a dispatch is judged again when the person's item changed under it. */
export const DISPATCH_ATTEMPTS = 6;

async function retryOnPersonChange<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const raced =
        error instanceof PersonChanged ||
        (error instanceof DomainError &&
          error.code === 'conflict' &&
          error.message.startsWith('another change'));
      if (!raced) throw error;
      if (n >= DISPATCH_ATTEMPTS) {
        throw new DomainError(
          'conflict',
          "the person's dispatches kept changing while this one was judged; try again",
          { rule: 'R-CON-3' },
        );
      }
      // Jitter, so writers that met once do not meet again in step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * n));
    }
  }
}

interface Purchaser {
  id: string;
  level: string;
  villages: { id: string }[];
}

export interface DispatchInput {
  staffId: string;
  place: Place;
  period: Period;
}

/**
 * Dispatches a person of the contractor's roster for this contract (the contractor itself, or a portal acting for
 * it). 409 with the reason and R-CON-3 when the contract is not signed, the person is not on the roster for the
 * whole period, has no verified employment evidence, or is dispatched by another contractor in an overlapping period.
 */
export async function createDispatch(
  deps: Deps,
  contractId: string,
  input: DispatchInput,
  ctx: { viewer: Viewer; actor: Actor; remember: (d: Dispatch) => ExtraWrite[] },
): Promise<Dispatch> {
  const contract = (await loadContract(deps, contractId, ctx.viewer)).value;
  if (ctx.viewer.role !== 'contractor') {
    throw new DomainError('conflict', "R-CON-3: only the contract's contractor dispatches its own staff", {
      rule: 'R-CON-3',
    });
  }
  checkPeriod(contract.term, input.period);
  const [purchaser, contractPurchaser] = await Promise.all([
    deps.store.get<Purchaser>(keys.purchaser(input.place.purchaserId)),
    deps.store.get<Purchaser>(keys.purchaser(contract.purchaserId)),
  ]);
  // A contract's purchaser is seeded with the district and never removed: missing is a broken invariant.
  if (!contractPurchaser)
    throw new Error(`contract ${contract.id} names purchaser ${contract.purchaserId}, who is not stored`);
  checkPlace(input.place, purchaser?.value, contractPurchaser.value);
  return retryOnPersonChange(async () => {
    const staff = await deps.store.get<StaffMember>(keys.staff(contract.contractorId, input.staffId));
    const person = staff
      ? await deps.store.get<PersonDispatches>(keys.personDispatches(staff.value.personHash))
      : undefined;
    const refusal = dispatchRefusal(contract, staff?.value, input.period, person?.value);
    if (refusal) {
      throw new DomainError('conflict', refusal.reason, {
        rule: 'R-CON-3',
        ...(refusal.field ? { field: refusal.field } : {}),
      });
    }
    const member = (staff as Stored<StaffMember>).value;
    const now = deps.clock.now();
    const at = isoWithOffset(now);
    const dispatch: Dispatch = {
      id: newId('dsp', now),
      contractId: contract.id,
      contractorId: contract.contractorId,
      staffId: member.id,
      place: {
        kind: input.place.kind,
        purchaserId: input.place.purchaserId,
        ...(input.place.code !== undefined ? { code: input.place.code } : {}),
      },
      period: { start: input.period.start, end: input.period.end },
      qualified: qualifiedOn(member, input.period.start),
      person: { name: member.name, residentId: maskResidentId(member.residentId), role: member.role },
      createdBy: ctx.actor,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const nextPerson = withPeriod(person?.value, member.personHash, dispatch);
    await deps.store.commit(
      [dispatchChange(dispatch, 'dispatch.created', ctx.actor)],
      [personWrite(nextPerson, person?.value.version), staffUnchanged(member), ...ctx.remember(dispatch)],
      { conflictRetries: 3 },
    );
    return dispatch;
  });
}

/** Ends a dispatch early (If-Match), dated: the person's periods shrink in the same transaction. */
export async function endDispatch(
  deps: Deps,
  ids: { contractId: string; dispatchId: string },
  input: { on: string; reason?: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<Dispatch> {
  const contract = (await loadContract(deps, ids.contractId, ctx.viewer)).value;
  if (ctx.viewer.role !== 'contractor' || ctx.viewer.contractorId !== contract.contractorId) {
    throw notFound('dispatch');
  }
  const stored = await deps.store.get<Dispatch>(keys.dispatch(ids.contractId, ids.dispatchId));
  if (!stored) throw notFound('dispatch');
  assertVersion(stored.value, ctx.ifMatch);
  const next = end(stored.value, input, { actor: ctx.actor, at: isoWithOffset(deps.clock.now()) });
  const staff = await deps.store.get<StaffMember>(keys.staff(contract.contractorId, next.staffId));
  if (!staff) throw new Error(`dispatch ${next.id} names staff ${next.staffId}, who is not stored`);
  return retryOnPersonChange(async () => {
    const person = await deps.store.get<PersonDispatches>(keys.personDispatches(staff.value.personHash));
    await deps.store.commit(
      [dispatchChange(next, 'dispatch.ended', ctx.actor, stored)],
      [personWrite(withPeriod(person?.value, staff.value.personHash, next), person?.value.version)],
      { conflictRetries: 3 },
    );
    return next;
  });
}

/** A contract's dispatches and its staffing share against the plan's minimum (R-STAFF-1). */
export async function listDispatches(deps: Deps, contractId: string, viewer: Viewer) {
  const contract = (await loadContract(deps, contractId, viewer)).value;
  const items = (
    await deps.store.queryAll<Dispatch>(keys.dispatchPartition(contractId), {
      sortKeyPrefix: 'DISPATCH#',
    })
  ).map((s) => s.value);
  return {
    items,
    staffing: staffingShare(items, contract.acceptancePlan.minimumQualifiedShareBp),
  };
}

/**
 * The staff dispatched to a purchaser's places, by first day (区买乡用, R-STAFF-2): the town for itself, the
 * bureau for any. Names shown, resident IDs masked (the dispatch holds the mask only).
 */
export async function listDispatchedStaff(
  deps: Deps,
  purchaserId: string,
  viewer: Viewer,
  page: { limit: number; cursor?: string },
) {
  if (!inPurchaserScope(viewer, purchaserId)) throw notFound('purchaser');
  const found = await deps.store.queryIndex<Dispatch>(keys.dispatchedPartition(purchaserId), {
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return {
    items: found.items.map((s) => s.value),
    ...(found.cursor ? { cursor: found.cursor } : {}),
  };
}
