/**
 * The production wiring of the use-case ports. Storage (S3) lives in its own module so functions
 * that never touch documents do not bundle the S3 client.
 */
import type { RecordStorePort } from '#shared/use-cases/ports';
import { commit } from './dynamodb/record-store';
import { auditTrail, getRecord, queryAll, queryIndex, queryPartition } from './dynamodb/records';

export { systemClock as clock } from '#shared/domain/clock';

export const store: RecordStorePort = {
  get: getRecord,
  queryPartition,
  queryIndex,
  queryAll,
  auditTrail,
  commit,
};
