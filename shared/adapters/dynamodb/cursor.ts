import { DomainError } from '#shared/domain/errors';

/** Opaque list cursor: the LastEvaluatedKey, base64url JSON. */
export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | undefined {
  return lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : undefined;
}

/**
 * A cursor is accepted only with exactly the expected attributes, all strings, and the same
 * partition (and sort-key prefix) as the query it continues: a forged cursor cannot reach another
 * partition, and a cursor of another filter cannot make DynamoDB refuse the query as out of bounds.
 */
export function decodeCursor(
  cursor: string | undefined,
  expect: {
    attributes: readonly string[];
    partition: Record<string, string>;
    sortKeyPrefix?: { attribute: string; prefix: string };
    /** The query's lower bound: a cursor below it would lie outside the query (DynamoDB refuses those). */
    sortKeyFrom?: { attribute: string; from: string };
  },
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new DomainError('invalid', 'cursor: not a cursor this list gave out', {
      field: 'cursor',
      location: 'query',
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  const wanted = new Set(expect.attributes);
  if (entries.length !== wanted.size || entries.some(([k, v]) => !wanted.has(k) || typeof v !== 'string'))
    throw invalid();
  const key = parsed as Record<string, string>;
  if (Object.entries(expect.partition).some(([k, v]) => key[k] !== v)) throw invalid();
  const within = expect.sortKeyPrefix;
  if (within && !key[within.attribute]?.startsWith(within.prefix)) throw invalid();
  const from = expect.sortKeyFrom;
  if (from && !((key[from.attribute] ?? '') >= from.from)) throw invalid();
  return key;
}
