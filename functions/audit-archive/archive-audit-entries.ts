/**
 * Issue 11 §5 (R-SUP-2): the audit archiver. Fed by the table's stream through an event source mapping filtered to
 * `AUDIT#` items (and changes of `PUBLIC#`/`OCID#` items), on AWS (infra/constructs/audit-archive.ts) and by the
 * local stream poller on the embedded stack (infra/local/audit-stream.ts). Records are archived in stream order;
 * the first that fails ends the batch as a partial failure from it, so Lambda retries from that record (halving
 * the batch on repeated errors) and, after its retries, sends the batch's description to the on-failure queue.
 * Every write is idempotent (archiveObject writes a key once; a day's head never moves back), so a retried
 * record is harmless.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { clock } from '#shared/adapters/store';
import { recordDayHead } from '#shared/adapters/dynamodb/audit-heads';
import { itemChangeOf } from '#shared/adapters/dynamodb/stream-images';
import { archiveKeys, archiveObject } from '#shared/adapters/s3/audit-archive';
import { logger } from '#shared/http/logger';
import { archiveChange, type ArchiveDeps } from '#shared/use-cases/audit';

/** The log line a metric filter counts to raise the tamper alarm (infra/constructs/audit-archive.ts). */
export const TAMPER_MESSAGE = 'immutable item changed';

const deps: ArchiveDeps = {
  clock,
  archive: (key, body) => archiveObject(key, body),
  entryKey: archiveKeys.entry,
  tamperKey: archiveKeys.tamper,
  recordDayHead,
  // Keys only: an audit partition names a record type and id, never a value.
  onTamper: (change) => logger.error(TAMPER_MESSAGE, { tamper: true, ...change }),
};

async function archive(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  let archived = 0;
  for (const record of event.Records) {
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
    try {
      if (await archiveChange(deps, itemChangeOf(record))) archived++;
    } catch (error) {
      logger.warn('audit archive failed; the batch is retried from this record', {
        sequenceNumber,
        error: error instanceof Error ? error.message : String(error),
      });
      logger.info('audit archive', { archived, records: event.Records.length });
      return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
    }
  }
  logger.info('audit archive', { archived, records: event.Records.length });
  return { batchItemFailures: [] };
}

export const handler = middy(archive).use(injectLambdaContext(logger));
