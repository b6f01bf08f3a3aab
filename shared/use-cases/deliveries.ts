/**
 * Delivery records, the portal's batch and progress (issue 13 §2; R-CON-3, R-CON-4, R-SUP-1). A record lands in one
 * transaction with its audit entry (R-SUP-2), its recipient's item (the pseudonymous reference, first and last
 * served, how often, the sealed contact the acceptance's sample invites) and the contract's progress counters
 * (`ADD`, never read-modify-write), so progress is one read however many records exist. The rules are the domain's
 * (shared/domain/delivery.ts, delivery-progress.ts).
 */
import type { Viewer } from '#shared/domain/access';
import type { Actor } from '#shared/domain/audit-chain';
import { headOf, nextEntry } from '#shared/domain/audit-chain';
import { businessDate, isoWithOffset } from '#shared/domain/clock';
import type { Contract } from '#shared/domain/contract';
import type { DeliveryInput, DeliveryIssue, DeliveryRecord, RecipientContact } from '#shared/domain/delivery';
import {
  RECIPIENT_HASH_PURPOSE,
  canReadDeliveries,
  checkRecordable,
  deliveryId,
  deliveryIssues,
  opensRecipients,
} from '#shared/domain/delivery';
import type { ContractProgress } from '#shared/domain/delivery-progress';
import { progressReport } from '#shared/domain/delivery-progress';
import type { Dispatch } from '#shared/domain/dispatch';
import { DomainError, notFound } from '#shared/domain/errors';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import { auditItem } from '#shared/adapters/dynamodb/record-store';
import type { Page } from '#shared/adapters/dynamodb/records';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';
import { randomBytes } from 'node:crypto';
import type { Deps, EncryptionContext, KeyedHashPort, OpenPort, SealPort, SealedValue } from './ports';

export const DELIVERY_RECORD_TYPE = 'delivery';

/**
 * How often a transaction that only collided with another on the contract's counters is sent again: every record
 * of a contract moves the same progress item, so simultaneous records collide by design (as signings on a line).
 */
const COUNTER_CONFLICT_RETRIES = 12;
/** DynamoDB's limit of items in one transaction. */
const TRANSACTION_ITEMS = 100;
/** Seals and hashes in flight at once for a batch (KMS request rates; the local key does not care). */
const CRYPTO_CONCURRENCY = 16;

export interface DeliveryDeps extends Deps {
  keyedHash: KeyedHashPort;
  seal: SealPort;
}

export interface DeliveryReadDeps extends Deps {
  open: OpenPort;
}

/**
 * The seal's encryption context: the personal-data key's policy asks for `recordType: contractor` and `field:
 * personal` (infra/constructs/customer-keys.ts); the contract and the recipient's reference bind it, so it opens
 * as no contractor's own seal and as no other recipient's.
 */
export const recipientContext = (
  contractorId: string,
  contractId: string,
  ref: string,
): EncryptionContext => ({
  recordType: 'contractor',
  contractorId,
  field: 'personal',
  contractId,
  recipient: ref,
});

/** What the audit entry keeps of a record: everything but the sealed contact (issue 11 §6). */
export const auditedForm = ({ sealedRecipient: _sealed, ...rest }: DeliveryRecord) => rest;

const problemFor = (issue: DeliveryIssue, prefix = '') =>
  new DomainError(issue.kind, `${prefix}${issue.field}: ${issue.detail}`, {
    field: `${prefix}${issue.field}`,
    rule: issue.rule,
    location: issue.field === 'id' ? 'path' : 'body',
  });

/** The signed contract a contractor (or a portal acting for it) records against; another's is "not found". */
async function recordableContract(deps: Deps, contractId: string, viewer: Viewer): Promise<Contract> {
  const stored = await deps.store.get<Contract>(keys.contract(contractId));
  if (!stored || viewer.role !== 'contractor' || viewer.contractorId !== stored.value.contractorId) {
    throw notFound('contract');
  }
  const closed = checkRecordable(stored.value);
  if (closed) throw problemFor(closed);
  return stored.value;
}

const contractDispatches = async (deps: Deps, contractId: string): Promise<Dispatch[]> =>
  (
    await deps.store.queryAll<Dispatch>(keys.dispatchPartition(contractId), { sortKeyPrefix: 'DISPATCH#' })
  ).map((s) => s.value);

/** The record, its recipient's reference and contact sealed; the input must have passed `deliveryIssues`. */
async function buildRecord(
  deps: DeliveryDeps,
  contract: Contract,
  input: DeliveryInput,
  checked: { dispatch: Dispatch; townId: string },
  id: string,
  actor: Actor,
  at: string,
  portalRecordId?: string,
): Promise<DeliveryRecord> {
  const residentId = input.recipient.residentId.toUpperCase();
  const ref = await deps.keyedHash.hash(RECIPIENT_HASH_PURPOSE, residentId);
  const contact: RecipientContact = {
    name: input.recipient.name,
    residentId,
    ...(input.recipient.phone ? { phone: input.recipient.phone } : {}),
  };
  const sealedRecipient = await deps.seal.seal(
    JSON.stringify(contact),
    recipientContext(contract.contractorId, contract.id, ref),
  );
  const line = contract.acceptancePlan.delivery.find((l) => l.code === input.lineCode);
  return {
    id,
    contractId: contract.id,
    contractorId: contract.contractorId,
    purchaserId: contract.purchaserId,
    catalogCode: input.catalogCode,
    lineCode: input.lineCode,
    unit: line?.unit ?? '',
    ...(input.indicatorCode !== undefined ? { indicatorCode: input.indicatorCode } : {}),
    recipient: { villageId: input.recipient.villageId, townId: checked.townId, ref },
    sealedRecipient,
    staffId: input.staffId,
    dispatchId: checked.dispatch.id,
    start: isoWithOffset(new Date(input.start)),
    end: isoWithOffset(new Date(input.end)),
    quantity: input.quantity,
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    ...(input.evidenceReference !== undefined ? { evidenceReference: input.evidenceReference } : {}),
    ...(portalRecordId !== undefined ? { portalRecordId } : {}),
    recordedBy: actor,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** The record's entry in its contract's list, newest service first (GSI1, keys.deliveryIndex). */
const indexOf = (record: DeliveryRecord) =>
  keys.deliveryIndex(record.contractId, new Date(record.start).toISOString(), record.id);

const recordChange = (record: DeliveryRecord, actor: Actor): RecordChange => ({
  recordType: DELIVERY_RECORD_TYPE,
  recordId: record.id,
  key: keys.delivery(record.contractId, record.id),
  index: indexOf(record),
  value: record,
  auditData: auditedForm(record),
  actor,
  action: 'delivery.recorded',
  at: record.createdAt,
});

/**
 * The recipients' items of these records, one update per recipient (a transaction touches an item once): served
 * how often, the first start and the last end among them (`lastServed` is the latest of the last records written,
 * not a maximum over every record: an update cannot compare), the contact sealed by the latest record.
 */
function recipientWrites(records: readonly DeliveryRecord[]): ExtraWrite[] {
  const byRef = new Map<string, DeliveryRecord[]>();
  for (const r of records) byRef.set(r.recipient.ref, [...(byRef.get(r.recipient.ref) ?? []), r]);
  return [...byRef.values()].map((served) => {
    const latest = served.reduce((a, b) => (b.end > a.end ? b : a));
    const first = served.reduce((a, b) => (b.start < a.start ? b : a));
    return {
      item: {
        Update: {
          TableName: TABLE_NAME,
          Key: keys.deliveryRecipient(latest.contractId, latest.recipient.ref),
          UpdateExpression:
            'SET recordType = :type, contractId = :contract, contractorId = :contractor, purchaserId = :purchaser, villageId = :village, townId = :town, #ref = :ref, sealedContact = :sealed, firstServed = if_not_exists(firstServed, :first), lastServed = :last ADD #count :n',
          ExpressionAttributeNames: { '#ref': 'ref', '#count': 'count' },
          ExpressionAttributeValues: {
            ':type': 'recipient',
            ':contract': latest.contractId,
            ':contractor': latest.contractorId,
            ':purchaser': latest.purchaserId,
            ':village': latest.recipient.villageId,
            ':town': latest.recipient.townId,
            ':ref': latest.recipient.ref,
            ':sealed': latest.sealedRecipient,
            ':first': first.start,
            ':last': latest.end,
            ':n': served.length,
          },
        },
      },
      onConditionFailed: () => new DomainError('conflict', 'the recipient changed meanwhile; try again'),
    };
  });
}

/**
 * The contract's counters moved by these records: `ADD lines.<code>.delivered :q, lines.<code>.records :n` per line,
 * on the item signContract wrote at the second signature (R-SUP-1); its absence means no signed contract.
 */
function progressWrite(contractId: string, records: readonly DeliveryRecord[]): ExtraWrite {
  const byLine = new Map<string, { quantity: number; records: number }>();
  for (const r of records) {
    const sum = byLine.get(r.lineCode) ?? { quantity: 0, records: 0 };
    byLine.set(r.lineCode, { quantity: sum.quantity + r.quantity, records: sum.records + 1 });
  }
  const names: Record<string, string> = { '#lines': 'lines' };
  const values: Record<string, number> = {};
  const adds = [...byLine.entries()].map(([code, sum], i) => {
    names[`#l${i}`] = code;
    // Thousandths are exact: the sum of a batch's quantities must not carry a float's tail into the counter.
    values[`:q${i}`] = Math.round(sum.quantity * 1000) / 1000;
    values[`:n${i}`] = sum.records;
    return `#lines.#l${i}.delivered :q${i}, #lines.#l${i}.records :n${i}`;
  });
  return {
    item: {
      Update: {
        TableName: TABLE_NAME,
        Key: keys.deliveryProgress(contractId),
        UpdateExpression: `ADD ${adds.join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    onConditionFailed: () =>
      new DomainError('conflict', `contract ${contractId} has no delivery counters: it was never signed`, {
        rule: 'R-SUP-1',
      }),
  };
}

// ---- one record ----

export async function createDelivery(
  deps: DeliveryDeps,
  contractId: string,
  input: DeliveryInput,
  ctx: { viewer: Viewer; actor: Actor; remember: (record: DeliveryRecord) => ExtraWrite[] },
): Promise<DeliveryRecord> {
  const contract = await recordableContract(deps, contractId, ctx.viewer);
  const now = deps.clock.now();
  const checked = deliveryIssues(contract, input, await contractDispatches(deps, contractId), now);
  // The record's own faults (422) before the dispatch's (409): a fixed record may still need a dispatch.
  const issue = checked.issues.find((i) => i.kind === 'refused') ?? checked.issues[0];
  if (issue || !checked.dispatch || !checked.townId) throw problemFor(issue!);
  const at = isoWithOffset(now);
  const record = await buildRecord(
    deps,
    contract,
    input,
    { dispatch: checked.dispatch, townId: checked.townId },
    deliveryId(randomBytes(26)),
    ctx.actor,
    at,
  );
  await deps.store.commit(
    [recordChange(record, ctx.actor)],
    [...recipientWrites([record]), progressWrite(contractId, [record]), ...ctx.remember(record)],
    { conflictRetries: COUNTER_CONFLICT_RETRIES },
  );
  return record;
}

// ---- the portal's batch ----

export type BatchRowResult =
  | { index: number; recordId: string; status: 'created' | 'duplicate'; id: string }
  | {
      index: number;
      recordId: string;
      status: 'invalid';
      errors: { field: string; detail: string; rule?: string }[];
    };

/** A batch row as the schema parsed it: its place in the batch, the portal's id of it, the record. */
export interface BatchRow {
  index: number;
  recordId: string;
  input: DeliveryInput;
}

async function inPool<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A new record's two items (record, first audit entry) as writes whose failed condition marks the row a duplicate. */
function newRecordWrites(record: DeliveryRecord, actor: Actor, onExists: () => void): ExtraWrite[] {
  const entry = nextEntry(undefined, {
    recordType: DELIVERY_RECORD_TYPE,
    recordId: record.id,
    at: record.createdAt,
    actor,
    action: 'delivery.recorded',
    data: auditedForm(record),
  });
  const exists = () => {
    onExists();
    return new DomainError('duplicate', `delivery ${record.id} exists already`);
  };
  return [
    {
      item: {
        Put: {
          TableName: TABLE_NAME,
          Item: {
            ...keys.delivery(record.contractId, record.id),
            ...indexOf(record),
            recordType: DELIVERY_RECORD_TYPE,
            ...record,
            ...headOf(entry),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      onConditionFailed: exists,
    },
    { item: auditItem(entry), onConditionFailed: exists },
  ];
}

/** Rows in groups whose transaction stays within 100 items: 2 per row, 1 per recipient, 1 for the counters. */
function chunks(records: readonly DeliveryRecord[]): DeliveryRecord[][] {
  const groups: DeliveryRecord[][] = [];
  let group: DeliveryRecord[] = [];
  let refs = new Set<string>();
  for (const r of records) {
    const size = (group.length + 1) * 2 + new Set([...refs, r.recipient.ref]).size + 1;
    if (size > TRANSACTION_ITEMS) {
      groups.push(group);
      group = [];
      refs = new Set();
    }
    group.push(r);
    refs.add(r.recipient.ref);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * Writes a group of new records; when the transaction is cancelled because some exist already (a retried batch),
 * the cancellation reasons name them: those rows are duplicates and the rest is sent again. Nothing is half-written.
 */
async function writeGroup(
  deps: Deps,
  contractId: string,
  group: readonly DeliveryRecord[],
  actor: Actor,
): Promise<{ created: DeliveryRecord[]; duplicates: DeliveryRecord[] }> {
  let pending = [...group];
  const duplicates: DeliveryRecord[] = [];
  while (pending.length > 0) {
    const existing = new Set<string>();
    const writes = pending.flatMap((r) => newRecordWrites(r, actor, () => existing.add(r.id)));
    try {
      await deps.store.commit(
        [],
        [...writes, ...recipientWrites(pending), progressWrite(contractId, pending)],
        {
          conflictRetries: COUNTER_CONFLICT_RETRIES,
        },
      );
      return { created: pending, duplicates };
    } catch (error) {
      if (existing.size === 0) throw error;
      duplicates.push(...pending.filter((r) => existing.has(r.id)));
      pending = pending.filter((r) => !existing.has(r.id));
    }
  }
  return { created: [], duplicates };
}

/**
 * A partner portal's (or the contractor's) batch of up to 500 records (issue 13 §2): each row is checked on its
 * own and answered on its own (created, duplicate with the id it has, or invalid with its field errors); one bad
 * row never stops the others. A row's id is derived from (contract, caller, recordId) alone, so a retry creates nothing, whatever else it changed.
 */
export async function createDeliveryBatch(
  deps: DeliveryDeps,
  contractId: string,
  rows: readonly BatchRow[],
  ctx: { viewer: Viewer; actor: Actor },
): Promise<{ results: BatchRowResult[]; created: number; duplicate: number; invalid: number }> {
  const contract = await recordableContract(deps, contractId, ctx.viewer);
  const now = deps.clock.now();
  const at = isoWithOffset(now);
  const dispatches = await contractDispatches(deps, contractId);
  // The caller whose recordIds these are: the portal itself when it acts for the contractor, else the user.
  const caller = ctx.viewer.via?.portal ?? ctx.viewer.sub;
  const results: BatchRowResult[] = new Array(rows.length);
  const valid: {
    index: number;
    recordId: string;
    input: DeliveryInput;
    dispatch: Dispatch;
    townId: string;
  }[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const prefix = `records.${row.index}.`;
    if (seen.has(row.recordId)) {
      results[row.index] = {
        index: row.index,
        recordId: row.recordId,
        status: 'invalid',
        errors: [
          { field: `${prefix}recordId`, detail: `sent twice in this batch (row ${seen.get(row.recordId)})` },
        ],
      };
      continue;
    }
    seen.set(row.recordId, row.index);
    const checked = deliveryIssues(contract, row.input, dispatches, now);
    if (checked.issues.length > 0 || !checked.dispatch || !checked.townId) {
      results[row.index] = {
        index: row.index,
        recordId: row.recordId,
        status: 'invalid',
        errors: checked.issues.map((i) => ({ field: `${prefix}${i.field}`, detail: i.detail, rule: i.rule })),
      };
      continue;
    }
    valid.push({ ...row, dispatch: checked.dispatch, townId: checked.townId });
  }
  const records = await inPool(valid, CRYPTO_CONCURRENCY, (row) =>
    buildRecord(
      deps,
      contract,
      row.input,
      row,
      // The recordId alone names the row's record: a retry with another start (or anything else) is a duplicate.
      deliveryId({ contractId, caller, recordId: row.recordId }),
      ctx.actor,
      at,
      row.recordId,
    ),
  );
  const indexOf = new Map(valid.map((row, i) => [records[i]!.id, row]));
  for (const group of chunks(records)) {
    const { created, duplicates } = await writeGroup(deps, contractId, group, ctx.actor);
    for (const [status, list] of [
      ['created', created],
      ['duplicate', duplicates],
    ] as const) {
      for (const r of list) {
        const row = indexOf.get(r.id)!;
        results[row.index] = { index: row.index, recordId: row.recordId, status, id: r.id };
      }
    }
  }
  const tally = (status: BatchRowResult['status']) => results.filter((r) => r.status === status).length;
  return { results, created: tally('created'), duplicate: tally('duplicate'), invalid: tally('invalid') };
}

// ---- reads ----

/** A record as this viewer may see it: the contact opened for the purchaser's staff, else the reference only. */
export type DeliveryView = Omit<DeliveryRecord, 'sealedRecipient' | 'recipient'> & {
  recipient: DeliveryRecord['recipient'] & Partial<RecipientContact>;
};

async function viewOf(deps: DeliveryReadDeps, record: DeliveryRecord, clear: boolean): Promise<DeliveryView> {
  const { sealedRecipient, ...rest } = record;
  if (!clear) return rest;
  const contact = JSON.parse(
    await deps.open.open(
      sealedRecipient as SealedValue,
      recipientContext(record.contractorId, record.contractId, record.recipient.ref),
    ),
  ) as RecipientContact;
  return { ...rest, recipient: { ...record.recipient, ...contact } };
}

async function readableContract(deps: Deps, contractId: string, viewer: Viewer): Promise<Contract> {
  const stored = await deps.store.get<Contract>(keys.contract(contractId));
  if (!stored || !canReadDeliveries(viewer, stored.value)) throw notFound('contract');
  return stored.value;
}

/** A contract's delivery records, newest service first; names and IDs in clear for the purchaser's staff only. */
export async function listDeliveries(
  deps: DeliveryReadDeps,
  contractId: string,
  viewer: Viewer,
  page: { limit: number; cursor?: string },
): Promise<Page<DeliveryView>> {
  const contract = await readableContract(deps, contractId, viewer);
  const found = await deps.store.queryIndex<DeliveryRecord>(keys.deliveriesPartition(contractId), {
    ...page,
    newestFirst: true,
  });
  const clear = opensRecipients(viewer, contract);
  return {
    items: await Promise.all(found.items.map((s) => viewOf(deps, s.value, clear))),
    ...(found.cursor ? { cursor: found.cursor } : {}),
  };
}

export async function getDelivery(
  deps: DeliveryReadDeps,
  contractId: string,
  id: string,
  viewer: Viewer,
): Promise<{ view: DeliveryView; version: number }> {
  const contract = await readableContract(deps, contractId, viewer);
  const stored = await deps.store.get<DeliveryRecord>(keys.delivery(contractId, id));
  if (!stored) throw notFound('delivery');
  return {
    view: await viewOf(deps, stored.value, opensRecipients(viewer, contract)),
    version: stored.value.version,
  };
}

/**
 * Progress per delivery line as of today in Shanghai (R-SUP-1): ONE read, the counters' item, which names the
 * contract's contractor and purchaser for the access check, however many records exist.
 */
export async function getProgress(deps: Deps, contractId: string, viewer: Viewer) {
  const stored = await deps.store.get<ContractProgress>(keys.deliveryProgress(contractId));
  if (!stored || !canReadDeliveries(viewer, stored.value)) throw notFound('contract progress');
  return { contractId, ...progressReport(stored.value, businessDate(deps.clock.now())) };
}
