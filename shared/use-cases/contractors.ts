/**
 * Contractor registry and qualification (R-QUAL-1..5): load, apply the domain rule, commit one transaction.
 */
import type { Actor } from '#shared/domain/audit-chain';
import { businessDate, isoWithOffset } from '#shared/domain/clock';
import type { ConditionNo, Contractor, EvidenceDocument } from '#shared/domain/contractor';
import { declareDocument, decideCondition, registerContractor, setFlags } from '#shared/domain/contractor';
import type { RegistrationInput } from '#shared/domain/contractor';
import type { Viewer } from '#shared/domain/access';
import { canSeeContractor, canSeeEvidence } from '#shared/domain/access';
import type { Disclosure, PersonalFields } from '#shared/domain/personal-data';
import {
  HASH_PURPOSE,
  disclosed,
  disclosureFor,
  personalFieldsOf,
  sealedForm,
  withPersonalFields,
} from '#shared/domain/personal-data';
import type { LatestEvidenceByCondition } from '#shared/domain/eligibility';
import { evaluateEligibility, undecidedEvidence } from '#shared/domain/eligibility';
import { DomainError, notFound } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { keys } from '#shared/adapters/dynamodb/keys';
import { previousOf } from '#shared/adapters/dynamodb/record-store';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { assertVersion } from './if-match';
import type { Deps, DocumentDeps, KeyedHashPort, OpenPort, SealedValue, SealPort } from './ports';
import { townMayReadContacts } from './town-contacts';

/** Registration seals the personal fields and hashes them (kms:GenerateDataKey and kms:GenerateMac only). */
export interface SealingDeps extends Deps {
  keyedHash: KeyedHashPort;
  seal: SealPort;
}

/** A view that shows personal data to the entitled opens the seal (kms:Decrypt). */
export interface OpeningDeps extends Deps {
  open: OpenPort;
}

/** The seal is bound to its record: opened under another contractor's id, it does not open. */
const personalContext = (contractorId: string) => ({
  recordType: 'contractor',
  contractorId,
  field: 'personal',
});
import { countDocumentDeclaration } from './document-quota';

const contractorChange = (
  next: Contractor,
  action: string,
  actor: Actor,
  previous?: Stored<Contractor>,
): RecordChange => ({
  recordType: 'contractor',
  recordId: next.id,
  key: keys.contractor(next.id),
  index: keys.contractorIndex(next.createdAt, next.id),
  value: next,
  ...previousOf(previous),
  actor,
  action,
  at: next.updatedAt,
  // Issue 11 §6: the entry keeps masks and keyed hashes (a change still shows), never the sealed personal data.
  ...(next.personal ? { auditData: withoutSealedData(next) } : {}),
});

/**
 * The record as its audit entry holds it: the personal data's masks and keyed hashes, without the seal (a
 * contractor, a contractor's user).
 */
export function withoutSealedData<T extends { personal?: { sealed?: unknown } }>(record: T): object {
  const { sealed: _sealed, ...personal } = record.personal ?? {};
  return { ...record, personal };
}

const documentChange = (
  next: EvidenceDocument,
  action: string,
  actor: Actor,
  at: string,
  previous?: Stored<EvidenceDocument>,
): RecordChange => ({
  recordType: 'document',
  recordId: next.documentId,
  key: keys.document(next.contractorId, next.documentId),
  value: next,
  ...previousOf(previous),
  actor,
  action,
  at,
});

/** Loads a contractor the viewer may see; anything else is "not found" (no tenant leak). */
export async function loadContractor(deps: Deps, id: string, viewer: Viewer): Promise<Stored<Contractor>> {
  // A contractor's own id is in its token: refuse others without a read.
  if (viewer.role === 'contractor' && viewer.contractorId !== id) throw notFound('contractor');
  const stored = await deps.store.get<Contractor>(keys.contractor(id));
  if (!stored || !canSeeContractor(viewer, stored.value)) throw notFound('contractor');
  return stored;
}

/**
 * Issue 11 §6: the stored form of a new contractor. The personal fields (a natural person's resident ID, the
 * contact's phone and e-mail) are sealed at field level under the personal-data key, the record keeps their masks,
 * and keyed hashes of each sit beside the seal: the audit entry written with the record (its data is the record)
 * holds no personal datum in clear, yet a changed phone shows as a changed hash.
 */
async function sealPersonalData(deps: SealingDeps, contractor: Contractor): Promise<Contractor> {
  const fields = personalFieldsOf(contractor);
  const names = Object.keys(fields) as (keyof PersonalFields)[];
  const [sealed, ...hashes] = await Promise.all([
    deps.seal.seal(JSON.stringify(fields), personalContext(contractor.id)),
    ...names.map((name) => deps.keyedHash.hash(HASH_PURPOSE[name], fields[name] as string)),
  ]);
  return sealedForm(contractor, {
    sealed,
    hashes: Object.fromEntries(names.map((name, i) => [name, hashes[i] as string])),
  });
}

/**
 * R-QUAL-3: one contractor per code. An organization's code is public and reserved in clear; a natural person's
 * resident ID is reserved by its keyed hash, so the marker names nobody (issue 11 §6).
 */
function codeReservation(stored: Contractor): string {
  const hashed = stored.personal?.hashes.residentId;
  if (stored.kind !== 'natural_person') return stored.creditCode;
  if (!hashed) throw new Error('a natural person is reserved by the keyed hash of the resident ID');
  return hashed;
}

/** Registers a contractor; the answer is the stored form (masks), which the idempotency record may keep. */
export async function register(
  deps: SealingDeps,
  input: RegistrationInput,
  ctx: { actor: Actor; viewer?: Viewer; remember: (contractor: Contractor) => ExtraWrite[] },
): Promise<Contractor> {
  const now = deps.clock.now();
  const contractor = await sealPersonalData(
    deps,
    registerContractor(input, {
      id: newId('ctr', now),
      actor: ctx.actor,
      now: isoWithOffset(now),
    }),
  );
  const uniqueCode: ExtraWrite = {
    item: {
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...keys.creditCode(codeReservation(contractor)),
          recordType: 'credit-code',
          contractorId: contractor.id,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: () =>
      new DomainError('duplicate', 'creditCode: a contractor with this code is already registered', {
        field: 'creditCode',
        rule: 'R-QUAL-3',
      }),
  };
  try {
    await deps.store.commit(
      [contractorChange(contractor, 'contractor.registered', ctx.actor)],
      [uniqueCode, ...ctx.remember(contractor)],
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === 'duplicate' && error.details.field === 'creditCode')
      throw await duplicateCode(deps, codeReservation(contractor), ctx.viewer ?? ctx.actor, error);
    throw error;
  }
  return contractor;
}

/** The contractor a uniqueness marker names (`CREDITCODE#<code or keyed hash>`), if any. */
/** The contractor a credit-code marker names, if this viewer may see it (issue 12 §2: no enumeration oracle). */
async function visibleMarked(
  deps: Deps,
  reservation: string,
  viewer: Viewer,
): Promise<Stored<Contractor> | undefined> {
  const marker = await deps.store.get<{ contractorId?: unknown }>(keys.creditCode(reservation));
  const id = marker?.value.contractorId;
  const stored = typeof id === 'string' ? await deps.store.get<Contractor>(keys.contractor(id)) : undefined;
  return stored && canSeeContractor(viewer, stored.value) ? stored : undefined;
}

/**
 * Issue 12 §2: a code registered already answers 409 naming the contractor that holds it (its id and its link)
 * when the caller may see that contractor (the bureau; the portal that registered it), and the same 409 without
 * either otherwise: nobody learns through it which contractor another portal registered. (That the code is
 * registered at all is R-QUAL-3's answer to every caller.)
 */
async function duplicateCode(
  deps: Deps,
  reservation: string,
  viewer: Viewer,
  refusal: DomainError,
): Promise<DomainError> {
  const existing = await visibleMarked(deps, reservation, viewer);
  if (!existing) return refusal;
  return new DomainError(
    'duplicate',
    `creditCode: this code is registered already, as contractor ${existing.value.id} (/v1/contractors/${existing.value.id})`,
    { field: 'creditCode', rule: 'R-QUAL-3' },
  );
}

/**
 * Issue 12 §2: the contractor registered with an organization's credit code (already checked against GB 32100),
 * for a viewer that may see it; "not registered" and "not yours" are the same 404.
 */
export async function findByCreditCode(
  deps: Deps,
  creditCode: string,
  viewer: Viewer,
): Promise<Stored<Contractor>> {
  const stored = await visibleMarked(deps, creditCode, viewer);
  if (!stored) throw notFound('contractor');
  return stored;
}

/**
 * A contractor as this viewer may see it (issue 11 §6): the bureau and the contractor itself read every personal
 * field, the registering portal and a town the contractor bid with (after the deadline) the contacts, everyone
 * else the masks. The seal is opened only when the viewer is entitled to something it holds.
 */
export async function readContractor(
  deps: OpeningDeps,
  id: string,
  viewer: Viewer,
): Promise<{ contractor: Contractor; disclosure: Disclosure }> {
  const [stored, townOpened] = await Promise.all([
    loadContractor(deps, id, viewer),
    townMayReadContacts(deps, viewer, id),
  ]);
  const disclosure = disclosureFor(viewer, stored.value, townOpened);
  return { contractor: await disclose(deps, stored.value, disclosure), disclosure };
}

async function disclose(deps: OpeningDeps, c: Contractor, disclosure: Disclosure): Promise<Contractor> {
  const seal = c.personal;
  const needed = disclosure.contacts || (disclosure.residentId && c.kind === 'natural_person');
  if (!seal || !needed) return disclosed(c, disclosure);
  const fields = JSON.parse(
    await deps.open.open(seal.sealed as SealedValue, personalContext(c.id)),
  ) as PersonalFields;
  return disclosed(withPersonalFields(c, fields), disclosure);
}

export interface DocumentRequest {
  condition: ConditionNo;
  fileName: string;
  contentType: EvidenceDocument['contentType'];
  size: number;
  sha256?: string;
  validUntil?: string;
}

export async function requestDocumentUpload(
  deps: DocumentDeps,
  contractorId: string,
  input: DocumentRequest,
  ctx: {
    viewer: Viewer;
    actor: Actor;
    remember: (outcome: {
      document: EvidenceDocument;
      upload: Awaited<ReturnType<DocumentDeps['storage']['presignUpload']>>;
    }) => ExtraWrite[];
  },
) {
  if (!canSeeEvidence(ctx.viewer, contractorId)) throw notFound('contractor');
  // Concurrent uploads for one contractor race on its revision counter: retry on a stale read.
  for (let attempt = 1; ; attempt++) {
    const stored = await loadContractor(deps, contractorId, ctx.viewer);
    const now = deps.clock.now();
    const at = isoWithOffset(now);
    const { document, contractor } = declareDocument(stored.value, input, {
      documentId: newId('doc', now),
      now: at,
      today: businessDate(now),
    });
    const upload = await deps.storage.presignUpload(
      document.objectKey,
      document.contentType,
      document.size,
      now,
      undefined,
      // Stored on the object, so a download's URL names no file (S3 access logs).
      { fileName: document.fileName },
    );
    try {
      await deps.store.commit(
        [
          documentChange(document, 'document.declared', ctx.actor, at),
          contractorChange(contractor, 'contractor.evidence_declared', ctx.actor, stored),
        ],
        [countDocumentDeclaration(contractorId, now), ...ctx.remember({ document, upload })],
      );
      return { document, upload };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'stale') || attempt >= 3) throw error;
    }
  }
}

export async function loadDocument(deps: Deps, contractorId: string, documentId: string, viewer: Viewer) {
  if (!canSeeEvidence(viewer, contractorId)) throw notFound('document');
  const stored = await deps.store.get<EvidenceDocument>(keys.document(contractorId, documentId));
  if (!stored) throw notFound('document');
  return stored;
}

export async function decide(
  deps: Deps,
  contractorId: string,
  condition: ConditionNo,
  input: { documentId: string; decision: 'approved' | 'rejected'; reason: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<Contractor> {
  const stored = await loadContractor(deps, contractorId, ctx.viewer);
  assertVersion(stored.value, ctx.ifMatch);
  const document = await deps.store.get<EvidenceDocument>(keys.document(contractorId, input.documentId));
  if (!document) {
    throw new DomainError('refused', 'documentId: no such document for this contractor', {
      field: 'documentId',
      rule: 'R-QUAL-2',
    });
  }
  const at = isoWithOffset(deps.clock.now());
  const next = decideCondition(
    stored.value,
    document.value,
    { condition, ...input },
    { reviewer: ctx.actor.sub, now: at },
  );
  // The evidence must still be the verified revision we judged when the decision lands.
  const evidenceUnchanged: ExtraWrite = {
    item: {
      ConditionCheck: {
        TableName: TABLE_NAME,
        Key: keys.document(contractorId, input.documentId),
        ConditionExpression: 'version = :v AND #s = :verified',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':v': document.value.version, ':verified': 'verified' },
      },
    },
    onConditionFailed: () =>
      new DomainError('conflict', 'documentId: the document changed while it was reviewed', {
        field: 'documentId',
      }),
  };
  await deps.store.commit(
    [contractorChange(next, `contractor.condition_${input.decision}`, ctx.actor, stored)],
    [evidenceUnchanged],
  );
  return next;
}

export async function changeFlags(
  deps: Deps,
  contractorId: string,
  flags: Contractor['flags'],
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<Contractor> {
  const stored = await loadContractor(deps, contractorId, ctx.viewer);
  assertVersion(stored.value, ctx.ifMatch);
  const next = setFlags(stored.value, flags, isoWithOffset(deps.clock.now()));
  await deps.store.commit([contractorChange(next, 'contractor.flags_set', ctx.actor, stored)]);
  return next;
}

export async function eligibility(deps: Deps, contractorId: string, viewer: Viewer) {
  const stored = await loadContractor(deps, contractorId, viewer);
  // Issue 12 §3: what to do next depends on the latest undecided file of each condition (the verifier's rejection
  // is on the document record): read them, in the contractor's own partition, at most one per condition.
  const latest: LatestEvidenceByCondition = {};
  await Promise.all(
    undecidedEvidence(stored.value).map(async ({ condition, documentId }) => {
      const document = await deps.store.get<EvidenceDocument>(keys.document(contractorId, documentId));
      if (document) latest[condition] = document.value;
    }),
  );
  return evaluateEligibility(stored.value, businessDate(deps.clock.now()), latest);
}

/**
 * Migration of a record stored in clear before issue 11 §6 (docs/personal-information.md): its personal fields
 * sealed and hashed as registration does, written back at the next version with its audit entry, and for a natural
 * person the uniqueness marker moved from the resident ID to its keyed hash, in one transaction. A record already
 * sealed is left as it is, so the migration can run again.
 */
export async function sealStoredContractor(
  deps: SealingDeps,
  id: string,
  actor: Actor,
): Promise<'sealed' | 'already sealed'> {
  const stored = await deps.store.get<Contractor>(keys.contractor(id));
  if (!stored) throw notFound('contractor');
  if (stored.value.personal) return 'already sealed';
  const sealed = await sealPersonalData(deps, stored.value);
  const next: Contractor = {
    ...sealed,
    version: stored.value.version + 1,
    updatedAt: isoWithOffset(deps.clock.now()),
  };
  const markers: ExtraWrite[] =
    next.kind === 'natural_person'
      ? [
          {
            item: {
              Put: {
                TableName: TABLE_NAME,
                Item: {
                  ...keys.creditCode(codeReservation(next)),
                  recordType: 'credit-code',
                  contractorId: id,
                },
                ConditionExpression: 'attribute_not_exists(PK) OR contractorId = :id',
                ExpressionAttributeValues: { ':id': id },
              },
            },
            onConditionFailed: () =>
              new DomainError(
                'duplicate',
                `creditCode: contractor ${id} shares its resident ID with another`,
                {
                  field: 'creditCode',
                  rule: 'R-QUAL-3',
                },
              ),
          },
          {
            item: {
              Delete: {
                TableName: TABLE_NAME,
                Key: keys.creditCode(stored.value.creditCode),
                ConditionExpression: 'attribute_not_exists(PK) OR contractorId = :id',
                ExpressionAttributeValues: { ':id': id },
              },
            },
            onConditionFailed: () =>
              new DomainError('conflict', `the clear marker of contractor ${id} names another contractor`),
          },
        ]
      : [];
  await deps.store.commit(
    [contractorChange(next, 'contractor.personal_data_sealed', actor, stored)],
    markers,
  );
  return 'sealed';
}

export { contractorChange, documentChange };
