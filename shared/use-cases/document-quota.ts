/**
 * A daily allowance of declared documents per contractor (issue 11 §4): every declaration (evidence or bid
 * document) hands out an upload form and, once used, keeps an object for 15 years, so a looping or compromised
 * client could fill the bucket. One counter item per contractor and business day (Asia/Shanghai), counted in the
 * declaration's own transaction: a refused declaration counts nothing, a committed one exactly once, and
 * concurrent declarations cannot both take the last place (the condition and the increment are one update).
 */
import { businessDate } from '#shared/domain/clock';
import { DomainError } from '#shared/domain/errors';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { ExtraWrite } from '#shared/adapters/dynamodb/record-store';
import { TABLE_NAME } from '#shared/adapters/dynamodb/table';

/**
 * Documents a contractor may declare per business day. The eight conditions with a few revisions each, plus up to
 * the bid-document limit on several projects, stay well under it; a client that reaches it is looping.
 */
export const DOCUMENTS_PER_DAY = 100;

/** The counter outlives its day by two, then DynamoDB's TTL removes it (it is bookkeeping, not a record). */
const COUNTER_TTL_SECONDS = 3 * 86_400;

export function countDocumentDeclaration(
  contractorId: string,
  now: Date,
  limit = DOCUMENTS_PER_DAY,
): ExtraWrite {
  const day = businessDate(now);
  return {
    item: {
      Update: {
        TableName: TABLE_NAME,
        Key: keys.documentQuota(contractorId, day),
        UpdateExpression:
          'ADD #n :one SET recordType = :type, expiresAt = if_not_exists(expiresAt, :expires)',
        ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
        ExpressionAttributeNames: { '#n': 'declared' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': limit,
          ':type': 'documentQuota',
          ':expires': Math.floor(now.getTime() / 1000) + COUNTER_TTL_SECONDS,
        },
      },
    },
    onConditionFailed: () =>
      new DomainError(
        'quota',
        `a contractor declares at most ${limit} documents a day; ${day} (Asia/Shanghai) is used up, declare again tomorrow`,
      ),
  };
}
