/**
 * List cursors (issue 10 §1): opaque to clients, bound to the query that gave them out, and checked whole before
 * DynamoDB sees them, so a tampered cursor is a 400 naming `cursor`, never a 500 (an empty sort key, another type,
 * an extra or missing attribute, another partition or a key outside the query all made DynamoDB refuse the query).
 *
 * A cursor is `<payload>.<tag>`: the payload is the LastEvaluatedKey's values (base64url JSON, in the key space's
 * attribute order), the tag a SHA-256 digest of the query (table or index, partition, key condition, direction)
 * and the payload. Bound, not signed: no key to keep, fetch or rotate, nothing at init (node:crypto hashes in
 * microseconds), so cold start is untouched. Whoever reads this code can compute a tag, so the tag is not what
 * keeps a forged cursor harmless: the decoded key is also validated attribute by attribute (strings, not empty,
 * within DynamoDB's key sizes, this partition, inside the query's bounds), so a forged cursor can only start the
 * same list at another point of its own query, which the caller could reach by paging.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '#shared/domain/errors';

/** What a cursor is bound to: one query of one key space. */
export interface CursorScope {
  /** The index queried; none for the table. */
  indexName?: string;
  /** The attributes of a LastEvaluatedKey in this key space, in a fixed order. */
  attributes: readonly string[];
  partition: { attribute: string; value: string };
  sortAttribute: string;
  sortKeyPrefix?: string;
  sortKeyFrom?: string;
  newestFirst: boolean;
}

/** DynamoDB's key sizes: a partition key of at most 2048 bytes, a sort key of at most 1024. */
const MAX_KEY_BYTES = 1024;
const TAG_LENGTH = 22; // 132 bits of SHA-256, base64url
const SHAPE = new RegExp(`^[A-Za-z0-9_-]{1,1800}\\.[A-Za-z0-9_-]{${TAG_LENGTH}}$`);

function tag(scope: CursorScope, payload: string): string {
  const bound = JSON.stringify([
    'cursor/1',
    scope.indexName ?? '',
    scope.attributes,
    scope.partition.attribute,
    scope.partition.value,
    scope.sortAttribute,
    scope.sortKeyPrefix ?? null,
    scope.sortKeyFrom ?? null,
    scope.newestFirst,
    payload,
  ]);
  return createHash('sha256').update(bound).digest('base64url').slice(0, TAG_LENGTH);
}

/** The cursor of the page after `lastKey`, or none when DynamoDB says nothing follows. */
export function encodeCursor(
  lastKey: Record<string, unknown> | undefined,
  scope: CursorScope,
): string | undefined {
  if (!lastKey) return undefined;
  const values = scope.attributes.map((attribute) => {
    const value = lastKey[attribute];
    if (typeof value !== 'string') throw new Error(`cursor: LastEvaluatedKey has no string ${attribute}`);
    return value;
  });
  return sealCursor(values, scope);
}

/** A cursor of these values with its tag: what encodeCursor gives out (and what a forger can compute too). */
export function sealCursor(values: unknown, scope: CursorScope): string {
  const payload = Buffer.from(JSON.stringify(values)).toString('base64url');
  return `${payload}.${tag(scope, payload)}`;
}

const invalidCursor = () =>
  new DomainError('invalid', 'cursor: not a cursor this list gave out', {
    field: 'cursor',
    location: 'query',
  });

/** The values sealed in a cursor this scope gave out; a 400 naming `cursor` for a bad shape, tag or payload. */
function openCursor(cursor: string, scope: CursorScope): unknown[] {
  if (!SHAPE.test(cursor)) throw invalidCursor();
  const [payload = '', given] = cursor.split('.');
  if (given !== tag(scope, payload)) throw invalidCursor();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(values)) throw invalidCursor();
  return values;
}

/** The ExclusiveStartKey of a cursor this query gave out; a 400 naming `cursor` for anything else. */
export function decodeCursor(
  cursor: string | undefined,
  scope: CursorScope,
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = invalidCursor;
  const values = openCursor(cursor, scope);
  if (values.length !== scope.attributes.length) throw invalid();
  const key: Record<string, string> = {};
  for (const [i, attribute] of scope.attributes.entries()) {
    const value: unknown = values[i];
    if (typeof value !== 'string' || value === '' || Buffer.byteLength(value) > MAX_KEY_BYTES)
      throw invalid();
    key[attribute] = value;
  }
  if (key[scope.partition.attribute] !== scope.partition.value) throw invalid();
  const sortKey = key[scope.sortAttribute] ?? '';
  if (scope.sortKeyPrefix !== undefined && !sortKey.startsWith(scope.sortKeyPrefix)) throw invalid();
  if (scope.sortKeyFrom !== undefined && sortKey < scope.sortKeyFrom) throw invalid();
  return key;
}

/**
 * An offset into a list read whole and paged in memory (an audit trail: the chain is verified whole), bound to
 * what it pages, e.g. `contractor/ctr_…`: `<offset>.<tag>`, the same shape and checks as a key cursor.
 */
export function encodeOffsetCursor(offset: number, boundTo: string): string {
  return sealCursor([offset], offsetScope(boundTo));
}

/** The offset of a cursor encodeOffsetCursor gave out for the same list, 0 without one; a 400 naming `cursor` else. */
export function decodeOffsetCursor(cursor: string | undefined, boundTo: string, length: number): number {
  if (cursor === undefined) return 0;
  const values = openCursor(cursor, offsetScope(boundTo));
  const offset: unknown = values.length === 1 ? values[0] : undefined;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 1 || offset >= length)
    throw invalidCursor();
  return offset;
}

const offsetScope = (boundTo: string): CursorScope => ({
  indexName: 'offset',
  attributes: ['offset'],
  partition: { attribute: 'list', value: boundTo },
  sortAttribute: 'offset',
  newestFirst: false,
});
