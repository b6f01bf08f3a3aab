/**
 * R-SUP-2: read a record's audit chain and say whether it verifies, head included.
 */
import type { AuditEntry, AuditHead } from '#shared/domain/audit-chain';
import { verifyChain } from '#shared/domain/audit-chain';
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
  | 'contract';

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

export async function readAuditTrail(
  deps: Deps,
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
  const record = await deps.store.get<{ version: number }>(recordKey(recordType, id, last));
  const head: AuditHead = record?.head ?? { auditSeq: 0, auditHash: '' };
  const chain = verifyChain(entries, head);
  // The chain is verified whole; the cursor pages the entries returned (by sequence number).
  const list = `${recordType}/${id}`;
  const from = decodeOffsetCursor(page.cursor, list, entries.length);
  const slice = entries.slice(from, from + page.limit);
  const nextFrom = from + slice.length;
  return {
    recordType,
    recordId: id,
    entries: slice,
    chain,
    ...(nextFrom < entries.length ? { cursor: encodeOffsetCursor(nextFrom, list) } : {}),
  };
}
