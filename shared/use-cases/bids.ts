/**
 * Sealed bids (R-PROC-1, R-PROC-2, R-PROC-5, R-QUAL-1, R-QUAL-2, R-FUND-2): load what the rules in
 * shared/domain/bid.ts need, apply them, commit the bid with its audit entry and the condition that must still
 * hold when it lands (the contractor still as judged). Bidding is closed by time, not by a condition on the
 * project item (issue 11 §3, see below).
 */
import type { Viewer } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import { randomBytes } from 'node:crypto';
import type { BidDocumentRequest, BidInput } from '#shared/domain/bid';
import {
  assertFormCanLive,
  assertUnderComplianceReview,
  bidAccess,
  declareBidDocument,
  disqualifyBid,
  parseBidDocumentObjectKey,
  publishedNotice,
  sealedError,
  submitBid,
} from '#shared/domain/bid';
import { isoWithOffset } from '#shared/domain/clock';
import type { Contractor } from '#shared/domain/contractor';
import { DomainError, notFound } from '#shared/domain/errors';
import { newId } from '#shared/domain/ids';
import type { BidDocument, BidRecord } from '#shared/domain/procurement-records';
import type { Project } from '#shared/domain/project';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { previousOf, versionUnchanged } from '#shared/adapters/dynamodb/record-store';
import type { Stored } from '#shared/adapters/dynamodb/records';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { PreconditionFailed, assertCreateOrReplace, assertVersion } from './if-match';
import type { Deps, DocumentDeps, MetricsDeps } from './ports';
import { loadScoreSheets } from './procurement-reads';
import type { SealDeps, StoredBid } from './bid-seal';
import { frameOf, loadOpenedBids, sealBid } from './bid-seal';
import { countDocumentDeclaration } from './document-quota';
import { townContactGrant } from './town-contacts';

/** A write that lost a race on the bid or the contractor is tried again on fresh reads, this often. */

/**
 * Resends of a bid's transaction cancelled only by another transaction on the same items (TransactionConflict):
 * since the project item is out of it, only the same contractor's own concurrent requests (its bid, its record).
 */
const BID_CONFLICT_RETRIES = 5;
const ATTEMPTS = 3;

/** A bid as it is stored: sealed until CloseBidding opens it (./bid-seal.ts, R-PROC-5). */
const bidChange = (
  next: StoredBid,
  action: string,
  actor: Actor,
  at: string,
  previous?: Stored<StoredBid>,
): RecordChange => ({
  recordType: 'bid',
  recordId: next.id,
  key: keys.bid(next.projectId, next.contractorId),
  value: next,
  ...previousOf(previous),
  actor,
  action,
  at,
});

export const bidDocumentChange = (
  next: BidDocument,
  action: string,
  actor: Actor,
  at: string,
  previous?: Stored<BidDocument>,
): RecordChange => ({
  recordType: 'bidDocument',
  recordId: next.documentId,
  key: keys.bidDocument(next.projectId, next.contractorId, next.documentId),
  value: next,
  ...previousOf(previous),
  actor,
  action,
  at,
});

/**
 * The row that leads from a bid document's opaque object key to the document (R-PROC-5: the key names neither
 * the bidder nor the project). Not a record: the document's own audit entry holds the declaration. Written in
 * the declaration's transaction, so a key the verifier is told about always resolves.
 */
export interface BidObjectLookup {
  objectId: string;
  projectId: string;
  contractorId: string;
  documentId: string;
}

/** 128 random bits as 32 hex digits: nothing in it can be traced back to a bidder, a project or a time. */
const newBidObjectId = () => randomBytes(16).toString('hex');

const bidObjectLookupPut = (objectId: string, document: BidDocument): ExtraWrite => ({
  item: {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.bidObject(objectId),
        recordType: 'bidObject',
        objectId,
        projectId: document.projectId,
        contractorId: document.contractorId,
        documentId: document.documentId,
      } satisfies BidObjectLookup & Record<string, unknown>,
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  },
  // 2^-128: a collision is retried with a fresh id (withRetry), never an overwrite.
  onConditionFailed: () => new DomainError('duplicate', 'the object id is taken; try again'),
});

/**
 * The bid document an uploaded object belongs to, from its key (the verifier's way in): an opaque key through
 * its lookup row, a key declared before opaque keys directly. Undefined for a key that is not a bid document's,
 * or that no declared document holds.
 */
export async function findBidDocumentByObjectKey(
  deps: Deps,
  objectKey: string,
): Promise<Stored<BidDocument> | undefined> {
  const ref = parseBidDocumentObjectKey(objectKey);
  if (!ref) return undefined;
  // Primary-key reads are strongly consistent, so an upload seconds after its declaration is found.
  const ids =
    ref.kind === 'legacy'
      ? ref
      : (await deps.store.get<BidObjectLookup>(keys.bidObject(ref.objectId)))?.value;
  if (!ids) return undefined;
  const stored = await deps.store.get<BidDocument>(
    keys.bidDocument(ids.projectId, ids.contractorId, ids.documentId),
  );
  return stored?.value.objectKey === objectKey ? stored : undefined;
}

/*
 * No condition on the project item (issue 11 §3): every bid checking that one item made concurrent bidders cancel
 * each other (TransactionConflict) at the deadline rush. A bid is judged on time by its clock (assertBiddingOpen)
 * and commits within its function's timeout; CloseBidding runs only after the deadline plus that timeout and a
 * margin (shared/domain/bid-closing.ts), so no bid judged on time lands after the close and none lands later.
 */

/** The eligibility judged must still be the contractor's state when the bid lands (R-QUAL-2, R-QUAL-5). */
// Retried on fresh reads (see withRetry): eligibility is judged again.
const contractorUnchanged = (contractor: Contractor): ExtraWrite =>
  versionUnchanged(
    keys.contractor(contractor.id),
    contractor.version,
    () => new DomainError('stale', `contractor ${contractor.id} changed meanwhile`),
  );

/**
 * Runs `attempt` again when it lost a race (stale or duplicate record); after the last try, a 409. A precondition
 * the caller sent (If-Match) is never retried: on the fresh read of a retry it is what answers a lost race (412).
 */
async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const raced =
        error instanceof DomainError &&
        !(error instanceof PreconditionFailed) &&
        (error.code === 'stale' || error.code === 'duplicate');
      if (!raced) throw error;
      if (n >= ATTEMPTS) {
        throw new DomainError('conflict', 'the bid changed while it was being written; send it again');
      }
    }
  }
}

/** The caller's own contractor id; a contractor token without one names nobody who may bid. */
const noContractor = () =>
  new DomainError('refused', 'the token names no registered contractor', { rule: 'R-QUAL-2' });

function ownContractorId(viewer: Viewer): string {
  if (viewer.role !== 'contractor' || !viewer.contractorId) throw noContractor();
  return viewer.contractorId;
}

async function getProject(deps: Deps, projectId: string): Promise<Project> {
  const stored = await deps.store.get<Project>(keys.project(projectId));
  if (!stored) throw notFound('project');
  return stored.value;
}

/** Contractors are in no purchaser's scope: a project is theirs to see once its notice is published. */
async function loadPublishedProject(deps: Deps, projectId: string): Promise<Project> {
  const project = await getProject(deps, projectId);
  publishedNotice(project);
  return project;
}

export interface BidOutcome {
  bid: BidRecord;
  /** true on the first submission (201), false on a revision (200). */
  created: boolean;
}

/**
 * PUT of the caller's bid: the first submits (If-None-Match: *), later ones revise (If-Match) until the deadline.
 */
export async function submitOrReviseBid(
  deps: Deps & MetricsDeps & SealDeps,
  projectId: string,
  input: BidInput,
  ctx: {
    viewer: Viewer;
    actor: Actor;
    /** `null`: If-None-Match: *, a first bid; a number: If-Match, the version of the bid revised (issue 12 §3). */
    ifMatch: number | null;
  },
): Promise<BidOutcome> {
  const contractorId = ownContractorId(ctx.viewer);
  const outcome = await withRetry(async () => {
    const project = await loadPublishedProject(deps, projectId);
    const [contractor, existing] = await Promise.all([
      deps.store.get<Contractor>(keys.contractor(contractorId)),
      deps.store.get<StoredBid>(keys.bid(projectId, contractorId)),
    ]);
    if (!contractor) throw noContractor();
    const now = deps.clock.now();
    const at = isoWithOffset(now);
    // The rules read nothing of the existing bid's contents, so they apply to it sealed.
    const bid = submitBid(existing ? frameOf(existing.value) : undefined, input, {
      project,
      contractor: contractor.value,
      bidId: newId('bid', now),
      actor: ctx.actor,
      now,
    });
    // After the access, notice, deadline and eligibility rules (R-PROC-5, issue 11 §1), never before: the caller's
    // precondition on its own bid. Two revisions from one read: the first lands, the other's write fails on the
    // version, and its retry reads the bid again and answers 412 here (two staff of a contractor, issue 12 §3).
    assertCreateOrReplace(existing?.value, ctx.ifMatch, 'your bid on this project');
    await deps.store.commit(
      // Stored and audited sealed: the price and proposal never reach the table in clear (R-PROC-5).
      [
        bidChange(
          await sealBid(deps, bid),
          existing ? 'bid.revised' : 'bid.submitted',
          ctx.actor,
          at,
          existing,
        ),
      ],
      // The first bid lets the purchasing town read this contractor's contacts after the deadline (issue 11 §6).
      [contractorUnchanged(contractor.value), ...(existing ? [] : townContactGrant(project, contractorId))],
      { conflictRetries: BID_CONFLICT_RETRIES },
    );
    return { bid, created: !existing };
  });
  // Issue 9 §5: counted once committed; a refused bid threw above and is never counted.
  await deps.metrics?.count(outcome.created ? 'BidsReceived' : 'BidsRevised');
  return outcome;
}

/**
 * The caller's own bid, at any time, as stored: until CloseBidding opens the bids it is sealed, and nobody opens it
 * here, the bidder included (issue 11 §1: only the close may decrypt a bid's contents, so no bug or leaked
 * credential of this function can read anyone's price before the deadline).
 */
export async function loadOwnBid(deps: Deps, projectId: string, viewer: Viewer): Promise<Stored<StoredBid>> {
  const stored = await deps.store.get<StoredBid>(keys.bid(projectId, ownContractorId(viewer)));
  if (!stored) throw notFound('bid');
  return stored;
}

/** Every bid of a project, prices included, for its readers once the deadline has passed (R-PROC-5). */
export async function listBids(deps: Deps, projectId: string, viewer: Viewer): Promise<BidRecord[]> {
  const project = await getProject(deps, projectId);
  const access = bidAccess(viewer, project, deps.clock.now());
  if (access.kind === 'sealed') throw sealedError(access);
  if (access.kind !== 'all') throw notFound('project');
  // Opened by CloseBidding; until it has, a 409 (bid-seal.ts).
  const bids = await loadOpenedBids(deps, projectId);
  return bids
    .map((b) => b.value)
    .sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.id.localeCompare(b.id));
}

export interface BidDocumentUpload {
  document: BidDocument;
  upload: Awaited<ReturnType<DocumentDeps['storage']['presignUpload']>>;
}

/** Declares a document of the caller's bid and presigns its upload; only while bidding is open. */
export async function requestBidDocumentUpload(
  deps: DocumentDeps,
  projectId: string,
  input: BidDocumentRequest,
  ctx: { viewer: Viewer; actor: Actor; remember: (outcome: BidDocumentUpload) => ExtraWrite[] },
): Promise<BidDocumentUpload> {
  const contractorId = ownContractorId(ctx.viewer);
  // Concurrent uploads to one bid race on its version: retried on fresh reads.
  return withRetry(async () => {
    const project = await loadPublishedProject(deps, projectId);
    const stored = await deps.store.get<StoredBid>(keys.bid(projectId, contractorId));
    const now = deps.clock.now();
    const at = isoWithOffset(now);
    const objectId = newBidObjectId();
    const { document, bid } = declareBidDocument(project, stored?.value, input, {
      documentId: newId('bdoc', now),
      objectId,
      now,
    });
    // The form expires at the deadline at the latest, so it cannot post a file after it (R-PROC-5).
    const deadline = project.tender ? new Date(project.tender.bidDeadline) : undefined;
    assertFormCanLive(deadline, now);
    const upload = await deps.storage.presignUpload(
      document.objectKey,
      document.contentType,
      document.size,
      now,
      deadline,
      // Stored on the object, so a download's URL names no file (S3 access logs); the form seals it (SSE-KMS).
      { fileName: document.fileName },
    );
    await deps.store.commit(
      [
        bidDocumentChange(document, 'bidDocument.declared', ctx.actor, at),
        bidChange(bid, 'bid.document_added', ctx.actor, at, stored),
      ],
      [
        bidObjectLookupPut(objectId, document),
        countDocumentDeclaration(contractorId, now),
        ...ctx.remember({ document, upload }),
      ],
      { conflictRetries: BID_CONFLICT_RETRIES },
    );
    return { document, upload };
  });
}

/**
 * One document of a bid: its contractor reads it at any time; the bureau, the project's own town and its
 * assigned evaluators only after the deadline (R-PROC-5).
 */
export async function loadBidDocument(
  deps: Deps,
  params: { projectId: string; contractorId: string; documentId: string },
  viewer: Viewer,
): Promise<Stored<BidDocument>> {
  if (viewer.role === 'contractor') {
    if (viewer.contractorId !== params.contractorId) throw notFound('document');
  } else {
    const project = await getProject(deps, params.projectId);
    const access = bidAccess(viewer, project, deps.clock.now());
    if (access.kind === 'sealed') throw sealedError(access);
    if (access.kind !== 'all') throw notFound('project');
  }
  const stored = await deps.store.get<BidDocument>(
    keys.bidDocument(params.projectId, params.contractorId, params.documentId),
  );
  if (!stored) throw notFound('document');
  return stored;
}

/** No evaluator may have scored the round when a disqualification lands (R-PROC-3). */
const roundNotScored = (project: Project, round: number): ExtraWrite[] =>
  (project.evaluatorIds ?? []).map((evaluatorId) => ({
    item: {
      ConditionCheck: {
        TableName: TABLE_NAME,
        Key: keys.scoreSheet(project.id, round, evaluatorId),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    onConditionFailed: () =>
      new DomainError('conflict', 'scoring of this round began meanwhile; the compliance review is over', {
        rule: 'R-PROC-3',
      }),
  }));

const stillClosed = (projectId: string): ExtraWrite => ({
  item: {
    ConditionCheck: {
      TableName: TABLE_NAME,
      Key: keys.project(projectId),
      ConditionExpression: '#s = :closed',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':closed': 'bidding_closed' },
    },
  },
  onConditionFailed: () =>
    new DomainError('conflict', 'the project left compliance review meanwhile', { rule: 'R-PROC-3' }),
});

/**
 * Compliance review (符合性审查, R-PROC-3): the bureau disqualifies a bid after the deadline, before scoring.
 * `endsScoring`: fewer valid bids are left than the notice's minimum, so there is nothing to wait for; the
 * workflow's Evaluate then declares the project unsuccessful (政府采购法 第三十六条).
 */
export async function disqualify(
  deps: Deps,
  projectId: string,
  contractorId: string,
  input: { reason: string },
  ctx: { viewer: Viewer; actor: Actor; ifMatch: number },
): Promise<{ bid: BidRecord; validBidsLeft: number; endsScoring: boolean }> {
  const now = deps.clock.now();
  const project = await getProject(deps, projectId);
  // R-PROC-5: access, the seal and the project's state first; only then is the bid looked up and its version
  // compared. Before, "404 bid" against "412 current version N" told a sealed project's bidders apart.
  const access = bidAccess(ctx.viewer, project, now);
  if (access.kind === 'sealed') throw sealedError(access);
  if (access.kind !== 'all') throw notFound('project');
  const round = project.scoringRound ?? 1;
  const sheets = await loadScoreSheets(deps, projectId, round);
  const scoringStarted = sheets.length > 0;
  assertUnderComplianceReview(project, now, scoringStarted);
  // Project-level, before any lookup: while CloseBidding is still opening the bids, a 409 for every contractor.
  const bids = await loadOpenedBids(deps, projectId);
  const stored = bids.find((b) => b.value.contractorId === contractorId);
  if (!stored) throw notFound('bid');
  assertVersion(stored.value, ctx.ifMatch);
  const at = isoWithOffset(now);
  const next = disqualifyBid(project, stored.value, input, { actor: ctx.actor, now, scoringStarted });
  await deps.store.commit(
    [bidChange(next, 'bid.disqualified', ctx.actor, at, stored)],
    [stillClosed(projectId), ...roundNotScored(project, round)],
  );
  const validBidsLeft = bids.filter((b) => b !== stored && !b.value.disqualified).length;
  return { bid: next, validBidsLeft, endsScoring: validBidsLeft < (project.tender?.minimumBids ?? 1) };
}
