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
import { evaluateEligibility } from '#shared/domain/eligibility';
import { DomainError, notFound } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { keys } from '#shared/adapters/dynamodb/keys';
import { previousOf } from '#shared/adapters/dynamodb/record-store';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { assertVersion } from './if-match';
import type { Deps, DocumentDeps } from './ports';

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
});

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

export async function register(
  deps: Deps,
  input: RegistrationInput,
  ctx: { actor: Actor; remember: (contractor: Contractor) => ExtraWrite[] },
): Promise<Contractor> {
  const now = deps.clock.now();
  const contractor = registerContractor(input, {
    id: newId('ctr', now),
    actor: ctx.actor,
    now: isoWithOffset(now),
  });
  const uniqueCode: ExtraWrite = {
    item: {
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...keys.creditCode(contractor.creditCode),
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
  await deps.store.commit(
    [contractorChange(contractor, 'contractor.registered', ctx.actor)],
    [uniqueCode, ...ctx.remember(contractor)],
  );
  return contractor;
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
    );
    try {
      await deps.store.commit(
        [
          documentChange(document, 'document.declared', ctx.actor, at),
          contractorChange(contractor, 'contractor.evidence_declared', ctx.actor, stored),
        ],
        ctx.remember({ document, upload }),
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
  return evaluateEligibility(stored.value, businessDate(deps.clock.now()));
}

export { contractorChange, documentChange };
