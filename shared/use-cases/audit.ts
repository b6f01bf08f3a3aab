/**
 * R-SUP-2: read a record's audit chain and say whether it verifies, head included.
 */
import { createHash } from 'node:crypto';
import type { AnchorVerdict, AuditEntry, AuditHead, DigestHead } from '#shared/domain/audit-chain';
import {
  buildDigest,
  canonicalJson,
  checkAnchor,
  digestPayload,
  verifyChain,
} from '#shared/domain/audit-chain';
import { businessDate, isoWithOffset } from '#shared/domain/clock';
import { auditKeys, type StoredDigest } from '#shared/adapters/dynamodb/audit-heads';
import type { DigestSignerPort } from '#shared/adapters/kms/signer';
import { DomainError, notFound } from '#shared/domain/errors';
import type { ItemKey } from '#shared/adapters/dynamodb/keys';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { Project } from '#shared/domain/project';
import { deadlinePassed, sealedError } from '#shared/domain/bid';
import { SHEETS_SEALED_WHILE } from '#shared/domain/scoring';
import type { Deps } from './ports';
import { decodeOffsetCursor, encodeOffsetCursor } from '#shared/adapters/dynamodb/cursor';

type RecordType =
  | 'contractor'
  | 'document'
  | 'catalog-item'
  | 'budget-line'
  | 'project'
  | 'procurement-rules'
  | 'bid'
  | 'bidDocument'
  | 'scoreSheet'
  | 'challenge'
  | 'contract'
  | 'evaluator'
  | 'delegation'
  | 'contractor-user'
  | 'staff'
  | 'dispatch'
  | 'delivery'
  | 'financial-report'
  | 'inspection'
  | 'acceptance'
  | 'opinion'
  | 'panel-signature'
  | 'milestone'
  | 'payment';

/** Where the record itself lives, so its head can be compared with the chain's tail. */
function recordKey(recordType: RecordType, id: string, last: AuditEntry): ItemKey {
  const data = last.data as Record<string, unknown>;
  const field = (name: string) => String(data[name]);
  switch (recordType) {
    case 'contractor':
      return keys.contractor(id);
    case 'catalog-item':
      return keys.catalogItem(id);
    case 'document':
      return keys.document(field('contractorId'), id);
    case 'budget-line':
      return keys.budgetLine(id);
    case 'project':
      return keys.project(id);
    case 'procurement-rules':
      // Rules are stored per purchaser: the record id is the purchaser's id.
      return keys.procurementRules(id);
    // Records of a project's procurement live in its partition, keyed by what the audited value holds.
    case 'bid':
      return keys.bid(field('projectId'), field('contractorId'));
    case 'bidDocument':
      return keys.bidDocument(field('projectId'), field('contractorId'), id);
    case 'scoreSheet':
      return keys.scoreSheet(field('projectId'), Number(data.round), field('evaluatorId'));
    case 'challenge':
      return keys.challenge(field('projectId'), id);
    case 'contract':
      return keys.contract(id);
    // An evaluator-pool member: the record id is the evaluator's token subject.
    case 'evaluator':
      return keys.evaluatorPoolMember(id);
    // Issue 12 §1: a contractor's delegation to a portal and a contractor's user, by what the entry holds.
    case 'delegation':
      return keys.delegation(field('contractorId'), field('portalId'));
    case 'contractor-user':
      return keys.contractorUser(field('contractorId'), field('username'));
    // Issue 13: delivery to payment, each in its contract's (or contractor's) partition, by what the entry holds.
    case 'staff':
      return keys.staff(field('contractorId'), id);
    case 'dispatch':
      return keys.dispatch(field('contractId'), id);
    case 'delivery':
      return keys.delivery(field('contractId'), id);
    case 'financial-report':
      return keys.financialReport(field('contractId'), field('period'));
    case 'inspection':
      return keys.inspection(field('contractId'), id);
    case 'acceptance':
      return keys.acceptance(field('contractId'), id);
    // <invitationId>.<round>: one opinion per invitation and round (R-ACC-2). An opinion from before the rounds has
    // no round: its id is its invitation's, at the key of that time, OPINION#<acceptanceId>#<invitationId>.
    case 'opinion':
      return data.round === undefined
        ? {
            PK: keys.acceptancePartition(field('contractId')),
            SK: `OPINION#${field('acceptanceId')}#${id}`,
          }
        : keys.opinion(field('contractId'), field('acceptanceId'), Number(data.round), field('invitationId'));
    case 'panel-signature':
      return keys.panelSignature(
        field('contractId'),
        field('acceptanceId'),
        Number(data.round),
        field('sub'),
      );
    case 'milestone':
      return keys.milestone(field('contractId'), Number(data.seq));
    case 'payment':
      return keys.payment(field('contractId'), Number(data.seq));
  }
}

/**
 * The audit trail holds each version of the record whole, so it is sealed exactly as the record is: bids and
 * their documents until the bid deadline (R-PROC-5), score sheets until the project is evaluated (R-PROC-3:
 * evaluators score independently, and nobody reads a sheet while the round is open).
 */
async function assertUnsealed(deps: Deps, recordType: RecordType, last: AuditEntry): Promise<void> {
  if (recordType !== 'bid' && recordType !== 'bidDocument' && recordType !== 'scoreSheet') return;
  const projectId = String((last.data as { projectId?: unknown }).projectId);
  const project = (await deps.store.get<Project>(keys.project(projectId)))?.value;
  if (!project) throw notFound('audit trail');
  if (recordType === 'scoreSheet') {
    if (SHEETS_SEALED_WHILE.includes(project.status)) {
      throw new DomainError('conflict', 'score sheets are sealed until the project is evaluated', {
        rule: 'R-PROC-3',
      });
    }
    return;
  }
  if (!project.tender || !deadlinePassed(project.tender, deps.clock.now())) throw sealedError({});
}

/** The audit route's outside world: the records, and the digest key's public half to check signatures. */
export interface AuditDeps extends Deps {
  signer: DigestSignerPort;
}

/** A page of the days a record's head was recorded (the index is read whole, page by page). */
const ANCHOR_DAYS_PAGE = 100;

/**
 * Issue 11 §5: the chain against every signed digest that lists this record, not only the latest: an insider who
 * rewrote an early entry, recomputed the chain and then made one honest change would pass the latest digest (it
 * signs the new head) but not the digest of the day the rewritten entry was first seen. The days a record's head
 * was recorded come from the index the archiver keeps (audit-heads.ts); each day's digest is read from the table
 * and its signature checked with the key's public half (KMS's on AWS), so a digest rewritten in the table fails
 * like a rewritten chain. The answer is the first day that fails, else the latest that holds; `null`: no digest
 * lists the record yet (its first day is not over, or the archiver has not seen it). One GetItem per day the
 * record changed on.
 */
async function anchorOf(
  deps: AuditDeps,
  recordType: string,
  id: string,
  entries: readonly AuditEntry[],
): Promise<AnchorVerdict | null> {
  let latest: AnchorVerdict | null = null;
  let cursor: string | undefined;
  do {
    const days = await deps.store.queryIndex<{ date: string }>(
      auditKeys.auditHeadsPartition(recordType, id),
      {
        limit: ANCHOR_DAYS_PAGE,
        ...(cursor ? { cursor } : {}),
      },
    );
    for (const { value } of days.items) {
      const stored = (await deps.store.get<StoredDigest>(auditKeys.auditDigest(value.date)))?.value;
      const head = stored?.digest?.heads?.find((h) => h.recordType === recordType && h.recordId === id);
      if (!stored || !head) continue;
      const digest = { date: stored.digest.date, heads: stored.digest.heads };
      const signatureValid =
        digest.date === value.date && (await deps.signer.verify(digestPayload(digest), stored.signature));
      const verdict = checkAnchor(entries, { date: value.date, head }, signatureValid);
      if (!verdict.verified) return verdict;
      if (!latest || verdict.date > latest.date) latest = verdict;
    }
    cursor = days.cursor;
  } while (cursor);
  return latest;
}

export async function readAuditTrail(
  deps: AuditDeps,
  recordType: RecordType,
  id: string,
  page: { limit: number; cursor?: string },
) {
  const entries = await deps.store.auditTrail(recordType, id);
  const last = entries.at(-1);
  if (!last) throw notFound('audit trail');
  // Issue 11 §1: the seal is checked before any not-found, so a sealed trail must not answer otherwise than a
  // missing one (a 409 for an existing bid id would tell that the bid exists). A bid's, bid document's or score
  // sheet's id does not name its project, which only the trail's entries tell, so a missing id cannot be checked
  // against a seal: both answer the same 404 while sealed.
  try {
    await assertUnsealed(deps, recordType, last);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'conflict') throw notFound('audit trail');
    throw error;
  }
  // The chain is verified whole; the cursor pages the entries returned (by sequence number). A bad cursor is
  // refused before any further read.
  const list = `${recordType}/${id}`;
  const from = decodeOffsetCursor(page.cursor, list, entries.length);
  const record = await deps.store.get<{ version: number }>(recordKey(recordType, id, last));
  const head: AuditHead = record?.head ?? { auditSeq: 0, auditHash: '' };
  const chain = verifyChain(entries, head);
  const anchoredBy = await anchorOf(deps, recordType, id, entries);
  const slice = entries.slice(from, from + page.limit);
  const nextFrom = from + slice.length;
  return {
    recordType,
    recordId: id,
    entries: slice,
    chain,
    anchoredBy,
    ...(nextFrom < entries.length ? { cursor: encodeOffsetCursor(nextFrom, list) } : {}),
  };
}

/** The digest function's outside world (functions/audit-archive/sign-digest.ts). */
export interface DigestDeps {
  clock: Deps['clock'];
  signer: DigestSignerPort;
  headsOfDay(date: string): Promise<DigestHead[]>;
  getDigest(date: string): Promise<StoredDigest | undefined>;
  /** false: the day's digest was stored already. */
  putDigest(digest: StoredDigest): Promise<boolean>;
  /** Writes an object to the Object Lock archive once (a retry leaves the first). */
  archive(key: 'digest' | 'publicKey', name: string, body: string): Promise<unknown>;
}

/** The business day before `now`'s: the day a digest that runs after midnight Shanghai time signs. */
export const previousBusinessDate = (now: Date): string => businessDate(new Date(now.getTime() - 86_400_000));

/**
 * Issue 11 §5 (R-SUP-2): sign the heads of every record whose chain moved on `date`, store the signed digest in the
 * table (`DIGEST#<date>`) and in the Object Lock archive, with the public key beside it. Runs at least once per
 * day: a second run finds the day's digest stored and archives it again (a no-op if it is there), never signs
 * another, so the digest of a day is one.
 */
export async function signDailyDigest(
  deps: DigestDeps,
  date: string,
): Promise<StoredDigest & { created: boolean }> {
  const existing = await deps.getDigest(date);
  let stored = existing;
  let created = false;
  if (!stored) {
    const digest = buildDigest(date, await deps.headsOfDay(date));
    const signed = await deps.signer.sign(digestPayload(digest));
    const candidate: StoredDigest = { date, digest, ...signed, signedAt: isoWithOffset(deps.clock.now()) };
    created = await deps.putDigest(candidate);
    stored = created ? candidate : await deps.getDigest(date);
    if (!stored) throw new Error(`the digest of ${date} was neither written nor found`);
  }
  const publicKeyPem = await deps.signer.publicKeyPem();
  await deps.archive('publicKey', stored.keyId, publicKeyPem);
  await deps.archive('digest', date, JSON.stringify({ ...stored, publicKeyPem }, null, 2));
  return { ...stored, created };
}

/** The archiver's outside world (functions/audit-archive/archive-audit-entries.ts). */
export interface ArchiveDeps {
  clock: Deps['clock'];
  /** Writes one object to the Object Lock archive once; 'exists' when a retry finds it there. */
  archive(key: string, body: string): Promise<'written' | 'exists'>;
  entryKey(recordType: string, recordId: string, seq: number): string;
  tamperKey(partition: string, sortKey: string, eventName: string, sequenceNumber: string): string;
  recordDayHead(date: string, head: DigestHead): Promise<void>;
  /** Told of every change to an item that is never to change; the function's log raises the alarm. */
  onTamper(change: { partition: string; sortKey: string; eventName: string; archivedAs: string }): void;
}

export interface ArchivedChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  sequenceNumber: string;
  partition: string;
  sortKey: string;
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
}

const AUDIT_PARTITION = 'AUDIT#';

/** The entry as the table stored it, without its keys (exactly what the chain hashes, plus prevHash and hash). */
function entryOf(image: Record<string, unknown>): AuditEntry {
  const { PK: _pk, SK: _sk, GSI1PK: _gpk, GSI1SK: _gsk, ...entry } = image;
  return entry as unknown as AuditEntry;
}

/** A bid's content the seal covers (R-PROC-5): sealed as ciphertext by issue 11 §1, in clear in older entries. */
const SEALED_BID_FIELDS = ['price', 'proposal'] as const;

/**
 * What the archive locks of an entry. A bid entry whose price or proposal is in clear (written before the field
 * seal, or by any code that missed it) is archived with those fields withheld and the SHA-256 of the whole stored
 * content beside them: compliance-mode Object Lock cannot be undone, so a sealed price must never reach it in clear.
 * The chain stays checkable against the archive through `hash`; the clear values stay in the table and its backups.
 */
export function archivedForm(entry: AuditEntry): Record<string, unknown> {
  if (entry.recordType !== 'bid' || typeof entry.data !== 'object' || entry.data === null)
    return { ...entry };
  const data = entry.data as Record<string, unknown>;
  const inClear = SEALED_BID_FIELDS.filter(
    (field) =>
      typeof data[field] === 'number' || typeof (data[field] as { summary?: unknown })?.summary === 'string',
  );
  if (inClear.length === 0) return { ...entry };
  const shown = { ...data };
  for (const field of inClear) delete shown[field];
  return {
    ...entry,
    data: shown,
    withheld: {
      fields: inClear,
      dataSha256: createHash('sha256').update(canonicalJson(entry.data)).digest('hex'),
    },
  };
}

/**
 * Issue 11 §5 (R-SUP-2): one change from the table's stream into the Object Lock archive. A new audit entry is
 * written as one object `audit/<recordType>/<recordId>/<seq>.json` holding the entry as stored, and its record's
 * head is recorded for the day's digest. Any change or removal of an audit, public or OCDS item (which no function
 * may make: infra/constructs/immutable-items.ts) is archived with both images under `tamper/` and reported.
 *
 * Sealed bids (R-PROC-5): the entry is archived as stored. With the field seal of issue 11 §1 a bid's price and
 * proposal are ciphertext in the table and its audit entries, and the archive locks that ciphertext; any bid entry
 * still holding them in clear is archived with them withheld (`archivedForm`), never locked in clear.
 */
export async function archiveChange(deps: ArchiveDeps, change: ArchivedChange): Promise<string | undefined> {
  if (change.eventName === 'INSERT') {
    if (!change.partition.startsWith(AUDIT_PARTITION) || !change.newImage) return undefined;
    const entry = entryOf(change.newImage);
    const key = deps.entryKey(entry.recordType, entry.recordId, entry.seq);
    await deps.archive(key, canonicalJson(archivedForm(entry)));
    await deps.recordDayHead(businessDate(deps.clock.now()), {
      recordType: entry.recordType,
      recordId: entry.recordId,
      seq: entry.seq,
      hash: entry.hash,
    });
    return key;
  }
  const key = deps.tamperKey(change.partition, change.sortKey, change.eventName, change.sequenceNumber);
  await deps.archive(
    key,
    canonicalJson({
      eventName: change.eventName,
      partition: change.partition,
      sortKey: change.sortKey,
      sequenceNumber: change.sequenceNumber,
      seenAt: isoWithOffset(deps.clock.now()),
      oldImage: change.oldImage ?? null,
      newImage: change.newImage ?? null,
    }),
  );
  deps.onTamper({
    partition: change.partition,
    sortKey: change.sortKey,
    eventName: change.eventName,
    archivedAs: key,
  });
  return key;
}
